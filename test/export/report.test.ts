import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../model/board/kinds.ts';
import { lintBoard } from '../../model/lint/lint.ts';
import { exportReport } from '../../generator/export/exports.ts';
import { ROOT, example } from '../support/boards.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/tools.ts';
import { maliciousBoard } from './malicious.ts';

const SHOTS = `${ROOT}test/export/screenshots`;
const dir = mkdtempSync(join(tmpdir(), 'stormbench-report-'));
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a report with every network request recorded (there must be none but the file itself). */
async function open(file: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  return { page, requests, dialogs, errors };
}

describe('export report in headless Chromium', () => {
  it('renders the board image and the lists of the order-fulfilment workshop', async () => {
    const board = example('order-fulfilment');
    await exportReport(board, join(dir, 'order'), { source: 'examples/order-fulfilment.storm.json' });
    const { page, requests, errors } = await open(join(dir, 'order', 'index.html'));
    try {
      const image = page.locator('figure.board-image svg');
      const box = await image.boundingBox();
      expect(box!.width).toBeGreaterThan(800);
      expect(box!.height).toBeGreaterThan(300);
      expect(await image.locator('g.sticky').count()).toBe(board.elements.length);
      expect(await image.locator('g.context').count()).toBe(3);
      expect(await image.locator('g.links path.link').count()).toBeGreaterThan(20);
      expect(await page.locator('ul.contexts > li').count()).toBe(3);
      expect(await page.locator('article.event').count()).toBe(8);
      expect(await page.locator('article.event .verdict.ok').count()).toBe(2);
      expect(await page.locator('.step').count()).toBe(4); // 1 step for BACKWARD, 3 for BACKWARD_TRANSITIVE over 3 versions
      expect(await page.locator('ul.hotspots > li').count()).toBe(2);
      expect(await page.locator('table.findings tbody tr').count()).toBe(lintBoard(board).length);
      // A sticky is drawn in its colour and where the board puts it.
      const fill = await image.locator('g.sticky.event rect').first().getAttribute('fill');
      expect(fill).toBe(KINDS.event.color);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      expect(errors).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/report-order-fulfilment.png` });
      await page.locator('#events').screenshot({ path: `${SHOTS}/report-events.png` });
    } finally {
      await page.close();
    }
  });

  it("shows a malicious board's names as text and runs nothing", async () => {
    const board = maliciousBoard();
    await exportReport(board, join(dir, 'evil'));
    const { page, requests, dialogs, errors } = await open(join(dir, 'evil', 'index.html'));
    try {
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      expect(await page.locator('script, img, iframe').count()).toBe(0);
      expect(await page.title()).toBe('</title><script>alert(3)</script> – workshop report');
      expect(await page.locator('h1').textContent()).toBe('</title><script>alert(3)</script>');
      expect(await page.locator('ul.contexts > li h3').first().textContent()).toBe('<script>alert(1)</script>');
      expect(await page.locator('figure.board-image svg g.sticky').count()).toBe(board.elements.length);
      await page.screenshot({ path: `${SHOTS}/report-malicious.png` });
    } finally {
      await page.close();
    }
  });
});
