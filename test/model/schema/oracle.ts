import { generateSync } from 'json-schema-faker';
import { forFaker } from './dialects.ts';
import { sample } from './sampler.ts';

/**
 * Instances for the oracle: json-schema-faker's samples of one schema, then mutations of them
 * built from the literals of both schemas (their property names, bounds, enum values, lengths),
 * because a counter-example to a compatibility claim usually sits on exactly those edges.
 * Deterministic: every random choice comes from a seeded generator.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Literals {
  names: Set<string>;
  values: unknown[];
}

const NUMERIC = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
const LENGTHS = ['minLength', 'maxLength'];

/** Property names and edge values that the two schemas mention. */
export function literals(...schemas: unknown[]): Literals {
  const names = new Set<string>(['extra', 'x-b']);
  const values: unknown[] = [
    null,
    true,
    false,
    0,
    1,
    -1,
    0.5,
    2.5,
    1e9,
    '',
    'a',
    'abc',
    'ord-1',
    'ord-eu-1',
    'EUR',
    'x',
    [],
    [1],
    ['a'],
    ['a', 'a'],
    ['a', 1],
    {},
    { kind: 'a' },
  ];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (
        (key === 'properties' || key === 'patternProperties' || key === 'dependentRequired') &&
        typeof v === 'object' &&
        v !== null
      ) {
        for (const name of Object.keys(v))
          names.add(key === 'patternProperties' ? name.replace(/^\^/, '').replace(/\$$/, '') + 'z' : name);
      }
      if (key === 'required' && Array.isArray(v)) for (const name of v) if (typeof name === 'string') names.add(name);
      if (NUMERIC.includes(key) && typeof v === 'number') {
        for (const d of [0, 1, -1, 0.5, -0.5, 0.01, -0.01, v]) values.push(v + d);
        values.push(v * 2, v * 3, v * 7, -v);
      }
      if (LENGTHS.includes(key) && typeof v === 'number')
        for (const n of [v - 1, v, v + 1]) if (n >= 0) values.push('abcdefghijklmnopqrstuvwxyz'.repeat(2).slice(0, n));
      if (key === 'enum' && Array.isArray(v)) values.push(...v);
      if (key === 'const') values.push(v);
      if (key === 'default') values.push(v);
      if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') visit(v);
    }
  };
  schemas.forEach(visit);
  return { names, values };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** One random edit somewhere inside the value. */
function mutate(value: unknown, lit: Literals, random: () => number, depth = 0): unknown {
  const r = random();
  if (depth > 4 || r < 0.2) {
    const v = pick(random, lit.values);
    if (random() < 0.3 && typeof v !== 'object') return [v, v];
    if (random() < 0.2) return { [pick(random, [...lit.names])]: v };
    return clone(v);
  }
  if (Array.isArray(value)) {
    const copy = [...value];
    const choice = random();
    if (copy.length > 0 && choice < 0.4) {
      const i = Math.floor(random() * copy.length);
      copy[i] = mutate(copy[i], lit, random, depth + 1);
    } else if (copy.length > 0 && choice < 0.6) copy.splice(Math.floor(random() * copy.length), 1);
    else if (copy.length > 0 && choice < 0.75) copy.push(clone(copy[0]));
    else copy.push(clone(pick(random, lit.values)));
    return copy;
  }
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value))
      Object.defineProperty(copy, key, {
        value: (value as Record<string, unknown>)[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    const keys = Object.keys(copy);
    const choice = random();
    const set = (key: string, v: unknown) =>
      Object.defineProperty(copy, key, { value: v, enumerable: true, writable: true, configurable: true });
    if (keys.length > 0 && choice < 0.45) {
      const key = pick(random, keys);
      set(key, mutate(copy[key], lit, random, depth + 1));
    } else if (keys.length > 0 && choice < 0.65) delete copy[pick(random, keys)];
    else set(pick(random, [...lit.names]), clone(pick(random, lit.values)));
    return copy;
  }
  return clone(pick(random, lit.values));
}

/**
 * Samples of `schema`, and mutations of them using the literals of both schemas. With `keep`
 * (the schema's own validator), mutations start from the samples it accepts: edits of a valid
 * payload are where a counter-example sits.
 */
export function instances(
  schema: unknown,
  other: unknown,
  seed: number,
  samples: number,
  mutations: number,
  keep?: (value: unknown) => boolean,
): unknown[] {
  const random = rng(seed);
  const base: unknown[] = [];
  for (let i = 0; i < samples; i++) {
    try {
      const value = generateSync(forFaker(schema) as never, {
        seed: seed * 1000 + i,
        optionalsProbability: i % 3 === 0 ? 1 : 0.5,
        maxDepth: 4,
        alwaysFakeOptionals: i % 3 === 0,
      });
      base.push(value);
    } catch {
      // Some schemas (false, unsatisfiable, deep recursion) have no sample; mutations still run.
    }
  }
  // The schema's own shapes (sampler.ts): json-schema-faker alone misses most of them.
  for (let i = 0; i < samples * 4; i++) {
    const value = sample(schema, schema, random);
    if (value !== undefined) base.push(value);
  }
  const lit = literals(schema, other);
  const valid = keep ? base.filter((v) => keep(v)) : base;
  const seeds = valid.length > 0 ? valid : base.length > 0 ? base : [{}, '', 0, []];
  const out = [...base, ...lit.values];
  for (let i = 0; i < mutations; i++) {
    let value = pick(random, seeds);
    const edits = 1 + Math.floor(random() * 3);
    for (let e = 0; e < edits; e++) value = mutate(value, lit, random);
    out.push(value);
  }
  return out;
}
