/**
 * Schema compatibility figures: pairs compared per second on small (10 properties) and large
 * (500 properties, nested, with $ref) schemas, and the history check of a board with 200 events
 * of 10 versions each. Run: npx tsx bench/schema.ts
 *
 * "warm" compares fresh copies of schemas whose text ajv has compiled before (the app, re-checking
 * a board on every change); "cold" gives each pair a text never seen, so ajv compiles both schemas
 * (the CLI, once per file).
 */
import type { CompatibilityLevel, EventVersion } from '../model/board/types.ts';
import { checkHistory, compareSchemas } from '../model/schema/compare.ts';

type Schema = Record<string, unknown>;
let unique = 0;

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
      money: { type: 'object', properties: { value: { type: 'number', multipleOf: 0.01 }, currency: { type: 'string', default: 'EUR' + (variant > 0 ? '' : '') } }, required: ['value'] },
    },
  };
}

function cold(schema: Schema): Schema {
  return { ...structuredClone(schema), $comment: `bench ${unique++}` };
}

function rate(label: string, seconds: number, work: () => void): void {
  work(); // once for the JIT and the caches a real session would have
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    work();
    count++;
  }
  const elapsed = (performance.now() - start) / 1000;
  console.log(`${label.padEnd(58)} ${(count / elapsed).toFixed(0).padStart(8)} pairs/s   (${((elapsed / count) * 1000).toFixed(3)} ms each)`);
}

const smallOld = small(0);
const smallNew = small(5);
const largeOld = large(0);
const largeNew = large(5);
console.log(`large schema: ${JSON.stringify(largeOld).length} bytes of JSON, 500 leaf properties in 50 nested objects, 100 $refs`);
const check = compareSchemas(largeOld, largeNew, { mode: 'FULL' });
console.log(`large pair: ${check.differences.length} differences (${check.differences.map((d) => d.type).join(', ')})\n`);

rate('small (10 properties), warm', 2, () => compareSchemas(structuredClone(smallOld), structuredClone(smallNew)));
rate('small (10 properties), cold (ajv compiles both)', 2, () => compareSchemas(cold(smallOld), cold(smallNew)));
rate('large (500 properties, nested, $ref), warm', 3, () => compareSchemas(structuredClone(largeOld), structuredClone(largeNew)));
rate('large (500 properties, nested, $ref), cold (ajv compiles both)', 3, () => compareSchemas(cold(largeOld), cold(largeNew)));

// A board's worth of histories: 200 events, 10 versions each, every version adding a property.
function history(event: number): EventVersion[] {
  const versions: EventVersion[] = [];
  const properties: Schema = { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } };
  for (let v = 1; v <= 10; v++) {
    properties[`e${event}v${v}`] = v % 2 === 0 ? { type: 'integer', default: 0 } : { type: 'string' };
    versions.push({ version: v, schema: { type: 'object', properties: structuredClone(properties), required: ['id'] } });
  }
  return versions;
}

let offset = 0;
for (const level of ['BACKWARD', 'BACKWARD_TRANSITIVE'] as CompatibilityLevel[]) {
  // Cold: texts never seen, so ajv compiles all 2000 schemas (the first check of a board).
  // Warm: the same board again as fresh objects (a re-check after an edit in the app).
  offset += 1000;
  const events = Array.from({ length: 200 }, (_, e) => history(e + offset));
  let pairs = 0;
  let start = performance.now();
  for (const versions of events) pairs += checkHistory(versions, level).steps.length;
  const coldMs = performance.now() - start;
  let warmMs = Infinity;
  for (let r = 0; r < 3; r++) {
    const copy = structuredClone(events);
    start = performance.now();
    for (const versions of copy) checkHistory(versions, level);
    warmMs = Math.min(warmMs, performance.now() - start);
  }
  console.log(`history, 200 events x 10 versions, ${level.padEnd(19)} cold ${coldMs.toFixed(0).padStart(5)} ms, warm ${warmMs.toFixed(0).padStart(5)} ms   (${pairs} pairs; warm ${((pairs / warmMs) * 1000).toFixed(0)} pairs/s)`);
}
