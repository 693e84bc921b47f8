/**
 * Schema compatibility figures, each beside the old engine's measured in the same run, in CPU
 * time of this process (the machine's load changes by the minute; only figures taken side by
 * side compare). Pairs compared
 * per second on small (10 properties) and large (500 properties, nested, with $ref) schemas, and
 * the history check of a board with 200 events of 10 versions each.
 *
 * Then the sizes issue 16 found quadratic: histories of 1,000 and 10,000 versions at
 * FULL_TRANSITIVE (as the linter checks them), a 100,000-value enum and 50,000 properties, each
 * in a process of its own so that its peak RSS is its own, the old engine's beside it (stopped
 * after 120 s: the old engine takes minutes on some of them).
 *
 * Run: npm run bench:schema [-- --baseline REV] [-- --rounds N] [-- --scale none|only]
 * The old engine is model/ at REV (default: where this branch left main), extracted with
 * `git archive` into a temporary folder; `--baseline none` measures the current engine alone.
 * Each figure is the median of N rounds (default 3), the two engines taking turns in each round.
 *
 * "warm" compares fresh copies of schemas whose text was seen before (the app, re-checking a
 * board on every change); "cold" gives each pair a text never seen (the CLI, once per file).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CompatibilityLevel, EventVersion } from '../model/board/types.ts';
import * as current from '../model/schema/compare.ts';

type Engine = Pick<typeof current, 'compareSchemas' | 'checkHistory'>;
type Schema = Record<string, unknown>;

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    rounds: { type: 'string' },
    scale: { type: 'string' },
    'scale-row': { type: 'string' },
    engine: { type: 'string' },
  },
});
const ROUNDS = Math.max(1, Number(values.rounds ?? 3) || 3);

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

/** model/ at a commit, importable beside the current one (its own module instances, the same node_modules). */
async function baseline(
  rev: string,
): Promise<{ engine: Engine; dir: string; label: string; cleanup: () => void } | undefined> {
  if (rev === 'none') return undefined;
  const commit = git('rev-parse', '--short', rev);
  const dir = mkdtempSync(join(tmpdir(), 'stormbench-bench-'));
  const tar = execFileSync('git', ['archive', '--format=tar', commit, 'model', 'package.json'], {
    cwd: ROOT,
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const engine = (await import(pathToFileURL(join(dir, 'model/schema/compare.ts')).href)) as Engine;
  return { engine, dir, label: `old (${commit})`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function small(variant: number): Schema {
  const properties: Schema = {};
  for (let i = 0; i < 10; i++)
    properties[`field${i}`] =
      i % 3 === 0
        ? { type: 'string', maxLength: 40 + variant }
        : i % 3 === 1
          ? { type: 'number', minimum: 0 }
          : { enum: ['a', 'b', 'c'] };
  return { type: 'object', properties, required: ['field0', 'field1'], additionalProperties: false };
}

function large(variant: number): Schema {
  const properties: Schema = {};
  for (let group = 0; group < 50; group++) {
    const inner: Schema = {};
    for (let i = 0; i < 8; i++)
      inner[`f${i}`] =
        i % 2 === 0 ? { type: 'string', maxLength: 50 + (group === 7 ? variant : 0) } : { type: 'integer', minimum: 0 };
    inner.address = { $ref: '#/$defs/address' };
    inner.amount = { $ref: '#/$defs/money' };
    properties[`group${group}`] = { type: 'object', properties: inner, required: ['f0'] };
  }
  return {
    type: 'object',
    properties,
    required: ['group0'],
    $defs: {
      address: {
        type: 'object',
        properties: {
          street: { type: 'string' },
          city: { type: 'string' },
          zip: { type: 'string', pattern: '^[0-9]{5}$' },
          country: { enum: ['SE', 'DE', 'FR'] },
        },
        required: ['street'],
      },
      money: {
        type: 'object',
        properties: { value: { type: 'number', multipleOf: 0.01 }, currency: { type: 'string', default: 'EUR' } },
        required: ['value'],
      },
    },
  };
}

let unique = 0;
function cold(schema: Schema): Schema {
  return { ...structuredClone(schema), $comment: `bench ${unique++}` };
}

/** A board's worth of histories: 200 events, 10 versions each, every version adding a property. */
function board(offset: number): EventVersion[][] {
  return Array.from({ length: 200 }, (_, e) => {
    const versions: EventVersion[] = [];
    const properties: Schema = { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } };
    for (let v = 1; v <= 10; v++) {
      properties[`e${e + offset}v${v}`] = v % 2 === 0 ? { type: 'integer', default: 0 } : { type: 'string' };
      versions.push({
        version: v,
        schema: { type: 'object', properties: structuredClone(properties), required: ['id'] },
      });
    }
    return versions;
  });
}

// CPU time of this process, not wall time: on a shared machine the wall clock also counts the
// time other processes held the CPU, which changes from one second to the next.
function cpuMillis(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Pairs per second of `work` (one pair per call) over about `seconds` of CPU, after one call to warm up. */
function rate(seconds: number, work: () => void): number {
  work();
  let count = 0;
  const start = cpuMillis();
  while (cpuMillis() - start < seconds * 1000) {
    work();
    count++;
  }
  return count / ((cpuMillis() - start) / 1000);
}

function millis(work: () => void): number {
  const start = cpuMillis();
  work();
  return cpuMillis() - start;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Row {
  label: string;
  unit: 'pairs/s' | 'ms';
  target?: string;
  measure: (engine: Engine) => number;
}

const smallOld = small(0);
const smallNew = small(5);
const largeOld = large(0);
const largeNew = large(5);
let offset = 0;

const ROWS: Row[] = [
  {
    label: 'small (10 properties), warm',
    unit: 'pairs/s',
    target: '>= 10000',
    measure: (e) => rate(1, () => e.compareSchemas(structuredClone(smallOld), structuredClone(smallNew))),
  },
  {
    label: 'small (10 properties), cold',
    unit: 'pairs/s',
    target: '>= 1000',
    measure: (e) => rate(1, () => e.compareSchemas(cold(smallOld), cold(smallNew))),
  },
  {
    label: 'large (500 properties, nested, $ref), warm',
    unit: 'pairs/s',
    measure: (e) => rate(1.5, () => e.compareSchemas(structuredClone(largeOld), structuredClone(largeNew))),
  },
  {
    label: 'large (500 properties, nested, $ref), cold',
    unit: 'pairs/s',
    measure: (e) => rate(1.5, () => e.compareSchemas(cold(largeOld), cold(largeNew))),
  },
  ...(['BACKWARD', 'BACKWARD_TRANSITIVE'] as CompatibilityLevel[]).flatMap((level): Row[] => [
    // Cold: texts never seen (the first check of a board). Warm: the same board again as fresh objects.
    {
      label: `history 200 x 10, ${level}, cold`,
      unit: 'ms',
      target: level === 'BACKWARD_TRANSITIVE' ? '< 300' : undefined,
      measure: (e) => {
        const events = board((offset += 1000));
        return millis(() => events.forEach((v) => e.checkHistory(v, level)));
      },
    },
    {
      label: `history 200 x 10, ${level}, warm`,
      unit: 'ms',
      target: level === 'BACKWARD_TRANSITIVE' ? '< 300' : undefined,
      measure: (e) => {
        const events = board(0);
        e.checkHistory(events[0]!, level);
        const copy = structuredClone(events);
        return millis(() => copy.forEach((v) => e.checkHistory(v, level)));
      },
    },
  ]),
];

/**
 * The scale rows. A history where each version has a new description and every 100th adds an
 * optional property (compatible both ways under the lenient policy, so the linter reports
 * nothing): most versions differ from each other only in words. And one where every version
 * changes a bound of the root (maxProperties grows: FULL breaks forward on every pair), where
 * nothing can be shared at the root: every pair of versions is compared, and reported.
 */
function described(n: number): EventVersion[] {
  return Array.from({ length: n }, (_, i) => {
    const properties: Schema = {
      id: { type: 'string' },
      at: { type: 'string', format: 'date-time' },
      total: { type: 'number', minimum: 0 },
    };
    for (let k = 1; k <= Math.floor(i / 100); k++) properties[`added${k}`] = { type: 'string', maxLength: 80 };
    return {
      version: i + 1,
      schema: {
        type: 'object',
        description: `Version ${i + 1}: what changed and why.`,
        properties,
        required: ['id', 'total'],
      },
    };
  });
}

function bounded(n: number): EventVersion[] {
  return Array.from({ length: n }, (_, i) => ({
    version: i + 1,
    schema: {
      type: 'object',
      maxProperties: 10 + i,
      properties: { id: { type: 'string' }, total: { type: 'number', minimum: 0 } },
      required: ['id'],
    },
  }));
}

function manyProperties(n: number, edited: boolean): Schema {
  const properties: Schema = {};
  for (let i = 0; i < n; i++) properties[`p${i}`] = { type: 'string' };
  if (edited) {
    properties[`p${n - 1}`] = { type: 'integer' };
    properties.extra = { type: 'string' };
  }
  return { type: 'object', properties, required: ['p0'] };
}

const SCALE_ROWS: Record<string, { label: string; run: (engine: typeof current) => void }> = {
  'described-1000': {
    label: 'history 1,000 versions (words), FULL_TRANSITIVE',
    run: (e) => void e.checkHistory(described(1000), 'FULL_TRANSITIVE', { keep: 'breaking' }),
  },
  'described-10000': {
    label: 'history 10,000 versions (words), FULL_TRANSITIVE',
    run: (e) => void e.checkHistory(described(10000), 'FULL_TRANSITIVE', { keep: 'breaking' }),
  },
  'bounded-1000': {
    label: 'history 1,000 versions (all break), FULL_TRANS.',
    run: (e) => void e.checkHistory(bounded(1000), 'FULL_TRANSITIVE', { keep: 'breaking' }),
  },
  'enum-100000': {
    label: 'enum of 100,000 values, one renamed',
    run: (e) =>
      void e.compareSchemas(
        { enum: Array.from({ length: 100000 }, (_, i) => `v${i}`) },
        { enum: Array.from({ length: 100000 }, (_, i) => `v${i + 1}`) },
        { mode: 'FULL' },
      ),
  },
  'properties-50000': {
    label: '50,000 properties, one changed, one added',
    run: (e) => void e.compareSchemas(manyProperties(50000, false), manyProperties(50000, true), { mode: 'FULL' }),
  },
};

/** CPU milliseconds of one scale row (the old engine ignores `keep` and holds every report, as its linter did). */
function runScaleRow(name: string, engine: typeof current): number {
  // 'none' measures start-up alone, the floor under every figure.
  if (name === 'none') return 0;
  const row = SCALE_ROWS[name];
  if (!row) throw new Error(`no scale row ${name}`);
  return millis(() => row.run(engine));
}

type ScaleFigure = { ms: number; rss: number } | 'stopped' | 'failed';

/** One scale row in a child process: CPU time and peak RSS; 'stopped' past the limit (wall clock), 'failed' when it died. */
function scaleChild(name: string, engineDir: string, limitSeconds: number): ScaleFigure {
  try {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench/schema.ts'), '--scale-row', name, '--engine', engineDir],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: limitSeconds * 1000,
        maxBuffer: 1 << 20,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; rss: number };
  } catch (error) {
    // execFileSync kills the child with SIGTERM at the limit; anything else is a failure, not slowness.
    return (error as { signal?: string }).signal === 'SIGTERM' ? 'stopped' : 'failed';
  }
}

// A scale row in a process of its own (see the end of this file): print its figures and stop.
if (values['scale-row'] !== undefined) {
  const engine = (await import(
    pathToFileURL(join(values.engine ?? ROOT, 'model/schema/compare.ts')).href
  )) as typeof current;
  const ms = runScaleRow(values['scale-row'], engine);
  process.stdout.write(`${JSON.stringify({ ms, rss: process.resourceUsage().maxRSS * 1024 })}\n`);
  process.exit(0);
}

const large0 = current.compareSchemas(largeOld, largeNew, { mode: 'FULL' });
console.log(
  `large schema: ${JSON.stringify(largeOld).length} bytes of JSON, 500 leaf properties in 50 nested objects, 100 $refs; ${large0.differences.length} differences (${large0.differences.map((d) => d.type).join(', ')})`,
);
const old = await baseline(values.baseline ?? git('merge-base', 'HEAD', 'main'));
if (old) {
  const a = JSON.stringify(
    old.engine.compareSchemas(largeOld, largeNew, { mode: 'FULL' }).differences.map((d) => [d.type, d.path]),
  );
  const b = JSON.stringify(large0.differences.map((d) => [d.type, d.path]));
  if (a !== b) console.log(`note: the two engines report different differences on the large pair`);
}
if (values.scale !== 'only') {
  console.log(`median of ${ROUNDS} rounds, the engines taking turns in each\n`);
  console.log(
    `${''.padEnd(46)} ${'new'.padStart(10)} ${(old?.label ?? '').padStart(16)} ${old ? 'ratio'.padStart(7) : ''}   target`,
  );
  for (const row of ROWS) {
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      mine.push(row.measure(current));
      if (old) theirs.push(row.measure(old.engine));
    }
    const n = median(mine);
    const o = old ? median(theirs) : undefined;
    const ratio = o === undefined ? '' : `${(row.unit === 'ms' ? o / n : n / o).toFixed(1)}x`;
    const show = (x: number) => `${x.toFixed(0)} ${row.unit}`;
    console.log(
      `${row.label.padEnd(46)} ${show(n).padStart(14)} ${(o === undefined ? '' : show(o)).padStart(16)} ${ratio.padStart(7)}   ${row.target ?? ''}`,
    );
  }
}
if (values.scale !== 'none') {
  const limit = 120;
  console.log(
    `\nscale: one process per figure, CPU time and peak RSS; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; the old engine stopped after ${limit} s`,
  );
  console.log(`${''.padEnd(50)} ${'new'.padStart(22)} ${(old?.label ?? '').padStart(24)}`);
  const show = (r: ScaleFigure | undefined, cap: number) =>
    r === undefined
      ? ''
      : r === 'stopped'
        ? `> ${cap} s wall`
        : r === 'failed'
          ? 'failed (see above)'
          : `${(r.ms / 1000).toFixed(2)} s ${(r.rss / 2 ** 20).toFixed(0).padStart(5)} MB`;
  for (const [name, row] of Object.entries(SCALE_ROWS)) {
    const mine = scaleChild(name, ROOT, 600);
    const theirs = old ? scaleChild(name, old.dir, limit) : undefined;
    console.log(`${row.label.padEnd(50)} ${show(mine, 600).padStart(22)} ${show(theirs, limit).padStart(24)}`);
  }
  console.log(`(start-up alone, the floor under each figure: ${show(scaleChild('none', ROOT, 60), 60)})`);
}
old?.cleanup();
