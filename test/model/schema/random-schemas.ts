import { rng } from './oracle.ts';

/**
 * Random event schemas and random edits of them, for the oracle to hunt beyond the golden pairs:
 * the kinds of change people make to event payloads, on the shapes they write.
 */
type Schema = Record<string, unknown>;

const NAMES = ['id', 'total', 'currency', 'items', 'note', 'kind', 'at'];

export function randomPair(seed: number): [Schema, Schema] {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const chance = (p: number) => random() < p;

  const leaf = (depth: number): Schema => {
    const r = random();
    if (r < 0.2) return withBounds({ type: 'string' });
    if (r < 0.35) return withBounds({ type: pick(['integer', 'number']) });
    if (r < 0.45)
      return {
        enum: pick([
          ['a', 'b'],
          ['a', 'b', 'c'],
          [1, 2],
          ['a', null],
        ]),
      };
    if (r < 0.5) return { const: pick(['a', 1, true]) };
    if (r < 0.55) return { type: pick([['string', 'null'], ['integer', 'string'], 'boolean']) };
    if (r < 0.62) return { anyOf: [leaf(depth + 1), leaf(depth + 1)] };
    if (r < 0.68) return { oneOf: [leaf(depth + 1), leaf(depth + 1)] };
    if (r < 0.72) return { $ref: pick(['#/$defs/money', '#/$defs/tag']) };
    if (depth < 2 && chance(0.25))
      return pick([
        () => ({
          type: 'array',
          prefixItems: [leaf(depth + 1), leaf(depth + 1)],
          ...(chance(0.5) ? { items: pick([false, { type: 'string' }]) } : {}),
        }),
        () => ({ allOf: [leaf(depth + 1), { maxLength: 4 }] }),
        () => ({ type: 'string', not: { enum: ['x', 'y'] } }),
        () => ({
          type: 'object',
          properties: { kind: { type: 'string' }, x: { type: 'string' } },
          if: { properties: { kind: { const: 'a' } }, required: ['kind'] },
          then: { required: ['x'] },
        }),
        () => ({
          type: 'object',
          patternProperties: { '^x-': leaf(3) },
          additionalProperties: chance(0.5) ? false : undefined,
        }),
        () => ({
          type: 'object',
          properties: { a: { type: 'string' }, b: { type: 'string' } },
          dependentRequired: { a: ['b'] },
        }),
        () => ({ type: 'array', items: { type: 'integer' }, uniqueItems: chance(0.5), minItems: pick([0, 1]) }),
      ])();
    if (depth < 2 && r < 0.85)
      return { type: 'array', items: leaf(depth + 1), ...(chance(0.3) ? { maxItems: pick([1, 2, 3]) } : {}) };
    if (depth < 2) return object(depth + 1);
    return { type: 'string' };
  };
  const withBounds = (s: Schema): Schema => {
    if (s.type === 'string') {
      if (chance(0.3)) s.minLength = pick([1, 2]);
      if (chance(0.3)) s.maxLength = pick([3, 5]);
      if (chance(0.15)) s.pattern = pick(['^(a|b)$', '^a', 'b']);
      if (chance(0.1)) s.format = pick(['date', 'email']);
    } else {
      if (chance(0.3)) s.minimum = pick([0, 1, -2.5]);
      if (chance(0.3)) s[pick(['maximum', 'exclusiveMaximum'])] = pick([10, 100, 2.5]);
      if (chance(0.25)) s.multipleOf = pick([0.5, 2, 3, 0.25]);
    }
    return s;
  };
  const object = (depth: number): Schema => {
    const properties: Schema = {};
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) properties[pick(NAMES)] = leaf(depth);
    const s: Schema = { type: 'object', properties };
    const names = Object.keys(properties);
    if (chance(0.6)) s.required = names.filter(() => chance(0.5));
    if (chance(0.3)) s.additionalProperties = false;
    else if (chance(0.15)) s.additionalProperties = leaf(3);
    return s;
  };

  const old: Schema = {
    ...object(0),
    $defs: {
      money: withBounds({ type: 'number' }),
      tag: { type: 'object', properties: { name: withBounds({ type: 'string' }) }, required: ['name'] },
    },
  };
  const edited = structuredClone(old);
  const edits = 1 + Math.floor(random() * 2);
  for (let e = 0; e < edits; e++) edit(edited);
  return [old, edited];

  function edit(root: Schema): void {
    // Choose a sub-schema, then change one thing about it.
    const all: Schema[] = [];
    const walk = (s: unknown) => {
      if (typeof s !== 'object' || s === null) return;
      if (Array.isArray(s)) return s.forEach(walk);
      all.push(s as Schema);
      for (const [k, v] of Object.entries(s)) if (k !== 'enum' && k !== 'const' && k !== 'required') walk(v);
    };
    walk(root);
    const target = pick(
      all.filter((s) => s.type !== undefined || s.enum !== undefined || s.anyOf || s.oneOf || s.const !== undefined),
    );
    const r = random();
    if (target.type === 'object' && target.properties) {
      const properties = target.properties as Schema;
      if (r < 0.25) properties[pick(NAMES)] = leaf(2);
      else if (r < 0.4) delete properties[pick(Object.keys(properties))];
      else if (r < 0.6) target.required = Object.keys(properties).filter(() => chance(0.5));
      else if (r < 0.75) target.additionalProperties = pick([false, true, { type: 'string' }]);
      else if (r < 0.85) delete target.additionalProperties;
      else target.minProperties = 1;
      return;
    }
    if (target.type === 'array' && Array.isArray(target.prefixItems) && r < 0.3) {
      const tuple = target.prefixItems as unknown[];
      if (chance(0.5)) tuple.push(leaf(2));
      else tuple.pop();
      if (chance(0.4)) target.items = pick([false, { type: 'string' }, { type: 'integer' }]);
      return;
    }
    if (target.not && r < 0.3) {
      target.not = { enum: pick([['x'], ['x', 'y', 'z'], ['q']]) };
      return;
    }
    if (target.if && r < 0.3) {
      if (chance(0.5)) target.then = { required: pick([['x'], ['x', 'kind'], []]) };
      else target.if = { properties: { kind: { const: 'b' } }, required: ['kind'] };
      return;
    }
    if (target.dependentRequired && r < 0.3) {
      target.dependentRequired = pick([{ a: [] }, { b: ['a'] }, {}]);
      return;
    }
    if (target.patternProperties && r < 0.3) {
      target.patternProperties = { [pick(['^x-', '^y-'])]: leaf(3) };
      return;
    }
    if (target.type === 'array' && r < 0.3) {
      target.uniqueItems = !target.uniqueItems;
      return;
    }
    if (r < 0.2) target.type = pick(['string', 'integer', 'number', ['string', 'null'], ['number', 'null']]);
    else if (r < 0.35 && Array.isArray(target.enum))
      target.enum = [...(target.enum as unknown[]), pick(['c', 'd', 3])].slice(chance(0.5) ? 1 : 0);
    else if (r < 0.45) target.const = pick(['a', 'b', 1]);
    else if (r < 0.55 && (target.anyOf || target.oneOf)) {
      const key = target.anyOf ? 'anyOf' : 'oneOf';
      const branches = target[key] as unknown[];
      if (chance(0.5)) branches.push(leaf(2));
      else branches.shift();
      if (chance(0.3)) {
        target[key === 'anyOf' ? 'oneOf' : 'anyOf'] = branches;
        delete target[key];
      }
    } else if (r < 0.8) {
      const key = pick([
        'minimum',
        'maximum',
        'exclusiveMinimum',
        'exclusiveMaximum',
        'multipleOf',
        'minLength',
        'maxLength',
        'maxItems',
        'pattern',
      ]);
      if (key === 'pattern') target.pattern = pick(['^(a|b|c)$', '^ab', '^[a-c]+$']);
      else if (chance(0.3)) delete target[key];
      else target[key] = key === 'multipleOf' ? pick([0.5, 0.25, 1.5, 3]) : pick([0, 1, 2, 3, 10]);
    } else {
      for (const k of Object.keys(target)) delete target[k];
      Object.assign(target, leaf(2));
    }
  }
}
