/** The dark theme: the system's preference by default, the toolbar's toggle over it, remembered. */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../model/board/kinds.ts';
import { kindColors, rgbOf, THEMES } from '../../model/theme/tokens.ts';
import { launchBrowser, openApp, ROOT, startServer, tempFolder, type Server } from './driver.ts';

const rgb = (hex: string) => `rgb(${rgbOf(hex).join(', ')})`;

/** What the page really paints: computed colours of a sticky, a panel, the canvas and the text. */
async function painted(page: Page) {
  return page.evaluate(() => {
    // The page's globals, typed here: the suite compiles without the DOM library.
    const page = globalThis as unknown as {
      document: {
        querySelector(selector: string): unknown;
        documentElement: { dataset: Record<string, string | undefined> };
      };
      getComputedStyle(element: unknown): { backgroundColor: string; color: string };
    };
    const style = (selector: string) => page.getComputedStyle(page.document.querySelector(selector));
    return {
      event: style('.sticky.kind-event').backgroundColor,
      eventInk: style('.sticky.kind-event').color,
      command: style('.sticky.kind-command').backgroundColor,
      inspector: style('aside.right').backgroundColor,
      canvas: style('.svelte-flow').backgroundColor,
      text: style('body').color,
      attribute: page.document.documentElement.dataset.theme ?? null,
    };
  });
}

describe('the theme', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    const folder = await tempFolder();
    await copyFile(join(ROOT, 'examples', 'small.storm.json'), join(folder, 'small.storm.json'));
    server = await startServer(folder, 'small.storm.json');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('follows the system, switches with the toolbar button, and is remembered over a reload', async () => {
    const page = await openApp(browser, server.url);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('.sticky.kind-event').first().waitFor();
    const light = await painted(page);
    expect(light).toEqual({
      event: rgb(KINDS.event.color),
      eventInk: rgb(KINDS.event.ink),
      command: rgb(KINDS.command.color),
      inspector: rgb(THEMES.light.surface),
      canvas: rgb(THEMES.light.canvas),
      text: rgb(THEMES.light.text),
      attribute: null,
    });

    // The system turns dark: the page follows without being asked.
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = {
      event: rgb(kindColors('event', 'dark').color),
      eventInk: rgb(kindColors('event', 'dark').ink),
      command: rgb(kindColors('command', 'dark').color),
      inspector: rgb(THEMES.dark.surface),
      canvas: rgb(THEMES.dark.canvas),
      text: rgb(THEMES.dark.text),
    };
    await expect.poll(() => painted(page)).toEqual({ ...dark, attribute: null });
    expect(dark.event).not.toBe(light.event);

    // The user picks light over the system's dark, with the toolbar's button.
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    await expect.poll(() => painted(page)).toEqual({ ...light, attribute: 'light' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');

    // Remembered: a reload keeps light though the system still says dark.
    await page.reload();
    await page.waitForFunction(
      () => (globalThis as unknown as { stormbenchApp?: { ready: boolean } }).stormbenchApp?.ready === true,
    );
    await page.locator('.sticky.kind-event').first().waitFor();
    expect(await painted(page)).toEqual({ ...light, attribute: 'light' });

    // And the command (Ctrl+Shift+L, as the palette lists it) switches back to dark.
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Shift+KeyL');
    await expect.poll(() => painted(page)).toEqual({ ...dark, attribute: 'dark' });

    // Back to the system's choice, from the palette: the system says light, so light it is, and a
    // reload keeps following the system.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Control+KeyK');
    await page.getByRole('combobox', { name: 'Find a command' }).fill('follow the system');
    await page.keyboard.press('Enter');
    await expect.poll(() => painted(page)).toEqual(light);
    await page.reload();
    await page.locator('.sticky.kind-event').first().waitFor();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => painted(page)).toEqual({ ...dark, attribute: null });
    await page.close();
  });

  it('paints the minimap, a canvas CSS cannot reach, from the theme too', async () => {
    const page = await openApp(browser, server.url);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() =>
      (globalThis as unknown as { localStorage: { removeItem(key: string): void } }).localStorage.removeItem(
        'stormbench.theme',
      ),
    );
    const pixel = () =>
      page.evaluate(() => {
        type Canvas = {
          width: number;
          height: number;
          getContext(kind: '2d'): {
            getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
          };
        };
        const canvas = (
          globalThis as unknown as { document: { querySelector(selector: string): Canvas } }
        ).document.querySelector('.mini-board');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        // The most common opaque colour that is not the map's own background: the frames' fill.
        const counts = new Map<string, number>();
        for (let i = 0; i < data.length; i += 4)
          if (data[i + 3] === 255)
            counts.set(
              `${data[i]},${data[i + 1]},${data[i + 2]}`,
              (counts.get(`${data[i]},${data[i + 1]},${data[i + 2]}`) ?? 0) + 1,
            );
        return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      });
    await page.locator('.mini-board').waitFor();
    await expect.poll(pixel).toBe(rgbOf(THEMES.light.surfaceStrong).join(','));
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(pixel).toBe(rgbOf(THEMES.dark.surfaceStrong).join(','));
    await page.close();
  });
});
