/** The zoom keys and commands the shortcut sheet lists change the zoom, and keys log nothing. */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, placeByKey, ROOT, startServer, tempFolder, type Server } from './driver.ts';

describe('zoom', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  const warnings: string[] = [];
  const zoom = () => page.evaluate(() => (globalThis as unknown as { stormbenchApp: { flow: { viewport(): { zoom: number } } } }).stormbenchApp.flow.viewport().zoom);

  beforeAll(async () => {
    const folder = await tempFolder();
    await copyFile(join(ROOT, 'examples', 'small.storm.json'), join(folder, 'small.storm.json'));
    server = await startServer(folder, 'small.storm.json');
    browser = await launchBrowser();
    page = await openApp(browser, server.url);
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('zooms in with + (and =) and out with -, around the middle of the view', async () => {
    await page.locator('.svelte-flow__pane').click({ position: { x: 40, y: 40 } });
    const start = await zoom();
    await page.keyboard.press('Shift+Equal');
    await expect.poll(zoom).toBeCloseTo(start * 1.2, 3);
    await page.keyboard.press('Equal');
    await expect.poll(zoom).toBeCloseTo(start * 1.44, 3);
    await page.keyboard.press('Minus');
    await expect.poll(zoom).toBeCloseTo(start * 1.2, 3);
  });

  it('zooms from the command palette', async () => {
    const before = await zoom();
    await page.keyboard.press('Control+KeyK');
    const palette = page.getByRole('dialog', { name: 'Commands' });
    await palette.getByRole('combobox', { name: 'Find a command' }).fill('zoom out');
    await palette.getByRole('option', { name: /Zoom out/ }).first().click();
    await expect.poll(zoom).toBeCloseTo(before / 1.2, 3);
  });

  it('starts a new board at 100%, whatever the zoom of the board before', async () => {
    const before = await zoom();
    await page.keyboard.press('Shift+Equal');
    await page.keyboard.press('Shift+Equal');
    await expect.poll(zoom).toBeCloseTo(before * 1.44, 2);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const discard = page.getByRole('button', { name: /Discard|Don.t save/ });
    if (await discard.isVisible().catch(() => false)) await discard.click();
    await expect.poll(zoom).toBeCloseTo(1, 3);
  });

  it('logs no warning while stickies are placed with keys', async () => {
    for (const name of ['Cup ordered', 'Cup served', 'Cup paid']) await placeByKey(page, 'e', 'Event', name);
    expect(warnings).toEqual([]);
  });
});
