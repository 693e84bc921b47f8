/**
 * What a room reads off the canvas: link labels whole and above the stickies, off every sticky's
 * name (they were clipped, "is handled by" read "handled"); names legible at "Fit" on the biggest
 * example; and with the schema dock open, the minimap and the zoom controls off the board.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, ROOT, shot, startServer, tempFolder, type Server } from './driver.ts';

type Rect = { x: number; y: number; width: number; height: number };
type App = {
  stormbenchApp: {
    open(name: string): Promise<void>;
    store: { board: { elements: Array<{ id: string; kind: string }> }; select(ids: string[]): void };
    flow: { viewport(): { zoom: number }; setViewport(v: { x: number; y: number; zoom: number }): void };
  };
};
const app = (page: Page) => page.evaluate(() => (globalThis as unknown as App).stormbenchApp.flow.viewport());

/**
 * Every link label that is on screen, with what covers it: at its corners and its middle
 * the page must find the label itself, and no line of a sticky's name may cross it.
 */
async function labelsSeen(page: Page): Promise<Array<{ text: string; hidden: string[]; onNames: string[] }>> {
  // In-page code is passed as text: the tests are type-checked without the DOM's types.
  return page.evaluate(`(() => {
    const pane = document.querySelector('.svelte-flow').getBoundingClientRect();
    const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const names = [...document.querySelectorAll('.svelte-flow__node-sticky .name')].flatMap((span) => {
      const range = document.createRange();
      range.selectNodeContents(span);
      return [...range.getClientRects()].map((rect) => ({ rect, text: span.textContent }));
    });
    const overlays = [...document.querySelectorAll('.mini-board, .svelte-flow__controls')].map((e) => e.getBoundingClientRect());
    return [...document.querySelectorAll('.link-label')]
      .map((label) => ({ label, rect: label.getBoundingClientRect() }))
      .filter(({ rect }) => rect.left >= pane.left && rect.right <= pane.right && rect.top >= pane.top && rect.bottom <= pane.bottom && !overlays.some((o) => meets(o, rect)))
      .map(({ label, rect }) => {
        // 2px in from each corner: the label's corners are rounded (3px), and a point outside the curve
        // belongs to what is under the label.
        const points = [[rect.left + 2, rect.top + 2], [rect.right - 2, rect.top + 2], [rect.left + 2, rect.bottom - 2], [rect.right - 2, rect.bottom - 2], [rect.left + rect.width / 2, rect.top + rect.height / 2]];
        const hidden = points.filter(([x, y]) => !label.contains(document.elementFromPoint(x, y))).map(([x, y]) => Math.round(x) + ',' + Math.round(y) + ' under ' + document.elementFromPoint(x, y)?.className);
        const onNames = names.filter((n) => meets(n.rect, rect)).map((n) => n.text);
        return { text: label.textContent, hidden, onNames };
      });
  })()`);
}

describe('the canvas is readable', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const folder = await tempFolder();
    for (const name of ['workshop.storm.json', 'order-fulfilment.storm.json'])
      await copyFile(join(ROOT, 'examples', name), join(folder, name));
    server = await startServer(folder, 'workshop.storm.json');
    browser = await launchBrowser();
    page = await openApp(browser, server.url);
    page.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows sticky names at a legible size at Fit on the biggest example board', async () => {
    await page.waitForFunction(() => (globalThis as unknown as App).stormbenchApp.store.board.elements.length > 1000);
    await page.evaluate(() => (globalThis as unknown as App).stormbenchApp.flow.setViewport({ x: 0, y: 0, zoom: 1 }));
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Shift+Digit1');
    // The whole workshop board in view: a sticky is a few pixels wide.
    await expect.poll(async () => (await app(page)).zoom, { timeout: 10_000 }).toBeLessThan(0.2);
    await page.waitForTimeout(800);
    const { zoom } = await app(page);
    const names = (await page.evaluate(
      `[...document.querySelectorAll('.far-name')].map((e) => ({ id: e.dataset.id, size: parseFloat(getComputedStyle(e).fontSize), rect: e.getBoundingClientRect().toJSON() }))`,
    )) as Array<{ id: string; size: number; rect: { left: number; right: number; top: number; bottom: number } }>;
    const titles = (await page.evaluate(
      `[...document.querySelectorAll('.svelte-flow__node-context .header')].map((e) => parseFloat(getComputedStyle(e).fontSize))`,
    )) as number[];
    await shot(page, 'canvas-fit-workshop');
    // Many names, every one at 10px or more on screen, none on top of another.
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) expect(name.size * zoom).toBeGreaterThanOrEqual(10);
    for (const [i, a] of names.entries())
      for (const b of names.slice(i + 1))
        expect(
          a.rect.left < b.rect.right &&
            b.rect.left < a.rect.right &&
            a.rect.top < b.rect.bottom &&
            b.rect.top < a.rect.bottom,
          `${a.id} on ${b.id}`,
        ).toBe(false);
    expect(titles.length).toBeGreaterThan(0);
    for (const size of titles) expect(size * zoom).toBeGreaterThanOrEqual(13);
  });

  it('draws every link label whole, above the stickies and off their names, at 100%', async () => {
    // The top left of the first context: commands beside their aggregates, 10 units apart, each
    // link labelled "is handled by".
    await page.evaluate(() => (globalThis as unknown as App).stormbenchApp.flow.setViewport({ x: 20, y: 20, zoom: 1 }));
    await page.waitForTimeout(1500);
    const labels = await labelsSeen(page);
    await shot(page, 'canvas-labels-100');
    expect(labels.map((l) => l.text)).toContain('is handled by');
    expect(labels.length).toBeGreaterThan(10);
    for (const label of labels) {
      expect(label.hidden, label.text).toEqual([]);
      expect(label.onNames, label.text).toEqual([]);
    }
  });

  it('draws every link label whole and off the names on the order-fulfilment board', async () => {
    await page.evaluate(() => (globalThis as unknown as App).stormbenchApp.open('order-fulfilment.storm.json'));
    await page.waitForTimeout(1500);
    for (const zoom of [1, 0.7]) {
      await page.evaluate(
        (z) => (globalThis as unknown as App).stormbenchApp.flow.setViewport({ x: 0, y: 0, zoom: z }),
        zoom,
      );
      await page.waitForTimeout(1000);
      const labels = await labelsSeen(page);
      expect(labels.length).toBeGreaterThan(3);
      for (const label of labels) {
        expect(label.hidden, label.text).toEqual([]);
        expect(label.onNames, label.text).toEqual([]);
      }
    }
  });

  it('keeps the minimap and the zoom controls off the board when the dock is open', async () => {
    // A narrower window: the fitted board is as wide as the canvas allows, and reached under the
    // zoom buttons.
    await page.setViewportSize({ width: 800, height: 860 });
    await page.evaluate(() => (globalThis as unknown as App).stormbenchApp.open('order-fulfilment.storm.json'));
    await page.waitForTimeout(1000);
    const event = await page.evaluate(
      () => (globalThis as unknown as App).stormbenchApp.store.board.elements.find((e) => e.kind === 'event')!.id,
    );
    await page.evaluate((id) => (globalThis as unknown as App).stormbenchApp.store.select([id]), event);
    await page.locator('section.dock').waitFor();
    await page.waitForTimeout(500);
    await page.keyboard.press('Shift+Digit1');
    await page.waitForTimeout(800);
    await shot(page, 'canvas-dock-open');
    // Where the board is drawn (every sticky and frame, nodes or not), and what floats over it.
    const { board, overlays } = (await page.evaluate(`(() => {
      const app = window.stormbenchApp;
      const { x, y, zoom } = app.flow.viewport();
      const pane = document.querySelector('.svelte-flow').getBoundingClientRect();
      const boxes = [...app.store.board.elements, ...app.store.board.contexts];
      const left = Math.min(...boxes.map((b) => b.x)), top = Math.min(...boxes.map((b) => b.y));
      const right = Math.max(...boxes.map((b) => b.x + b.width)), bottom = Math.max(...boxes.map((b) => b.y + b.height));
      return {
        board: { x: pane.left + x + left * zoom, y: pane.top + y + top * zoom, width: (right - left) * zoom, height: (bottom - top) * zoom },
        overlays: [...document.querySelectorAll('.mini-board, .svelte-flow__controls')].map((e) => e.getBoundingClientRect().toJSON()),
      };
    })()`)) as { board: Rect; overlays: Rect[] };
    expect(overlays.length).toBeGreaterThan(0);
    const meets = (a: Rect, b: Rect) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const overlay of overlays) expect(meets(overlay, board), JSON.stringify({ overlay, board })).toBe(false);
  });
});
