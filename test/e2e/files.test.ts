import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseBoard } from '../../model/board/load.ts';
import { appState, boardOf, launchBrowser, openApp, placeFromPalette, ROOT, SHOTS, shot, startServer, tempFolder, type Server } from './driver.ts';

const EXAMPLES = ['small.storm.json', 'order-fulfilment.storm.json', 'workshop.storm.json'];

describe('files in the board folder', () => {
  let browser: Browser;
  let server: Server | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await page?.close();
    page = undefined;
    await server?.stop();
    server = undefined;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens each example with the same content as the file', async () => {
    const folder = await tempFolder();
    for (const name of EXAMPLES) await copyFile(join(ROOT, 'examples', name), join(folder, name));
    server = await startServer(folder, 'order-fulfilment.storm.json');
    page = await openApp(browser, server.url);
    for (const name of EXAMPLES) {
      await page.keyboard.press('Control+o');
      await page.getByRole('dialog', { name: 'Open a board' }).getByRole('button', { name, exact: true }).last().click();
      await page.waitForFunction((n) => (globalThis as unknown as { stormbenchApp: { store: { file?: string } } }).stormbenchApp.store.file === n, name);
      const file = parseBoard(await readFile(join(folder, name), 'utf8'));
      if (!file.ok) throw new Error(`${name} does not load`);
      // The whole board, every sticky, link and context with all its fields, not only their counts.
      expect(await boardOf(page)).toEqual(JSON.parse(JSON.stringify(file.board)));
      expect((await appState(page)).dirty).toBe(false);
      if (name === 'order-fulfilment.storm.json') {
        await page.waitForTimeout(400);
        await shot(page, 'example-order-fulfilment');
      }
    }
  });

  it('exports the open board for AsyncAPI, EventCatalog and as a workshop report into the board folder', async () => {
    const folder = await tempFolder();
    await copyFile(join(ROOT, 'examples', 'order-fulfilment.storm.json'), join(folder, 'order-fulfilment.storm.json'));
    server = await startServer(folder, 'order-fulfilment.storm.json');
    page = await openApp(browser, server.url);
    const exporter = page.getByRole('combobox', { name: 'Export', exact: true });
    await exporter.selectOption('asyncapi');
    await page.getByText('Exported 3 files to exports/order-fulfilment/asyncapi/').waitFor();
    const sales = JSON.parse(await readFile(join(folder, 'exports/order-fulfilment/asyncapi/sales-service.asyncapi.json'), 'utf8')) as { asyncapi: string };
    expect(sales.asyncapi).toBe('3.0.0');
    await exporter.selectOption('eventcatalog');
    await page.getByText(/Exported \d+ files to exports\/order-fulfilment\/eventcatalog\//).waitFor();
    expect(await readFile(join(folder, 'exports/order-fulfilment/eventcatalog/domains/Sales/index.mdx'), 'utf8')).toContain('name: "Sales"');
    await exporter.selectOption('report');
    await page.getByText('Exported 2 files to exports/order-fulfilment/report/').waitFor();
    expect(await readFile(join(folder, 'exports/order-fulfilment/report/index.html'), 'utf8')).toContain('Order fulfilment');
    expect(await exporter.inputValue()).toBe('');
  });

  it('exports the board as SVG and PNG for the workshop report', async () => {
    const folder = await tempFolder();
    await copyFile(join(ROOT, 'examples', 'small.storm.json'), join(folder, 'small.storm.json'));
    server = await startServer(folder, 'small.storm.json');
    page = await openApp(browser, server.url);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('combobox', { name: 'Export', exact: true }).selectOption('svg')]);
    expect(svg.suggestedFilename()).toBe('small.svg');
    const svgText = await readFile((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('Coffee ordered');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('combobox', { name: 'Export', exact: true }).selectOption('png')]);
    expect(png.suggestedFilename()).toBe('small.png');
    await png.saveAs(join(SHOTS, 'export.png'));
    const bytes = await readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it('shows the loader\'s message for a broken file and never writes to it', async () => {
    const folder = await tempFolder();
    const broken = '{\n  "format": "stormbench.board",\n  "formatVersion": 1,\n  "name": "Broken",\n  "contexts": [],\n  "elements": [ { "id": "e1", "kind": "event" } ],\n  "links": []\n}\n';
    await writeFile(join(folder, 'broken.storm.json'), broken);
    server = await startServer(folder, 'broken.storm.json');
    page = await openApp(browser, server.url);
    const alert = page.getByRole('alert', { name: 'Board could not be opened' });
    await expect(alert.textContent()).resolves.toContain('broken.storm.json');
    const message = (await alert.locator('pre').textContent()) ?? '';
    expect(message).toMatch(/broken\.storm\.json:\d+:\d+: /);
    await shot(page, 'load-error');
    // Saving now starts a new board elsewhere; the app refuses to overwrite the broken file.
    await page.getByRole('button', { name: 'New board' }).click();
    await placeFromPalette(page, 'Event', 'Something happened');
    await page.keyboard.press('Control+s');
    await page.getByRole('textbox', { name: 'File name' }).fill('broken');
    await page.getByRole('checkbox').check();
    await page.getByRole('textbox', { name: 'File name' }).press('Enter');
    await expect(page.getByRole('dialog').getByRole('alert').textContent()).resolves.toMatch(/does not load as a board, so it is left untouched/);
    expect(await readFile(join(folder, 'broken.storm.json'), 'utf8')).toBe(broken);
  });

  it('offers unsaved work back after the host is killed mid-session', async () => {
    const folder = await tempFolder();
    await copyFile(join(ROOT, 'examples', 'small.storm.json'), join(folder, 'small.storm.json'));
    const original = await readFile(join(folder, 'small.storm.json'), 'utf8');
    server = await startServer(folder, 'small.storm.json');
    page = await openApp(browser, server.url);
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    const id = await placeFromPalette(page, 'Hotspot', 'Who approves refunds?');
    // Autosave runs shortly after each change; give it time, then kill the host without warning.
    await page.waitForTimeout(1500);
    await server.stop('SIGKILL');
    expect(await readFile(join(folder, 'small.storm.json'), 'utf8')).toBe(original);

    server = await startServer(folder, 'small.storm.json');
    await page.close();
    page = await openApp(browser, server.url);
    const banner = page.getByRole('alert', { name: 'Recovered work' });
    await expect(banner.textContent()).resolves.toContain('small.storm.json');
    await shot(page, 'recovery-offered');
    await banner.getByRole('button', { name: 'Restore' }).click();
    await page.waitForFunction((i) => (globalThis as unknown as { stormbenchApp: { store: { elementById: Map<string, unknown> } } }).stormbenchApp.store.elementById.has(i), id);
    const state = await appState(page);
    expect(state.dirty).toBe(true);
    expect(state.file).toBe('small.storm.json');
    expect((await boardOf(page)).elements.find((e) => e.id === id)?.name).toBe('Who approves refunds?');
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => (globalThis as unknown as { stormbenchApp: { store: { dirty: boolean } } }).stormbenchApp.store.dirty === false);
    expect(await readFile(join(folder, 'small.storm.json'), 'utf8')).toContain('Who approves refunds?');
    // Once saved, nothing is offered again.
    await page.reload();
    await page.waitForFunction(() => (globalThis as unknown as { stormbenchApp?: { ready: boolean } }).stormbenchApp?.ready === true);
    await expect(page.getByRole('alert', { name: 'Recovered work' }).count()).resolves.toBe(0);
  });
});
