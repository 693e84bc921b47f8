import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../../model/json-schema/ajv.ts';
import { compareSchemas, SchemaInputError } from '../../../model/schema/compare.ts';
import { GOLDEN } from './golden.ts';
import { instances } from './oracle.ts';
import { declaredOnly, exactForAjv, steps } from './payloads.ts';
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

const MUTATIONS = 150 * SCALE;

describe('oracle: strict verdicts against ajv', () => {
  it('never finds a counter-example to a strict compatible verdict', () => {
    const failures: string[] = [];
    let incompatible = 0;
    let witnessed = 0;
    let checked = 0;
    let seed = 1;
    for (const { file, cases } of GOLDEN) {
      for (const c of cases) {
        const oldV = compileSchema(c.old);
        const newV = compileSchema(c.new);
        if (!oldV.ok || !newV.ok) continue;
        for (const direction of ['BACKWARD', 'FORWARD'] as const) {
          const [from, to, accepts, rejects] =
            direction === 'BACKWARD'
              ? [c.old, c.new, oldV.validate, newV.validate]
              : [c.new, c.old, newV.validate, oldV.validate];
          const multiples = steps(c.old, c.new);
          const verdict = compareSchemas(c.old, c.new, { mode: direction, policy: 'strict' }).compatible;
          const tried = instances(from, to, seed++, SAMPLES, MUTATIONS, accepts).filter(
            (v) => exactForAjv(v, multiples) && accepts(v),
          );
          checked += tried.length;
          const counter = tried.find((v) => !rejects(v));
          if (verdict && counter !== undefined)
            failures.push(
              `${file} / ${c.name} / ${direction}: ${JSON.stringify(counter)} fits the ${direction === 'BACKWARD' ? 'old' : 'new'} schema but not the other`,
            );
          if (!verdict) {
            incompatible++;
            if (counter !== undefined) witnessed++;
          }
        }
      }
    }
    console.info(
      `oracle: ${GOLDEN.reduce((n, g) => n + g.cases.length, 0)} golden pairs, ${checked} instances accepted by one side checked against the other; ${witnessed} of ${incompatible} incompatible verdicts witnessed by a counter-example`,
    );
    expect(failures).toEqual([]);
    // An oracle that never finds anything proves nothing: it must witness most breaks it is shown.
    expect(witnessed / incompatible).toBeGreaterThan(0.85);
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
        verdicts = {
          BACKWARD: report.differences.every((d) => d.backward),
          FORWARD: report.differences.every((d) => d.forward),
        };
      } catch (error) {
        if (error instanceof SchemaInputError) continue; // an edit made the schema invalid (a $ref to itself)
        throw error;
      }
      for (const direction of ['BACKWARD', 'FORWARD'] as const) {
        if (!verdicts[direction]) continue;
        const [from, to, accepts, rejects] =
          direction === 'BACKWARD'
            ? [oldSchema, newSchema, oldV.validate, newV.validate]
            : [newSchema, oldSchema, newV.validate, oldV.validate];
        checked++;
        const counter = instances(from, to, seed * 7 + (direction === 'BACKWARD' ? 0 : 1), 6, 60).find(
          (v) => exactForAjv(v, multiples) && accepts(v) && !rejects(v),
        );
        if (counter !== undefined)
          failures.push(
            `seed ${seed} ${direction}: ${JSON.stringify(counter)}\n  old ${JSON.stringify(oldSchema)}\n  new ${JSON.stringify(newSchema)}`,
          );
      }
    }
    console.info(`oracle: ${checked} strict compatible verdicts on random edits, none contradicted`);
    expect(failures).toEqual([]);
  }, 60_000);
});

describe('oracle: lenient verdicts on payloads without undeclared properties', () => {
  it('never finds a counter-example among such payloads', () => {
    const failures: string[] = [];
    let checked = 0;
    let tried = 0;
    let seed = 50_000;
    for (const { file, cases } of GOLDEN) {
      for (const c of cases) {
        const report = compareSchemas(c.old, c.new, { mode: 'NONE', policy: 'lenient' });
        if (report.differences.some((d) => d.type.includes('WITH_DEFAULT'))) continue; // readers fill defaults: not a validation question
        const oldV = compileSchema(c.old);
        const newV = compileSchema(c.new);
        if (!oldV.ok || !newV.ok) continue;
        const oldDeclared = declaredOnly(c.old);
        const newDeclared = declaredOnly(c.new);
        const multiples = steps(c.old, c.new);
        for (const direction of ['BACKWARD', 'FORWARD'] as const) {
          if (!report.differences.every((d) => (direction === 'BACKWARD' ? d.backward : d.forward))) continue;
          checked++;
          const [from, to, accepts, declared, rejects] =
            direction === 'BACKWARD'
              ? [c.old, c.new, oldV.validate, oldDeclared, newV.validate]
              : [c.new, c.old, newV.validate, newDeclared, oldV.validate];
          const payloads = instances(from, to, seed++, SAMPLES, MUTATIONS).filter(
            (v) => exactForAjv(v, multiples) && accepts(v) && declared(v),
          );
          tried += payloads.length;
          const counter = payloads.find((v) => !rejects(v));
          if (counter !== undefined) failures.push(`${file} / ${c.name} / ${direction}: ${JSON.stringify(counter)}`);
        }
      }
    }
    console.info(`oracle: ${checked} lenient compatible verdicts checked on ${tried} declared-only payloads`);
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(checked * 10); // the filter leaves real payloads to try
  }, 60_000);
});

describe('oracle: lenient verdicts on random edits', () => {
  it('never finds a counter-example among payloads without undeclared properties', () => {
    const failures: string[] = [];
    const first = Number(process.env.STORMBENCH_ORACLE_SEED ?? 1) || 1;
    for (let seed = first; seed < first + 150 * SCALE; seed++) {
      const [oldSchema, newSchema] = randomPair(seed);
      let report;
      try {
        report = compareSchemas(oldSchema, newSchema, { mode: 'NONE', policy: 'lenient' });
      } catch (error) {
        if (error instanceof SchemaInputError) continue;
        throw error;
      }
      if (report.differences.some((d) => d.type.includes('WITH_DEFAULT'))) continue;
      const v = [oldSchema, newSchema].map(compileSchema);
      if (!v.every((x) => x.ok)) continue;
      const [oldV, newV] = v.map((x) => (x.ok ? x.validate : () => false));
      const oldDeclared = declaredOnly(oldSchema);
      const newDeclared = declaredOnly(newSchema);
      const multiples = steps(oldSchema, newSchema);
      for (const direction of ['BACKWARD', 'FORWARD'] as const) {
        if (!report.differences.every((d) => (direction === 'BACKWARD' ? d.backward : d.forward))) continue;
        const [from, to, accepts, declared, rejects] =
          direction === 'BACKWARD'
            ? [oldSchema, newSchema, oldV!, oldDeclared, newV!]
            : [newSchema, oldSchema, newV!, newDeclared, oldV!];
        const counter = instances(from, to, seed * 13 + (direction === 'BACKWARD' ? 0 : 1), 6, 60).find(
          (x) => exactForAjv(x, multiples) && accepts(x) && declared(x) && !rejects(x),
        );
        if (counter !== undefined)
          failures.push(
            `seed ${seed} ${direction}: ${JSON.stringify(counter)}\n  old ${JSON.stringify(oldSchema)}\n  new ${JSON.stringify(newSchema)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
