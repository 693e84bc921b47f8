/**
 * The canvas in headless Chromium, in one run: how long a board of 1,000 and of 5,000 stickies
 * takes from "open" to its first frame, and frame times (median, 95th percentile) while panning and
 * zooming over it, beside a bare Svelte Flow page with the same number of plain nodes.
 *
 *   npx tsx bench/canvas.ts [--sizes 1000,5000] [--bare 2000]
 *
 * Software rendering (no GPU), as on CI, so absolute figures are pessimistic; the comparison with
 * the bare page on the same machine is what matters.
 */
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/tools.ts';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serializeBoard } from '../model/board/serialize.ts';
import { makeWorkshopBoard } from '../scripts/workshop-board.ts';

const ROOT = join(import.meta.dirname, '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const SIZES = arg('--sizes', '1000,5000').split(',').map(Number);
const BARE = arg('--bare', '').split(',').filter(Boolean).map(Number);
const FRAMES = 120;

function startServe(folder: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'stormbench'), 'serve', '--dir', folder], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const look = (d: Buffer) => {
      output += d.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) resolve({ url: match[1]!, stop: () => child.kill() });
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

const stats = (frames: number[]) => {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
};

// In-page code is passed as text: this file is type-checked without the DOM's types.
const RECORD_MOTION = `async ({ api, kind, frames }) => {
  const flow = api === 'app' ? window.stormbenchApp.flow : window.benchFlow;
  const start = flow.viewport();
  const times = [];
  await new Promise((done) => {
    let i = 0;
    let last = performance.now();
    const step = (now) => {
      if (i > 0) times.push(now - last);
      last = now;
      if (i === frames) return done();
      const t = i / frames;
      if (kind === 'pan') flow.setViewport({ x: start.x - 1500 * t, y: start.y - 400 * t, zoom: start.zoom });
      else flow.setViewport({ x: start.x, y: start.y, zoom: start.zoom * (1 + 1.5 * Math.sin(Math.PI * t)) });
      i++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  flow.setViewport(start);
  return times;
}`;

const OPEN_BOARD = `async (name) => {
  const app = window.stormbenchApp;
  const t0 = performance.now();
  const opening = app.open(name);
  await new Promise((done) => {
    const tick = () => {
      // Near, stickies are nodes; far out, they are drawn on the far layer's canvas.
      if (app.store.file === name && document.querySelector('.svelte-flow__node-sticky, .far-layer canvas')) requestAnimationFrame(() => done());
      else requestAnimationFrame(tick);
    };
    tick();
  });
  const firstFrame = performance.now() - t0;
  await opening;
  return { firstFrame, rendered: document.querySelectorAll('.svelte-flow__node').length, far: !!document.querySelector('.far-layer') };
}`;

const BARE_FIRST_FRAME = `async () => {
  await new Promise((done) => {
    const tick = () => (document.querySelector('.svelte-flow__node') ? requestAnimationFrame(() => done()) : requestAnimationFrame(tick));
    tick();
  });
  return { firstFrame: performance.now() - window.benchStart, rendered: document.querySelectorAll('.svelte-flow__node').length };
}`;

async function motion(page: Page, api: 'app' | 'bare', zoom: 'fit' | 'near') {
  if (zoom === 'near') {
    await page.evaluate(`(() => { const f = ${api === 'app' ? 'window.stormbenchApp.flow' : 'window.benchFlow'}; f.setViewport({ x: 0, y: 0, zoom: 1 }); })()`);
    await page.waitForTimeout(300);
  }
  const pan = stats(await page.evaluate(`(${RECORD_MOTION})({ api: '${api}', kind: 'pan', frames: ${FRAMES} })`));
  const zoomed = stats(await page.evaluate(`(${RECORD_MOTION})({ api: '${api}', kind: 'zoom', frames: ${FRAMES} })`));
  return { pan, zoom: zoomed };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const fps = (frame: number) => `${(1000 / frame).toFixed(0)} fps`;

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'stormbench-bench-'));
  for (const size of SIZES) await writeFile(join(folder, `workshop-${size}.storm.json`), serializeBoard(makeWorkshopBoard(size)));
  const server = await startServe(folder);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  const rows: string[] = [];
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      await page.goto(server.url);
      await page.waitForFunction('window.stormbenchApp?.ready === true');
      const opened = (await page.evaluate(`(${OPEN_BOARD})('workshop-${size}.storm.json')`)) as { firstFrame: number; rendered: number; far: boolean };
      await page.waitForTimeout(1000);
      const far = await motion(page, 'app', 'fit');
      const near = await motion(page, 'app', 'near');
      rows.push(`Stormbench, ${size} stickies: open → first frame ${ms(opened.firstFrame)}${opened.far ? ' (fitted, far layer)' : ''}; ` +
        `fitted: pan ${ms(far.pan.median)} median / ${ms(far.pan.p95)} p95 (${fps(far.pan.median)}), zoom ${ms(far.zoom.median)} / ${ms(far.zoom.p95)}; ` +
        `at 100%: pan ${ms(near.pan.median)} / ${ms(near.pan.p95)} (${fps(near.pan.median)}), zoom ${ms(near.zoom.median)} / ${ms(near.zoom.p95)}`);
      console.log(rows.at(-1));
      await page.close();
    }
    for (const n of BARE.length > 0 ? BARE : SIZES) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      await page.goto(`${server.url}bench-bare.html?n=${n}`);
      const opened = (await page.evaluate(`(${BARE_FIRST_FRAME})()`)) as { firstFrame: number };
      await page.waitForTimeout(1000);
      const far = await motion(page, 'bare', 'fit');
      rows.push(`Bare Svelte Flow, ${n} nodes: first frame ${ms(opened.firstFrame)}; fitted: pan ${ms(far.pan.median)} / ${ms(far.pan.p95)} (${fps(far.pan.median)}), zoom ${ms(far.zoom.median)} / ${ms(far.zoom.p95)}`);
      console.log(rows.at(-1));
      await page.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

await main();
