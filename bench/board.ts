// Load, lint and save boards of growing size, beside a bare JSON.parse / JSON.stringify of the
// same text in the same run. Prints a table of medians (ms). Run: npm run bench
import { parseBoard } from '../model/board/load.ts';
import { serializeBoard } from '../model/board/serialize.ts';
import { lintBoard } from '../model/lint/lint.ts';
import { makeWorkshopBoard } from '../scripts/workshop-board.ts';

const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,20000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function time<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
}

function median(fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(time(fn)[0]);
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const rows: string[][] = [];
for (const size of SIZES) {
  const text = serializeBoard(makeWorkshopBoard(size));
  const [, loaded] = time(() => parseBoard(text));
  if (!loaded.ok) throw new Error(loaded.errors[0]!.message);
  const board = loaded.board;
  // The first lint compiles every distinct schema; later ones hit the cache, as in the app.
  const [lintCold, problems] = time(() => lintBoard(board));
  rows.push([
    String(board.elements.length),
    (text.length / 1e6).toFixed(1),
    median(() => JSON.parse(text)).toFixed(1),
    median(() => parseBoard(text)).toFixed(1),
    lintCold.toFixed(1),
    median(() => lintBoard(board)).toFixed(1),
    median(() => JSON.stringify(board, null, 2)).toFixed(1),
    median(() => serializeBoard(board)).toFixed(1),
    String(problems.length),
  ]);
}

const head = ['stickies', 'MB', 'JSON.parse', 'load', 'lint (cold)', 'lint', 'JSON.stringify', 'save', 'problems'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
console.log(`Board load / lint / save, median of ${RUNS} runs in ms (Node ${process.version})`);
console.log(line(head));
for (const row of rows) console.log(line(row));
console.log('load = JSON.parse + format schema (ajv) + reference checks; save = deterministic serialisation.');
