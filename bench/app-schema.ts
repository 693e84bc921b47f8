/**
 * What the schema dock, the diff view and the generate dialog cost per use, on small (10 fields)
 * and large (500 fields in 50 nested objects) schemas, and on the example boards:
 *   - field table: schema -> rows, and one edit (make a field required);
 *   - live verdict of a draft against its event's history (BACKWARD and BACKWARD_TRANSITIVE over
 *     10 versions): what the dock recomputes on each edit of a draft;
 *   - the JSON editor's check of its text (parse + JSON Schema meta-validation);
 *   - the diff view's side-by-side layout (print, align, locate) of two versions;
 *   - the generate dialog's preview (first and cached) and one context's run, beside the CLI's
 *     `generate` of the same board;
 *   - how long the host's own thread stalls during a first preview of the workshop board, with the
 *     work in place and in the worker thread `stormbench serve` uses.
 * Run: npx tsx bench/app-schema.ts
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBoard } from '../model/board/load.ts';
import type { CompatibilityLevel, EventVersion, JsonSchema } from '../model/board/types.ts';
import { sideBySide } from '../model/schema-diff/side-by-side.ts';
import { checkSchemaText } from '../model/schema-fields/check-text.ts';
import { setRequired } from '../model/schema-fields/edit.ts';
import { fieldRows } from '../model/schema-fields/rows.ts';
import { draftVerdict } from '../model/schema-fields/verdict.ts';
import { generateContext, previewGeneration } from '../electron/host/generate-host.ts';
import { inPlaceRunner, workerRunner, type GenerateRunner } from '../electron/host/generate-runner.ts';
import { generate } from '../generator/generate.ts';

type Schema = Record<string, unknown>;

function small(variant: number): Schema {
  const properties: Schema = {};
  for (let i = 0; i < 10; i++)
    properties[`field${i}`] =
      i % 2 === 0 ? { type: 'string', maxLength: 40 + variant } : { type: 'number', minimum: 0 };
  return { type: 'object', properties, required: ['field0'] };
}

function large(variant: number): Schema {
  const properties: Schema = {};
  for (let group = 0; group < 50; group++) {
    const inner: Schema = {};
    for (let i = 0; i < 10; i++)
      inner[`f${i}`] =
        i % 2 === 0 ? { type: 'string', maxLength: 50 + (group === 7 ? variant : 0) } : { type: 'integer', minimum: 0 };
    properties[`group${group}`] = { type: 'object', properties: inner, required: ['f0'] };
  }
  return { type: 'object', properties, required: ['group0'] };
}

/** Median milliseconds of `runs` calls after one warm-up call. */
function time(runs: number, work: () => unknown): number {
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

async function timeAsync(runs: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1)).padStart(8);

console.log('schema dock and diff view, median ms per call');
console.log('schema   fields  rows    edit    verdict  verdict-T10  check-text  diff-layout');
for (const [label, make] of [
  ['small', small],
  ['large', large],
] as const) {
  const schema = make(0);
  const history: EventVersion[] = Array.from({ length: 10 }, (_, i) => ({
    version: i + 1,
    schema: make(i) as JsonSchema,
  }));
  const draft: EventVersion = { version: 11, schema: make(11) as JsonSchema };
  const verdict = (level: CompatibilityLevel) => () => draftVerdict(history, draft, level);
  const text = JSON.stringify(schema, null, 2);
  const fields = label === 'small' ? 10 : 500;
  console.log(
    [
      label.padEnd(8),
      String(fields).padStart(6),
      ms(time(20, () => fieldRows(schema as JsonSchema))),
      ms(time(20, () => setRequired(schema as JsonSchema, label === 'small' ? ['field3'] : ['group3', 'f3'], true))),
      ms(time(10, verdict('BACKWARD'))),
      ms(time(5, verdict('BACKWARD_TRANSITIVE'))).padStart(12),
      ms(time(20, () => checkSchemaText(text))).padStart(11),
      ms(time(10, () => sideBySide(make(1), make(2)))).padStart(12),
    ].join(' '),
  );
}

console.log('\ngenerate dialog beside the CLI, ms (first preview renders every file; later ones reuse them)');
console.log('board              contexts  preview-first  preview-again  run-one-context  cli-generate-all');
for (const name of ['order-fulfilment', 'workshop']) {
  const text = await readFile(join(import.meta.dirname, '..', 'examples', `${name}.storm.json`), 'utf8');
  const parsed = parseBoard(text);
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
  const contexts = parsed.board.contexts.map((c) => c.id);
  const folder = await mkdtemp(join(tmpdir(), 'stormbench-bench-'));
  try {
    const first = await timeAsync(1, () => previewGeneration(folder, text, 'services', contexts));
    const again = await timeAsync(3, () => previewGeneration(folder, text, 'services', contexts));
    const run = await timeAsync(1, () => generateContext(folder, text, 'services', contexts[0]!));
    const cli = await timeAsync(1, () => generate(parsed.board, { out: join(folder, 'cli') }));
    console.log(
      [
        name.padEnd(18),
        String(contexts.length).padStart(8),
        ms(first).padStart(14),
        ms(again).padStart(14),
        ms(run).padStart(16),
        ms(cli).padStart(17),
      ].join(' '),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The longest gap between ticks of a 5 ms timer on this thread while `work` runs. */
async function longestStall(work: () => Promise<unknown>): Promise<{ total: number; stall: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 5);
  const start = performance.now();
  await work();
  const total = performance.now() - start;
  clearInterval(timer);
  return { total, stall };
}

console.log('\nthe host thread during a first preview of the workshop board, ms');
console.log('where        preview  longest-stall');
// Another response mode than above, so that the in-place runner's render cache (warm from the
// previews above) does not answer: both runners start cold.
const workshopBoard = JSON.parse(
  await readFile(join(import.meta.dirname, '..', 'examples', 'workshop.storm.json'), 'utf8'),
) as { contexts: Array<{ id: string; service?: object }> };
for (const context of workshopBoard.contexts) context.service = { ...context.service, responseMode: 'accepted' };
const workshopText = JSON.stringify(workshopBoard);
const workshopContexts = workshopBoard.contexts.map((c) => c.id);
for (const [where, runner] of [
  ['in place', inPlaceRunner],
  ['worker', workerRunner()],
] as Array<[string, GenerateRunner]>) {
  const folder = await mkdtemp(join(tmpdir(), 'stormbench-bench-'));
  const { total, stall } = await longestStall(() => runner.preview(folder, workshopText, 'services', workshopContexts));
  console.log([where.padEnd(10), ms(total), ms(stall).padStart(14)].join(' '));
  await runner.close();
  await rm(folder, { recursive: true, force: true });
}
