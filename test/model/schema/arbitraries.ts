import fc from 'fast-check';
import type { EventVersion } from '../../../model/board/types.ts';
import { DIALECTS, inDialect, type Dialect } from './dialects.ts';

/**
 * fast-check arbitraries for the oracle: event schemas built from the keywords whose reading
 * depends on their neighbours or on the draft (`prefixItems` and tuple `items`, `unevaluated*`
 * beside `allOf`/`$ref`/`anyOf`, `dependentRequired`/`dependentSchemas`, `contains`), a random edit
 * of each, and the pair written in one draft or two. Shrinking turns a counter-example into the
 * smallest pair that shows it.
 */
type Schema = Record<string, unknown>;

// Own properties, a base's and the branches' come mostly from different names, so that a schema
// and its base rarely contradict each other (a payload must satisfy both).
const NAMES = ['id', 'total', 'note', 'kind', 'at'] as const;
const OWN = fc.constantFrom('id', 'total', 'note');
const BASE = fc.constantFrom('at', 'note');
const BRANCH = fc.constantFrom('kind', 'at');

/** Drops the keys a record left undefined (fast-check's optional keys). */
function defined(s: Schema): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) if (v !== undefined) out[k] = v;
  return out;
}

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

export const leaf: fc.Arbitrary<Schema> = fc.oneof(
  fc
    .record({
      type: fc.constant('string'),
      minLength: opt(fc.constantFrom(1, 2)),
      maxLength: opt(fc.constantFrom(3, 5)),
      pattern: opt(fc.constantFrom('^a', '^(a|b)$')),
    })
    .map(defined),
  fc
    .record({
      type: fc.constantFrom('integer', 'number'),
      minimum: opt(fc.constantFrom(0, 1)),
      exclusiveMaximum: opt(fc.constantFrom(10, 2.5)),
      multipleOf: opt(fc.constantFrom(2, 0.5)),
    })
    .map(defined),
  fc.record({ enum: fc.constantFrom(['a', 'b'], ['a', 'b', 'c'], [1, 2], ['a', null]) }),
  fc.record({ const: fc.constantFrom('a', 1, true) }),
  fc.record({ type: fc.constantFrom<unknown>(['string', 'null'], 'boolean', ['integer', 'string']) }),
);

const properties = (value: fc.Arbitrary<Schema>, maxKeys: number, names: fc.Arbitrary<string> = OWN) =>
  fc.dictionary(names, value, { minKeys: 1, maxKeys });

type Content = 'open' | 'additional-false' | 'additional-schema' | 'unevaluated-false' | 'unevaluated-schema';
type Tail = 'open' | 'items-false' | 'items-schema' | 'unevaluated-false' | 'unevaluated-schema';

const nodes = fc.letrec<{ node: Schema; object: Schema; array: Schema }>((tie) => ({
  node: fc.oneof({ maxDepth: 2, depthIdentifier: 'schema' }, leaf, tie('object'), tie('array')),
  object: fc
    .record({
      properties: properties(tie('node'), 3),
      required: fc.subarray([...NAMES], { maxLength: 2 }),
      content: fc.constantFrom<Content>(
        'open',
        'additional-false',
        'additional-schema',
        'unevaluated-false',
        'unevaluated-schema',
      ),
      base: opt(properties(leaf, 2, BASE)),
      viaRef: fc.boolean(),
      branches: opt(fc.tuple(properties(leaf, 2, BRANCH), properties(leaf, 2, BRANCH))),
      dependentRequired: opt(fc.constantFrom({ id: ['note'] }, { note: ['kind', 'at'] })),
      dependentSchemas: opt(
        fc.record({
          kind: fc.record({ required: fc.constant(['at']), properties: opt(properties(leaf, 1)) }).map(defined),
        }),
      ),
    })
    .map((o) => {
      const s: Schema = { type: 'object', properties: o.properties };
      const names = Object.keys(o.properties);
      const required = o.required.filter((n) => names.includes(n));
      if (required.length > 0) s.required = required;
      // A base the object extends, inline or through `$ref`: `unevaluated*` sees what it declares.
      if (o.base) s.allOf = [o.viaRef ? { $ref: '#/$defs/base' } : { properties: o.base }];
      if (o.base && o.viaRef) s.$defs = { base: { properties: o.base } };
      if (o.branches) s.anyOf = o.branches.map((p) => ({ properties: p, required: [Object.keys(p)[0]] }));
      if (o.dependentRequired) s.dependentRequired = o.dependentRequired;
      if (o.dependentSchemas) s.dependentSchemas = o.dependentSchemas;
      if (o.content === 'additional-false') s.additionalProperties = false;
      if (o.content === 'additional-schema') s.additionalProperties = { type: 'string' };
      if (o.content === 'unevaluated-false') s.unevaluatedProperties = false;
      if (o.content === 'unevaluated-schema') s.unevaluatedProperties = { type: 'string' };
      return s;
    }),
  array: fc
    .record({
      prefixItems: fc.array(tie('node'), { maxLength: 3 }),
      tail: fc.constantFrom<Tail>('open', 'items-false', 'items-schema', 'unevaluated-false', 'unevaluated-schema'),
      contains: opt(leaf),
      basePrefix: opt(fc.array(leaf, { minLength: 1, maxLength: 3 })),
      maxItems: opt(fc.constantFrom(2, 4)),
    })
    .map((a) => {
      const s: Schema = { type: 'array' };
      if (a.prefixItems.length > 0) s.prefixItems = a.prefixItems;
      if (a.basePrefix) s.allOf = [{ prefixItems: a.basePrefix }];
      if (a.contains) s.contains = a.contains;
      if (a.maxItems) s.maxItems = a.maxItems;
      if (a.tail === 'items-false') s.items = false;
      if (a.tail === 'items-schema') s.items = { type: 'string' };
      if (a.tail === 'unevaluated-false') s.unevaluatedItems = false;
      if (a.tail === 'unevaluated-schema') s.unevaluatedItems = { type: 'integer' };
      return s;
    }),
}));

/** One edit: which sub-schema (an index into all of them), what to do, and a leaf to use. */
const edit = fc.record({ at: fc.nat(), op: fc.nat(), pick: fc.nat(), leaf });
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function subSchemas(root: Schema): Schema[] {
  const all: Schema[] = [];
  const walk = (s: unknown): void => {
    if (typeof s !== 'object' || s === null) return;
    if (Array.isArray(s)) return s.forEach(walk);
    all.push(s as Schema);
    for (const [k, v] of Object.entries(s))
      if (k !== 'enum' && k !== 'const' && k !== 'required' && k !== 'dependentRequired') walk(v);
  };
  walk(root);
  return all;
}

function apply(root: Schema, e: Edit): void {
  const all = subSchemas(root);
  const target = all[e.at % all.length]!;
  const choose = <T>(xs: readonly T[]): T => xs[e.pick % xs.length]!;
  const props = target.properties as Schema | undefined;
  if (props && typeof props === 'object') {
    const ops = [
      () => void (props[choose(NAMES)] = e.leaf),
      () => void delete props[choose(Object.keys(props).length > 0 ? Object.keys(props) : ['id'])],
      () => void (target.required = Object.keys(props).filter((_, i) => (e.pick >> i) & 1)),
      () => {
        for (const k of ['additionalProperties', 'unevaluatedProperties']) delete target[k];
        const [k, v] = choose([
          ['unevaluatedProperties', false],
          ['unevaluatedProperties', { type: 'string' }],
          ['additionalProperties', false],
          ['', undefined],
        ] as const);
        if (k) target[k] = v;
      },
      () => void (target.dependentRequired = choose([{ id: ['note'] }, { note: ['kind'] }, {}])),
      () =>
        void (target.dependentSchemas = choose([
          { kind: { required: ['at'] } },
          { kind: { properties: { at: e.leaf } } },
          {},
        ])),
    ];
    return choose(ops)();
  }
  if (target.type === 'array') {
    const ops = [
      () => void (target.prefixItems = [...((target.prefixItems as unknown[]) ?? []), e.leaf]),
      () => void (target.prefixItems = ((target.prefixItems as unknown[]) ?? []).slice(0, -1)),
      () => {
        for (const k of ['items', 'unevaluatedItems']) delete target[k];
        const [k, v] = choose([
          ['items', false],
          ['items', { type: 'string' }],
          ['unevaluatedItems', false],
          ['unevaluatedItems', { type: 'integer' }],
          ['', undefined],
        ] as const);
        if (k) target[k] = v;
      },
      () => void (target.contains = e.leaf),
    ];
    choose(ops)();
    if (Array.isArray(target.prefixItems) && target.prefixItems.length === 0) delete target.prefixItems;
    return;
  }
  // A leaf, a base or a branch: replace it, or change one bound.
  const ops = [
    () => {
      for (const k of Object.keys(target)) delete target[k];
      Object.assign(target, e.leaf);
    },
    () =>
      void (target[choose(['minimum', 'maximum', 'exclusiveMinimum', 'maxLength', 'minLength'])] = choose([
        0, 1, 2, 5,
      ])),
    () => void (target.type = choose(['string', 'integer', 'number', ['string', 'null']])),
  ];
  choose(ops)();
}

export interface GeneratedPair {
  old: unknown;
  new: unknown;
  dialects: [Dialect, Dialect];
}

/** An object payload schema, an edited copy, each written in a draft (mostly the same one). */
export const pairs: fc.Arbitrary<GeneratedPair> = fc
  .record({
    schema: nodes.object,
    edits: fc.array(edit, { minLength: 1, maxLength: 2 }),
    oldDialect: fc.constantFrom(...DIALECTS),
    newDialect: fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(...DIALECTS) },
    ),
  })
  .map(({ schema: generated, edits, oldDialect, newDialect }) => {
    const schema = hoistDefinitions(generated);
    const edited = structuredClone(schema);
    for (const e of edits) apply(edited, e);
    const dialects: [Dialect, Dialect] = [oldDialect, newDialect ?? oldDialect];
    return { old: inDialect(schema, dialects[0]), new: inDialect(edited, dialects[1]), dialects };
  });

/** A `$ref` names its target from the root: every nested `$defs` moves there, under a name of its own. */
function hoistDefinitions(root: Schema): Schema {
  const defs: Schema = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const s = node as Schema;
    if (typeof s.$defs === 'object' && s.$defs !== null) {
      const name = `base${Object.keys(defs).length}`;
      defs[name] = (s.$defs as Schema).base;
      delete s.$defs;
      for (const branch of (s.allOf as Schema[] | undefined) ?? [])
        if (branch.$ref === '#/$defs/base') branch.$ref = `#/$defs/${name}`;
    }
    for (const [k, v] of Object.entries(s)) if (k !== 'enum' && k !== 'const') walk(v);
  };
  const copy = structuredClone(root);
  walk(copy);
  return Object.keys(defs).length > 0 ? { ...copy, $defs: defs } : copy;
}

export interface GeneratedHistory {
  versions: EventVersion[];
  dialects: Dialect[];
}

/**
 * A version history: a schema, then versions that each edit the one before, go back to an earlier
 * one (a revert), repeat it, or only retitle it; mostly in one draft, sometimes a draft per version.
 * Histories that revisit texts and share sub-schemas are what a history check may share work on.
 */
export const histories: fc.Arbitrary<GeneratedHistory> = fc
  .record({
    schema: nodes.object,
    moves: fc.array(
      fc.record({
        kind: fc.constantFrom('edit', 'edit', 'revert', 'repeat', 'retitle'),
        edits: fc.array(edit, { minLength: 1, maxLength: 2 }),
        back: fc.nat(),
      }),
      { minLength: 1, maxLength: 7 },
    ),
    dialect: fc.constantFrom(...DIALECTS),
    perVersion: fc.option(fc.array(fc.constantFrom(...DIALECTS), { minLength: 8, maxLength: 8 }), {
      nil: undefined,
      freq: 4,
    }),
  })
  .map(({ schema, moves, dialect, perVersion }) => {
    const plain: Schema[] = [hoistDefinitions(schema)];
    moves.forEach((move, i) => {
      const last = plain[plain.length - 1]!;
      if (move.kind === 'revert') return void plain.push(structuredClone(plain[move.back % plain.length]!));
      const next = structuredClone(last);
      if (move.kind === 'edit') for (const e of move.edits) apply(next, e);
      if (move.kind === 'retitle') next[move.back % 2 ? 'title' : 'description'] = `version ${i + 2}`;
      plain.push(next);
    });
    const dialects = plain.map((_, i) => perVersion?.[i] ?? dialect);
    return {
      versions: plain.map((s, i) => ({ version: i + 1, schema: inDialect(s, dialects[i]!) as EventVersion['schema'] })),
      dialects,
    };
  });
