import { referencesOf } from './dialect.ts';
import { resolveRef, type SchemaDocument } from './document.ts';
import { canonical, isObject, own } from './json.ts';
import { ANNOTATIONS, refOnly } from './keywords.ts';

// Keywords whose meaning depends on the other keywords of the same schema object: merging
// `allOf` branches that hold them with branches that declare properties or items would change it.
// `additional*` sees only its siblings; `unevaluated*` also what in-place applicators evaluate.
const CONTEXTUAL = ['additionalProperties', 'additionalItems'];
const DECLARING = ['properties', 'patternProperties', 'items', 'prefixItems'];
const UNEVALUATED = ['unevaluatedProperties', 'unevaluatedItems'];
const EVALUATING = [
  ...DECLARING,
  'additionalProperties',
  'additionalItems',
  'contains',
  'anyOf',
  'oneOf',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependencies',
  ...UNEVALUATED,
];
const REFERENCE_KEYS = new Set(['$ref', '$recursiveRef', '$dynamicRef']);

/**
 * `allOf` branches (and a `$ref` beside other keywords) whose keywords do not
 * overlap are merged into one schema object, so that `allOf: [{"$ref": "#/$defs/A"}]`, a `$ref`
 * with a `maxLength` beside it, and the same keywords written inline compare as equal. Anything
 * that overlaps stays an `allOf`, compared branch by branch.
 */
export function mergeConjuncts(
  raw: Record<string, unknown>,
  doc: SchemaDocument,
  which: string,
  ancestors: Set<unknown>,
  depth: number,
): Record<string, unknown> {
  const allOf = own(raw, 'allOf');
  const refs = referencesOf(raw, doc.draft);
  if (!Array.isArray(allOf) && refs.length === 0) return raw;
  const hit = doc.merged.get(raw);
  if (hit) return hit;
  const fail = (): Record<string, unknown> => {
    doc.merged.set(raw, raw);
    return raw;
  };
  if (depth > 8) return fail();
  const base: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (key !== 'allOf' && !REFERENCE_KEYS.has(key)) base[key] = raw[key];
  const branches: unknown[] = [...(Array.isArray(allOf) ? allOf : [])];
  for (const ref of refs) branches.push({ $ref: ref });
  const parts: Record<string, unknown>[] = [];
  for (let branch of branches) {
    const hops = new Set<unknown>();
    while (isObject(branch) && refOnly(branch, doc.draft)) {
      if (hops.has(branch)) return fail();
      hops.add(branch);
      branch = resolveRef(doc, referencesOf(branch, doc.draft)[0]!, which);
    }
    if (branch === true) continue;
    if (!isObject(branch) || ancestors.has(branch)) return fail();
    const inner = new Set(ancestors).add(branch);
    const flat = mergeConjuncts(branch, doc, which, inner, depth + 1);
    if (Object.hasOwn(flat, 'allOf') || referencesOf(flat, doc.draft).length > 0) return fail();
    parts.push(flat);
  }
  const seen = new Set(Object.keys(base).filter((k) => !ANNOTATIONS.has(k)));
  const contextual = (keys: string[]) => keys.some((k) => CONTEXTUAL.includes(k));
  const declaring = (keys: string[]) => keys.some((k) => DECLARING.includes(k));
  const all = [Object.keys(base), ...parts.map((p) => Object.keys(p))].map((keys) =>
    keys.filter((k) => !ANNOTATIONS.has(k)),
  );
  const unevaluated = (keys: string[]) => keys.some((k) => UNEVALUATED.includes(k));
  const evaluating = (keys: string[]) => keys.some((k) => EVALUATING.includes(k));
  for (let i = 0; i < all.length; i++)
    for (let j = 0; j < all.length; j++) {
      if (i !== j && contextual(all[i]!) && declaring(all[j]!)) return fail();
      // Merged, an `unevaluated*` would see what another part evaluates; unless it sits in the
      // base, where it saw the branches all along.
      if (i !== j && i > 0 && unevaluated(all[i]!) && evaluating(all[j]!)) return fail();
    }
  const result: Record<string, unknown> = { ...base };
  for (const part of parts) {
    for (const key of Object.keys(part)) {
      if (ANNOTATIONS.has(key)) continue;
      if (!seen.has(key)) {
        seen.add(key);
        result[key] = part[key];
        continue;
      }
      // The usual way to extend a base event: the same type, more properties, more required names.
      const joined = join(key, result[key], part[key]);
      if (joined === undefined) return fail();
      result[key] = joined;
    }
  }
  doc.merged.set(raw, result);
  return result;
}

/** Two values of one keyword as one, when a conjunction of them is that simple; else undefined. */
function join(key: string, a: unknown, b: unknown): unknown {
  if (key === 'type' && canonical(a) === canonical(b)) return a;
  if (key === 'required' && Array.isArray(a) && Array.isArray(b)) return [...new Set([...a, ...b])];
  if (key === 'properties' && isObject(a) && isObject(b)) {
    const out: Record<string, unknown> = {};
    for (const source of [a, b]) {
      for (const name of Object.keys(source)) {
        if (Object.hasOwn(out, name)) return undefined;
        // defineProperty: a property may be called `__proto__`.
        Object.defineProperty(out, name, { value: source[name], enumerable: true, writable: true, configurable: true });
      }
    }
    return out;
  }
  return undefined;
}
