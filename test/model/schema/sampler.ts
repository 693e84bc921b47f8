/**
 * A second source of samples beside json-schema-faker, which ignores much of what event schemas
 * use (`required` inside `anyOf` branches, `dependentRequired`, tuple `items` lists, `contains`)
 * and so draws mostly payloads the schema itself refuses. This one draws from the values the
 * schema names (enum members, bounds and their neighbours, lengths) and builds objects and arrays
 * from the keywords that shape them, in every draft's spelling. It does not need to be right: the
 * validator keeps only what the schema accepts. It only needs to be right often.
 */
type Schema = Record<string, unknown>;
type Random = () => number;

const STRINGS = ['', 'a', 'b', 'ab', 'abc', 'abcd', 'abcde', 'abcdef', 'x', 'ba'];
const NAMES = ['extra', 'id', 'note', 'x-a'];

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);
const pick = <T>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

function resolve(root: unknown, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 8 && isObject(current); hops++) {
    const ref = [current.$ref, current.$recursiveRef, current.$dynamicRef].find((r) => typeof r === 'string') as
      string | undefined;
    if (
      ref === undefined ||
      Object.keys(current).some((k) => !k.startsWith('$') && k !== 'title' && k !== 'description')
    )
      return current;
    if (ref === '#') return root;
    if (!ref.startsWith('#/')) return current;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/'))
      target = isObject(target) ? target[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
    current = target;
  }
  return current;
}

/** The schema objects that apply to a value together: itself, `allOf`, `$ref`, one `anyOf`/`oneOf` branch. */
function conjuncts(root: unknown, node: unknown, random: Random, depth = 0): Schema[] {
  const s = resolve(root, node);
  if (!isObject(s) || depth > 4) return [];
  const out = [s];
  const parts: unknown[] = [...(Array.isArray(s.allOf) ? s.allOf : [])];
  for (const key of ['$ref', '$recursiveRef', '$dynamicRef'])
    if (typeof s[key] === 'string') parts.push({ [key]: s[key] });
  for (const key of ['anyOf', 'oneOf'])
    if (Array.isArray(s[key]) && s[key].length > 0) parts.push(pick(random, s[key] as unknown[]));
  for (const part of parts) out.push(...conjuncts(root, part, random, depth + 1));
  return out;
}

export function sample(root: unknown, node: unknown, random: Random, depth = 0): unknown {
  const all = conjuncts(root, node, random);
  if (all.length === 0) return node === false ? undefined : pick(random, [null, 'a', 1, {}, []]);
  // Every conjunct must agree: the types all of them allow, the values all their enums hold.
  const typeSets = all.flatMap((s) =>
    typeof s.type === 'string' ? [[s.type]] : Array.isArray(s.type) ? [s.type as string[]] : [],
  );
  const allows = (set: string[], t: string) => set.includes(t) || (t === 'integer' && set.includes('number'));
  const candidates = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'].filter((t) =>
    typeSets.every((set) => allows(set, t)),
  );
  const types =
    typeSets.length === 0
      ? []
      : candidates.length > 0
        ? candidates.filter((t) => !(t === 'number' && candidates.includes('integer') && random() < 0.5))
        : typeSets.flat();
  const valueSets = all.flatMap((s) => (Array.isArray(s.enum) ? [s.enum] : 'const' in s ? [[s.const]] : []));
  if (valueSets.length > 0 && random() < 0.9) {
    const key = (v: unknown) => JSON.stringify(v);
    const common = valueSets[0]!.filter((v) => valueSets.every((set) => set.some((w) => key(w) === key(v))));
    return structuredClone(pick(random, common.length > 0 ? common : valueSets.flat()));
  }
  const declares = (keys: string[]) => all.some((s) => keys.some((k) => k in s));
  const type =
    types.length > 0
      ? pick(random, types)
      : declares(['properties', 'required', 'unevaluatedProperties'])
        ? 'object'
        : declares(['items', 'prefixItems', 'contains'])
          ? 'array'
          : pick(random, ['string', 'integer', 'object', 'array', 'null']);
  const num = (key: string): number | undefined =>
    all.map((s) => s[key]).find((v): v is number => typeof v === 'number');
  switch (type) {
    case 'string': {
      const min = num('minLength') ?? 0;
      const max = num('maxLength') ?? 8;
      const patterns = all.map((s) => s.pattern).filter((p): p is string => typeof p === 'string');
      const fits = STRINGS.filter(
        (x) => x.length >= min && x.length <= max && patterns.every((p) => new RegExp(p, 'u').test(x)),
      );
      return pick(random, fits.length > 0 ? fits : STRINGS);
    }
    case 'integer':
    case 'number': {
      const edges = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].flatMap((k) => {
        const v = num(k);
        return v === undefined ? [] : [v, v + 1, v - 1, v * 2, v + 0.5];
      });
      const pool = [0, 1, 2, 3, 4, 10, -1, 2.5, ...edges].filter((x) => type === 'number' || Number.isInteger(x));
      const fits = pool.filter((x) => all.every((s) => withinBounds(s, x)));
      return pick(random, fits.length > 0 && random() < 0.85 ? fits : pool);
    }
    case 'boolean':
      return random() < 0.5;
    case 'null':
      return null;
    case 'array':
      return depth > 4 ? [] : sampleArray(root, all, random, depth);
    case 'object':
      return depth > 4 ? {} : sampleObject(root, all, random, depth);
    default:
      return null;
  }
}

function sampleArray(root: unknown, all: Schema[], random: Random, depth: number): unknown[] {
  // Each conjunct says what position i holds: its tuple entry (in either spelling), else its rest.
  const tuples = all.map((s) => {
    const tuple = Array.isArray(s.items) ? s.items : Array.isArray(s.prefixItems) ? s.prefixItems : [];
    const rest = Array.isArray(s.items)
      ? s.additionalItems
      : !Array.isArray(s.items) && 'items' in s
        ? s.items
        : undefined;
    return { tuple: tuple as unknown[], rest, unevaluated: s.unevaluatedItems };
  });
  const longest = Math.max(0, ...tuples.map((t) => t.tuple.length));
  const length = Math.floor(random() * (longest + 2));
  const out: unknown[] = [];
  for (let i = 0; i < length; i++) {
    const schemas = tuples.flatMap((t) =>
      i < t.tuple.length
        ? [t.tuple[i]]
        : t.rest !== undefined
          ? [t.rest]
          : i >= longest && t.unevaluated !== undefined
            ? [t.unevaluated]
            : [],
    );
    if (schemas.includes(false)) break;
    const value = sample(root, { allOf: schemas }, random, depth + 1);
    if (value === undefined) break;
    out.push(value);
  }
  const contains = all.find((s) => 'contains' in s)?.contains;
  if (contains !== undefined && random() < 0.6)
    out.splice(
      longest + Math.floor(random() * (Math.max(0, out.length - longest) + 1)),
      0,
      sample(root, contains, random, depth + 1),
    );
  return out;
}

function sampleObject(root: unknown, all: Schema[], random: Random, depth: number): Record<string, unknown> {
  const properties = new Map<string, unknown[]>();
  const required = new Set<string>();
  const take = (s: Schema): void => {
    if (isObject(s.properties))
      for (const [name, schema] of Object.entries(s.properties))
        properties.set(name, [...(properties.get(name) ?? []), schema]);
    if (Array.isArray(s.required)) for (const name of s.required) if (typeof name === 'string') required.add(name);
  };
  all.forEach(take);
  const out: Record<string, unknown> = {};
  const names = new Set([...required, ...[...properties.keys()].filter(() => random() < 0.6)]);
  // Dependencies in every spelling: a present name brings the names (or the schema) it needs.
  for (let round = 0; round < 2; round++) {
    for (const s of all) {
      for (const key of ['dependentRequired', 'dependencies', 'dependentSchemas']) {
        if (!isObject(s[key])) continue;
        for (const [name, dep] of Object.entries(s[key] as Schema)) {
          if (!names.has(name)) continue;
          if (Array.isArray(dep)) dep.forEach((d) => typeof d === 'string' && names.add(d));
          else if (isObject(dep)) {
            take(dep);
            if (Array.isArray(dep.required)) dep.required.forEach((d) => typeof d === 'string' && names.add(d));
          }
        }
      }
    }
  }
  if (random() < 0.15) names.add(pick(random, NAMES));
  // Names the object's own `additionalProperties: false` forbids are left out, mostly.
  const own = all[0]!;
  if (own.additionalProperties === false && random() < 0.9)
    for (const name of names) if (!isObject(own.properties) || !(name in own.properties)) names.delete(name);
  for (const name of names) {
    const schemas = properties.get(name);
    const closed = all.find((s) => 'additionalProperties' in s || 'unevaluatedProperties' in s);
    const rest = closed ? (closed.additionalProperties ?? closed.unevaluatedProperties) : true;
    const schema = schemas ? { allOf: schemas } : rest;
    const value = sample(root, schema, random, depth + 1);
    if (value !== undefined)
      Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function withinBounds(s: Schema, x: number): boolean {
  const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
  const min = n('minimum');
  const max = n('maximum');
  if (min !== undefined && (x < min || (s.exclusiveMinimum === true && x === min))) return false;
  if (max !== undefined && (x > max || (s.exclusiveMaximum === true && x === max))) return false;
  const exMin = n('exclusiveMinimum');
  const exMax = n('exclusiveMaximum');
  if (exMin !== undefined && x <= exMin) return false;
  if (exMax !== undefined && x >= exMax) return false;
  const step = n('multipleOf');
  return step === undefined || Number.isInteger(Number((x / step).toPrecision(12)));
}
