import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../../model/json-schema/ajv.ts';
import { compareSchemas, SchemaInputError } from '../../../model/schema/compare.ts';
import { isMultiple } from '../../../model/schema/decimal.ts';
import { GOLDEN } from './golden.ts';
import { instances } from './oracle.ts';
import { randomPair } from './random-schemas.ts';

/**
 * The independent oracle: for each golden pair, instances of one schema (json-schema-faker samples
 * and mutations of them) are validated with ajv against the other. A pair the engine calls
 * compatible under the strict policy must never yield a counter-example. The oracle is also
 * checked for teeth: for most pairs the engine calls incompatible, it finds a counter-example.
 */
// STORMBENCH_ORACLE_SCALE=10 runs ten times the instances (a longer hunt, outside CI).
const SCALE = Number(process.env.STORMBENCH_ORACLE_SCALE ?? 1) || 1;
const SAMPLES = 12 * SCALE;

/**
 * ajv checks `multipleOf` in floating point (`x / m` must be an integer), so it calls 624.3 no
 * multiple of 0.1. The engine is exact. Payloads where ajv's float answer and the exact one differ
 * for a `multipleOf` of either schema are left out: there the validator, not the schema, decides.
 */
function steps(...schemas: unknown[]): number[] {
  const found: number[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, v] of Object.entries(node)) {
      if (key === 'multipleOf' && typeof v === 'number') found.push(v);
      else if (key !== 'enum' && key !== 'const') visit(v);
    }
  };
  schemas.forEach(visit);
  return found;
}

function exactForAjv(value: unknown, multiples: number[]): boolean {
  if (typeof value === 'number') return multiples.every((m) => Number.isInteger(value / m) === isMultiple(value, m));
  if (Array.isArray(value)) return value.every((v) => exactForAjv(v, multiples));
  if (typeof value === 'object' && value !== null) return Object.values(value).every((v) => exactForAjv(v, multiples));
  return true;
}

const MUTATIONS = 150 * SCALE;

describe('oracle: strict verdicts against ajv', () => {
  it('never finds a counter-example to a strict compatible verdict', () => {
    const failures: string[] = [];
    let incompatible = 0;
    let witnessed = 0;
    let seed = 1;
    for (const { file, cases } of GOLDEN) {
      for (const c of cases) {
        const oldV = compileSchema(c.old);
        const newV = compileSchema(c.new);
        if (!oldV.ok || !newV.ok) continue;
        for (const direction of ['BACKWARD', 'FORWARD'] as const) {
          const [from, to, accepts, rejects] = direction === 'BACKWARD' ? [c.old, c.new, oldV.validate, newV.validate] : [c.new, c.old, newV.validate, oldV.validate];
          const multiples = steps(c.old, c.new);
          const verdict = compareSchemas(c.old, c.new, { mode: direction, policy: 'strict' }).compatible;
          const counter = instances(from, to, seed++, SAMPLES, MUTATIONS).find((v) => exactForAjv(v, multiples) && accepts(v) && !rejects(v));
          if (verdict && counter !== undefined) failures.push(`${file} / ${c.name} / ${direction}: ${JSON.stringify(counter)} fits the ${direction === 'BACKWARD' ? 'old' : 'new'} schema but not the other`);
          if (!verdict) {
            incompatible++;
            if (counter !== undefined) witnessed++;
          }
        }
      }
    }
    console.info(`oracle: ${witnessed} of ${incompatible} incompatible verdicts witnessed by a counter-example`);
    expect(failures).toEqual([]);
    // An oracle that never finds anything proves nothing: it must witness most breaks it is shown.
    expect(witnessed / incompatible).toBeGreaterThan(0.6);
  }, 60_000);
});

describe('oracle: random edits of random event schemas', () => {
  it('never finds a counter-example to a strict compatible verdict', () => {
    const failures: string[] = [];
    const first = Number(process.env.STORMBENCH_ORACLE_SEED ?? 1) || 1;
    let checked = 0;
    for (let seed = first; seed < first + 250 * SCALE; seed++) {
      const [oldSchema, newSchema] = randomPair(seed);
      const oldV = compileSchema(oldSchema);
      const newV = compileSchema(newSchema);
      if (!oldV.ok || !newV.ok) continue;
      const multiples = steps(oldSchema, newSchema);
      let verdicts: { BACKWARD: boolean; FORWARD: boolean };
      try {
        const report = compareSchemas(oldSchema, newSchema, { mode: 'NONE', policy: 'strict' });
        verdicts = { BACKWARD: report.differences.every((d) => d.backward), FORWARD: report.differences.every((d) => d.forward) };
      } catch (error) {
        if (error instanceof SchemaInputError) continue; // an edit made the schema invalid (a $ref to itself)
        throw error;
      }
      for (const direction of ['BACKWARD', 'FORWARD'] as const) {
        if (!verdicts[direction]) continue;
        const [from, to, accepts, rejects] = direction === 'BACKWARD' ? [oldSchema, newSchema, oldV.validate, newV.validate] : [newSchema, oldSchema, newV.validate, oldV.validate];
        checked++;
        const counter = instances(from, to, seed * 7 + (direction === 'BACKWARD' ? 0 : 1), 6, 60).find((v) => exactForAjv(v, multiples) && accepts(v) && !rejects(v));
        if (counter !== undefined) failures.push(`seed ${seed} ${direction}: ${JSON.stringify(counter)}\n  old ${JSON.stringify(oldSchema)}\n  new ${JSON.stringify(newSchema)}`);
      }
    }
    console.info(`oracle: ${checked} strict compatible verdicts on random edits, none contradicted`);
    expect(failures).toEqual([]);
  }, 60_000);
});
