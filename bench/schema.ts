/**
 * Schema compatibility figures, each beside the old engine's measured in the same run, in CPU
 * time of this process (the machine's load changes by the minute; only figures taken side by
 * side compare). Pairs compared
 * per second on small (10 properties) and large (500 properties, nested, with $ref) schemas, and
 * the history check of a board with 200 events of 10 versions each.
 *
 * Run: npm run bench:schema [-- --baseline REV] [-- --rounds N]
 * The old engine is model/ at REV (default: where this branch left main), extracted with
 * `git archive` into a temporary folder; `--baseline none` measures the current engine alone.
 * Each figure is the median of N rounds (default 3), the two engines taking turns in each round.
 *
 * "warm" compares fresh copies of schemas whose text was seen before (the app, re-checking a
 * board on every change); "cold" gives each pair a text never seen (the CLI, once per file).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CompatibilityLevel, EventVersion } from '../model/board/types.ts';
import * as current from '../model/schema/compare.ts';

type Engine = Pick<typeof current, 'compareSchemas' | 'checkHistory'>;
type Schema = Record<string, unknown>;

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { baseline: { type: 'string' }, rounds: { type: 'string' } } });
const ROUNDS = Math.max(1, Number(values.rounds ?? 3) || 3);

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

/** model/ at a commit, importable beside the current one (its own module instances, the same node_modules). */
async function baseline(rev: string): Promise<{ engine: Engine; label: string; cleanup: () => void } | undefined> {
  if (rev === 'none') return undefined;
  const commit = git('rev-parse', '--short', rev);
  const dir = mkdtempSync(join(tmpdir(), 'stormbench-bench-'));
  const tar = execFileSync('git', ['archive', '--format=tar', commit, 'model', 'package.json'], { cwd: ROOT, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const engine = (await import(pathToFileURL(join(dir, 'model/schema/compare.ts')).href)) as Engine;
  return { engine, label: `old (${commit})`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function small(variant: number): Schema {
  const properties: Schema = {};
  for (let i = 0; i < 10; i++) properties[`field${i}`] = i % 3 === 0 ? { type: 'string', maxLength: 40 + variant } : i % 3 === 1 ? { type: 'number', minimum: 0 } : { enum: ['a', 'b', 'c'] };
  return { type: 'object', properties, required: ['field0', 'field1'], additionalProperties: false };
}

function large(variant: number): Schema {
  const properties: Schema = {};
  for (let group = 0; group < 50; group++) {
    const inner: Schema = {};
    for (let i = 0; i < 8; i++) inner[`f${i}`] = i % 2 === 0 ? { type: 'string', maxLength: 50 + (group === 7 ? variant : 0) } : { type: 'integer', minimum: 0 };
    inner.address = { $ref: '#/$defs/address' };
    inner.amount = { $ref: '#/$defs/money' };
    properties[`group${group}`] = { type: 'object', properties: inner, required: ['f0'] };
  }
  return {
    type: 'object',
    properties,
    required: ['group0'],
    $defs: {
      address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$' }, country: { enum: ['SE', 'DE', 'FR'] } }, required: ['street'] },
      money: { type: 'object', properties: { value: { type: 'number', multipleOf: 0.01 }, currency: { type: 'string', default: 'EUR' } }, required: ['value'] },
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
      versions.push({ version: v, schema: { type: 'object', properties: structuredClone(properties), required: ['id'] } });
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
  { label: 'small (10 properties), warm', unit: 'pairs/s', target: '>= 10000', measure: (e) => rate(1, () => e.compareSchemas(structuredClone(smallOld), structuredClone(smallNew))) },
  { label: 'small (10 properties), cold', unit: 'pairs/s', target: '>= 1000', measure: (e) => rate(1, () => e.compareSchemas(cold(smallOld), cold(smallNew))) },
  { label: 'large (500 properties, nested, $ref), warm', unit: 'pairs/s', measure: (e) => rate(1.5, () => e.compareSchemas(structuredClone(largeOld), structuredClone(largeNew))) },
  { label: 'large (500 properties, nested, $ref), cold', unit: 'pairs/s', measure: (e) => rate(1.5, () => e.compareSchemas(cold(largeOld), cold(largeNew))) },
  ...(['BACKWARD', 'BACKWARD_TRANSITIVE'] as CompatibilityLevel[]).flatMap((level): Row[] => [
    // Cold: texts never seen (the first check of a board). Warm: the same board again as fresh objects.
    { label: `history 200 x 10, ${level}, cold`, unit: 'ms', target: level === 'BACKWARD_TRANSITIVE' ? '< 300' : undefined, measure: (e) => { const events = board((offset += 1000)); return millis(() => events.forEach((v) => e.checkHistory(v, level))); } },
    { label: `history 200 x 10, ${level}, warm`, unit: 'ms', target: level === 'BACKWARD_TRANSITIVE' ? '< 300' : undefined, measure: (e) => { const events = board(0); e.checkHistory(events[0]!, level); const copy = structuredClone(events); return millis(() => copy.forEach((v) => e.checkHistory(v, level))); } },
  ]),
];

const large0 = current.compareSchemas(largeOld, largeNew, { mode: 'FULL' });
console.log(`large schema: ${JSON.stringify(largeOld).length} bytes of JSON, 500 leaf properties in 50 nested objects, 100 $refs; ${large0.differences.length} differences (${large0.differences.map((d) => d.type).join(', ')})`);
const old = await baseline(values.baseline ?? git('merge-base', 'HEAD', 'main'));
if (old) {
  const a = JSON.stringify(old.engine.compareSchemas(largeOld, largeNew, { mode: 'FULL' }).differences.map((d) => [d.type, d.path]));
  const b = JSON.stringify(large0.differences.map((d) => [d.type, d.path]));
  if (a !== b) console.log(`note: the two engines report different differences on the large pair`);
}
console.log(`median of ${ROUNDS} rounds, the engines taking turns in each\n`);
console.log(`${''.padEnd(46)} ${'new'.padStart(10)} ${(old?.label ?? '').padStart(16)} ${old ? 'ratio'.padStart(7) : ''}   target`);
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
  console.log(`${row.label.padEnd(46)} ${show(n).padStart(14)} ${(o === undefined ? '' : show(o)).padStart(16)} ${ratio.padStart(7)}   ${row.target ?? ''}`);
}
old?.cleanup();
