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

/*
 * The lenient policy assumes writers put no undeclared property into an open object (and readers
 * fill defaults). Its verdicts are checked on exactly those payloads.
 */
/**
 * Whether a payload carries only names its schema declares at that place (in `properties` or
 * `required`, in any branch, through `$ref`s), or that a dictionary (`additionalProperties` as a
 * schema, `patternProperties`) takes. The lenient policy promises nothing about other payloads.
 */
function declaredOnly(schema: unknown): (value: unknown) => boolean {
  const declared = new Set<string>();
  const root = schema;
  const seen = new Set<string>();
  const walk = (node: unknown, path: string, depth: number): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || depth > 12) return;
    const o = node as Record<string, unknown>;
    const key = `${path}|${JSON.stringify(o).length}|${Object.keys(o).join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (typeof o.$ref === 'string' && o.$ref.startsWith('#')) {
      let target: unknown = root;
      for (const part of o.$ref.slice(2).split('/').filter(Boolean)) target = (target as Record<string, unknown> | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
      walk(target, path, depth + 1);
    }
    if (o.properties && typeof o.properties === 'object') for (const [name, sub] of Object.entries(o.properties)) {
      declared.add(`${path}/${name}`);
      walk(sub, `${path}/${name}`, depth + 1);
    }
    if (Array.isArray(o.required)) for (const name of o.required) declared.add(`${path}/${name}`);
    if ((o.additionalProperties !== undefined && o.additionalProperties !== true && o.additionalProperties !== false) || o.patternProperties) {
      declared.add(`${path}/*`);
      walk(o.additionalProperties, `${path}/*`, depth + 1);
      for (const sub of Object.values((o.patternProperties ?? {}) as object)) walk(sub, `${path}/*`, depth + 1);
    }
    if (o.items && typeof o.items === 'object') walk(o.items, `${path}/#`, depth + 1);
    if (Array.isArray(o.prefixItems)) for (const sub of o.prefixItems) walk(sub, `${path}/#`, depth + 1);
    for (const k of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(o[k])) for (const sub of o[k] as unknown[]) walk(sub, path, depth + 1);
    for (const k of ['then', 'else', 'if', 'not']) walk(o[k], path, depth + 1);
    if (o.dependentSchemas && typeof o.dependentSchemas === 'object') for (const sub of Object.values(o.dependentSchemas)) walk(sub, path, depth + 1);
  };
  walk(schema, '', 0);
  const check = (value: unknown, path: string): boolean => {
    if (Array.isArray(value)) return value.every((v) => check(v, `${path}/#`));
    if (typeof value !== 'object' || value === null) return true;
    return Object.keys(value).every((k) => {
      const at = declared.has(`${path}/${k}`) ? `${path}/${k}` : declared.has(`${path}/*`) ? `${path}/*` : undefined;
      return at !== undefined && check((value as Record<string, unknown>)[k], at);
    });
  };
  return (value) => check(value, '');
}

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
          const [from, to, accepts, declared, rejects] = direction === 'BACKWARD' ? [c.old, c.new, oldV.validate, oldDeclared, newV.validate] : [c.new, c.old, newV.validate, newDeclared, oldV.validate];
          const payloads = instances(from, to, seed++, SAMPLES, MUTATIONS).filter((v) => exactForAjv(v, multiples) && accepts(v) && declared(v));
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
        const [from, to, accepts, declared, rejects] = direction === 'BACKWARD' ? [oldSchema, newSchema, oldV!, oldDeclared, newV!] : [newSchema, oldSchema, newV!, newDeclared, oldV!];
        const counter = instances(from, to, seed * 13 + (direction === 'BACKWARD' ? 0 : 1), 6, 60).find((x) => exactForAjv(x, multiples) && accepts(x) && declared(x) && !rejects(x));
        if (counter !== undefined) failures.push(`seed ${seed} ${direction}: ${JSON.stringify(counter)}\n  old ${JSON.stringify(oldSchema)}\n  new ${JSON.stringify(newSchema)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
