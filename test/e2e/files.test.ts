import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoard } from '../../model/board/load.ts';
import {
  appState,
  boardOf,
  openApp,
  placeFromPalette,
  SHOTS,
  shot,
  startServer,
  viewSettledOn,
  waitForApp,
} from './driver.ts';
import { useApps } from './fixture.ts';

const EXAMPLES = ['small.storm.json', 'order-fulfilment.storm.json', 'workshop.storm.json'];

/** The texts of the recovery copies autosave keeps in a board folder. */
async function recoveryCopies(folder: string): Promise<string[]> {
  const dir = join(folder, '.stormbench', 'recovery');
  const names = await readdir(dir).catch(() => []);
  return Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
}

describe('files in the board folder', () => {
  const apps = useApps();

  it('opens each example with the same content as the file', async () => {
    const { folder, page } = await apps.start({ boards: EXAMPLES, open: 'order-fulfilment.storm.json' });
    for (const name of EXAMPLES) {
      await page.keyboard.press('Control+o');
      await page
        .getByRole('dialog', { name: 'Open a board' })
        .getByRole('button', { name, exact: true })
        .last()
        .click();
      await waitForApp(page, (hooks, n) => hooks.stormbenchApp.store.file === n, name);
      const file = parseBoard(await readFile(join(folder, name), 'utf8'));
      if (!file.ok) throw new Error(`${name} does not load`);
      // The whole board, every sticky, link and context with all its fields, not only their counts.
      expect(await boardOf(page)).toEqual(JSON.parse(JSON.stringify(file.board)));
      expect((await appState(page)).dirty).toBe(false);
      if (name === 'order-fulfilment.storm.json') {
        await viewSettledOn(page);
        await shot(page, 'example-order-fulfilment');
      }
    }
  });

  it('exports the open board for AsyncAPI, EventCatalog and as a workshop report into the board folder', async () => {
    const { folder, page } = await apps.start({ boards: ['order-fulfilment.storm.json'] });
    const exporter = page.getByRole('combobox', { name: 'Export', exact: true });
    await exporter.selectOption('asyncapi');
    await page.getByText('Exported 3 files to exports/order-fulfilment/asyncapi/').waitFor();
    const sales = JSON.parse(
      await readFile(join(folder, 'exports/order-fulfilment/asyncapi/sales-service.asyncapi.json'), 'utf8'),
    ) as { asyncapi: string };
    expect(sales.asyncapi).toBe('3.0.0');
    await exporter.selectOption('eventcatalog');
    await page.getByText(/Exported \d+ files to exports\/order-fulfilment\/eventcatalog\//).waitFor();
    expect(
      await readFile(join(folder, 'exports/order-fulfilment/eventcatalog/domains/Sales/index.mdx'), 'utf8'),
    ).toContain('name: "Sales"');
    await exporter.selectOption('report');
    await page.getByText('Exported 2 files to exports/order-fulfilment/report/').waitFor();
    expect(await readFile(join(folder, 'exports/order-fulfilment/report/index.html'), 'utf8')).toContain(
      'Order fulfilment',
    );
    expect(await exporter.inputValue()).toBe('');
  });

  it('exports the board as SVG and PNG for the workshop report', async () => {
    const { page } = await apps.start({ boards: ['small.storm.json'] });
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('combobox', { name: 'Export', exact: true }).selectOption('svg'),
    ]);
    expect(svg.suggestedFilename()).toBe('small.svg');
    const svgText = await readFile((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('Coffee ordered');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('combobox', { name: 'Export', exact: true }).selectOption('png'),
    ]);
    expect(png.suggestedFilename()).toBe('small.png');
    await png.saveAs(join(SHOTS, 'export.png'));
    const bytes = await readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it("shows the loader's message for a broken file and never writes to it", async () => {
    const broken =
      '{\n  "format": "stormbench.board",\n  "formatVersion": 1,\n  "name": "Broken",\n  "contexts": [],\n  "elements": [ { "id": "e1", "kind": "event" } ],\n  "links": []\n}\n';
    const { folder, page } = await apps.start({
      open: 'broken.storm.json',
      prepare: (dir) => writeFile(join(dir, 'broken.storm.json'), broken),
    });
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
    await expect(page.getByRole('dialog').getByRole('alert').textContent()).resolves.toMatch(
      /does not load as a board, so it is left untouched/,
    );
    expect(await readFile(join(folder, 'broken.storm.json'), 'utf8')).toBe(broken);
  });

  it('offers unsaved work back after the host is killed mid-session', async () => {
    const first = await apps.start({ boards: ['small.storm.json'] });
    const { folder } = first;
    const original = await readFile(join(folder, 'small.storm.json'), 'utf8');
    await first.page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    const id = await placeFromPalette(first.page, 'Hotspot', 'Who approves refunds?');
    // Autosave runs shortly after each change: once its copy is on disk, kill the host without warning.
    await expect
      .poll(async () => (await recoveryCopies(folder)).some((text) => text.includes('Who approves refunds?')), {
        timeout: 10_000,
      })
      .toBe(true);
    await first.server.stop('SIGKILL');
    expect(await readFile(join(folder, 'small.storm.json'), 'utf8')).toBe(original);

    const server = await startServer(folder, 'small.storm.json');
    await first.page.close();
    const page = await openApp(first.browser, server.url);
    try {
      const banner = page.getByRole('alert', { name: 'Recovered work' });
      await expect(banner.textContent()).resolves.toContain('small.storm.json');
      await shot(page, 'recovery-offered');
      await banner.getByRole('button', { name: 'Restore' }).click();
      await waitForApp(page, (hooks, i) => hooks.stormbenchApp.store.elementById.has(i), id);
      const state = await appState(page);
      expect(state.dirty).toBe(true);
      expect(state.file).toBe('small.storm.json');
      expect((await boardOf(page)).elements.find((e) => e.id === id)?.name).toBe('Who approves refunds?');
      await page.keyboard.press('Control+s');
      await waitForApp(page, (hooks) => hooks.stormbenchApp.store.dirty === false);
      expect(await readFile(join(folder, 'small.storm.json'), 'utf8')).toContain('Who approves refunds?');
      // Once saved, nothing is offered again.
      await page.reload();
      await waitForApp(page, (hooks) => hooks.stormbenchApp?.ready === true);
      await expect(page.getByRole('alert', { name: 'Recovered work' }).count()).resolves.toBe(0);
    } finally {
      await page.close();
      await server.stop();
    }
  });
});
