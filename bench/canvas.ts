/**
 * The canvas in headless Chromium, in one run: how long a board of 5,000 and of 20,000 stickies
 * takes from "open" to its first frame, and frame times (median, 95th percentile) while panning and
 * zooming over it fitted and at 100% (in the middle of the board), beside a bare Svelte Flow page
 * with the same number of plain nodes, only those in view mounted (the floor for Svelte Flow on
 * this machine, in this run). The targets (issue 17): pan p95 <= 20 ms at 100% on 5,000 stickies,
 * first frame of 20,000 under 1 s.
 *
 *   npx tsx bench/canvas.ts [--sizes 5000,20000] [--bare 5000] [--bare-all 2000] [--pans 5] [--profile] [--profile-open]
 *
 * Each pan is made `--pans` times (default 5), the same path from the same place: one pan's p95 of
 * 120 frames is decided by its 6 slowest frames, and at 60 Hz a frame is 16.7 ms or 33.3 ms, so
 * one pan says little. Printed: the median and p95 of all the pans' frames together, each pan's
 * p95 in order (the first one after opening runs on JavaScript not yet optimised), and how many
 * pans kept their p95 within 20 ms.
 * `--bare-all` adds bare pages that mount every node (Svelte Flow's default). `--profile` records
 * the 100% pan of the first size with Chromium's tracing and CPU profiler (over CDP) and prints
 * where the main thread's time went; `--profile-open` does the same for opening the first size.
 * The first frame is also split: when the host's answer arrived, and when the page had parsed it.
 * Software rendering (no GPU), as on CI, so absolute figures are pessimistic; the comparison with
 * the bare page on the same machine is what matters. Print the load average beside the figures:
 * the machine may be shared.
 */
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/tools.ts';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { serializeBoard } from '../model/board/serialize.ts';
import { makeWorkshopBoard } from '../scripts/workshop-board.ts';

const ROOT = join(import.meta.dirname, '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const SIZES = arg('--sizes', '5000,20000').split(',').map(Number);
const BARE = arg('--bare', '5000').split(',').filter(Boolean).map(Number);
const BARE_ALL = arg('--bare-all', '').split(',').filter(Boolean).map(Number);
const PROFILE = process.argv.includes('--profile');
const PROFILE_OPEN = process.argv.includes('--profile-open');
const FRAMES = 120;
const PANS = Math.max(1, Number(arg('--pans', '5')));
/** The target for a pan's p95 at 100% (issue 17). */
const PAN_P95_TARGET_MS = 20;

function startServe(folder: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'stormbench'), 'serve', '--dir', folder], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  // When the host's answer arrived, and when the page had parsed it: the rest is the page's.
  const marks = {};
  const fetched = window.fetch;
  window.fetch = async (...args) => {
    const response = await fetched(...args);
    if (!String(args[0]).includes('openBoard')) return response;
    marks.answered = performance.now() - t0;
    const json = response.json.bind(response);
    response.json = async () => {
      const value = await json();
      marks.parsed = performance.now() - t0;
      return value;
    };
    return response;
  };
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
  window.fetch = fetched;
  return { firstFrame, ...marks, rendered: document.querySelectorAll('.svelte-flow__node').length, far: !!document.querySelector('.far-layer') };
}`;

const BARE_FIRST_FRAME = `async () => {
  await new Promise((done) => {
    const tick = () => (document.querySelector('.svelte-flow__node') ? requestAnimationFrame(() => done()) : requestAnimationFrame(tick));
    tick();
  });
  return { firstFrame: performance.now() - window.benchStart, rendered: document.querySelectorAll('.svelte-flow__node').length };
}`;

// The middle of the board at 100%: where a facilitator works, stickies all around.
const CENTRE_AT_100 = `((api) => {
  const flow = api === 'app' ? window.stormbenchApp.flow : window.benchFlow;
  let b = api === 'bare' ? window.benchFlow.bounds() : undefined;
  if (!b) {
    const board = window.stormbenchApp.store.board;
    const xs = board.elements.map((e) => e.x), ys = board.elements.map((e) => e.y);
    b = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  }
  const pane = document.querySelector('.svelte-flow').getBoundingClientRect();
  flow.setViewport({ x: pane.width / 2 - (b.x + b.width / 2), y: pane.height / 2 - (b.y + b.height / 2), zoom: 1 });
})`;

async function motion(page: Page, api: 'app' | 'bare', zoom: 'fit' | 'near', profile = false) {
  if (zoom === 'near') {
    await page.evaluate(`${CENTRE_AT_100}('${api}')`);
    await page.waitForTimeout(1000);
  }
  const recording = profile ? await startProfile(page) : undefined;
  const pans: number[][] = [];
  for (let i = 0; i < (profile ? 1 : PANS); i++) {
    if (i > 0) await page.waitForTimeout(300);
    pans.push(
      (await page.evaluate(`(${RECORD_MOTION})({ api: '${api}', kind: 'pan', frames: ${FRAMES} })`)) as number[],
    );
  }
  if (recording) await recording.stop();
  const pan = { ...stats(pans.flat()), each: pans.map((frames) => stats(frames).p95) };
  await page.waitForTimeout(300);
  const zoomed = stats(await page.evaluate(`(${RECORD_MOTION})({ api: '${api}', kind: 'zoom', frames: ${FRAMES} })`));
  return { pan, zoom: zoomed };
}

/**
 * Chromium's own account of a stretch of frames, over CDP: the main thread's trace events by name
 * (script, style, layout, paint…) and the JavaScript functions with the most self time.
 */
async function startProfile(page: Page): Promise<{ stop(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  const events: Array<{
    name: string;
    ph: string;
    ts: number;
    dur?: number;
    tid: number;
    pid: number;
    args?: { name?: string };
  }> = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8',
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await cdp.send('Profiler.stop')) as {
        profile: {
          nodes: Array<{
            id: number;
            callFrame: { functionName: string; url: string; lineNumber: number };
            hitCount?: number;
          }>;
          samples: number[];
          timeDeltas: number[];
        };
      };
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
      const byName = new Map<string, number>();
      for (const e of events)
        if (main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur)
          byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
      // The main thread's long tasks in order (from the first event recorded), with what they were.
      const mine = events.filter((e) => main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur);
      const start = Math.min(...mine.map((e) => e.ts));
      const tasks = mine.filter((e) => e.name === 'RunTask' && e.dur! > 50_000);
      console.log('  main thread, tasks over 50 ms (start, duration, what took most of it):');
      for (const task of tasks.slice(0, 16)) {
        const inside = mine.filter(
          (e) => e !== task && e.name !== 'RunTask' && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!,
        );
        const top = inside
          .filter((e) => !['ThreadControllerImpl::RunTask', 'v8.callFunction', 'FunctionCall'].includes(e.name))
          .sort((a, b) => b.dur! - a.dur!)
          .slice(0, 3)
          .map((e) => `${e.name} ${(e.dur! / 1000).toFixed(0)}`)
          .join(', ');
        console.log(
          `    at ${((task.ts - start) / 1000).toFixed(0).padStart(5)}  ${(task.dur! / 1000).toFixed(0).padStart(5)}  ${top}`,
        );
      }
      console.log('  main thread, by trace event (ms, nested events counted in their parents too):');
      const wrappers = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'v8.callFunction', 'FunctionCall']);
      for (const [name, total] of [...byName]
        .filter(([name]) => !wrappers.has(name) && !name.startsWith('V8.GC_'))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 20))
        console.log(`    ${total.toFixed(0).padStart(6)}  ${name}`);
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id, i) => {
        const f = byId.get(id)!.callFrame;
        const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
      });
      console.log('  JavaScript self time (ms):');
      for (const [name, total] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 16))
        console.log(`    ${total.toFixed(0).padStart(6)}  ${name}`);
      await cdp.detach();
    },
  };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const fps = (frame: number) => `${(1000 / frame).toFixed(0)} fps`;
const figures = (m: { pan: { median: number; p95: number; each: number[] }; zoom: { median: number; p95: number } }) =>
  `pan ${ms(m.pan.median)} / ${ms(m.pan.p95)} (${fps(m.pan.median)}; each pan's p95 ${m.pan.each.map((p) => p.toFixed(1)).join(', ')} ms, ` +
  `${m.pan.each.filter((p) => p <= PAN_P95_TARGET_MS).length} of ${m.pan.each.length} within ${PAN_P95_TARGET_MS} ms), ` +
  `zoom ${ms(m.zoom.median)} / ${ms(m.zoom.p95)}`;

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'stormbench-bench-'));
  for (const size of SIZES)
    await writeFile(join(folder, `workshop-${size}.storm.json`), serializeBoard(makeWorkshopBoard(size)));
  const server = await startServe(folder);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores; frame times are median / p95`,
  );
  try {
    for (const [i, size] of SIZES.entries()) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      await page.goto(server.url);
      await page.waitForFunction('window.stormbenchApp?.ready === true');
      if (PROFILE_OPEN && i === 0) console.log(`Profile of opening ${size} stickies:`);
      const recording = PROFILE_OPEN && i === 0 ? await startProfile(page) : undefined;
      const opened = (await page.evaluate(`(${OPEN_BOARD})('workshop-${size}.storm.json')`)) as {
        firstFrame: number;
        answered?: number;
        parsed?: number;
        rendered: number;
        far: boolean;
      };
      if (recording) await recording.stop();
      await page.waitForTimeout(1000);
      const far = await motion(page, 'app', 'fit');
      if (PROFILE && i === 0) console.log(`Profile of the pan at 100%, ${size} stickies:`);
      const near = await motion(page, 'app', 'near', PROFILE && i === 0);
      const rendered = await page.evaluate('document.querySelectorAll(".svelte-flow__node").length');
      console.log(
        `Stormbench, ${size} stickies: open → first frame ${ms(opened.firstFrame)}${opened.far ? ' (fitted, far layer)' : ''}` +
          (opened.answered !== undefined && opened.parsed !== undefined
            ? ` (host answered at ${ms(opened.answered)}, parsed at ${ms(opened.parsed)})`
            : '') +
          '; ' +
          `fitted: ${figures(far)}; at 100%: ${figures(near)}; ${rendered} nodes mounted at 100%`,
      );
      await page.close();
    }
    const bare = [...BARE.map((n) => ({ n, visible: true })), ...BARE_ALL.map((n) => ({ n, visible: false }))];
    for (const { n, visible } of bare) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      await page.goto(`${server.url}bench-bare.html?n=${n}${visible ? '&visible' : ''}`);
      const opened = (await page.evaluate(`(${BARE_FIRST_FRAME})()`)) as { firstFrame: number };
      await page.waitForTimeout(1000);
      const far = await motion(page, 'bare', 'fit');
      const near = await motion(page, 'bare', 'near');
      console.log(
        `Bare Svelte Flow, ${n} nodes${visible ? ', only those in view mounted' : ''}: first frame ${ms(opened.firstFrame)}; fitted: ${figures(far)}; at 100%: ${figures(near)}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
