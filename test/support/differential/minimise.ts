/**
 * The smallest schema and instance on which a disagreement still shows: greedy deletion of keys
 * and array items, and lifting a node's child or grandchild into its place, anywhere in either, kept while
 * `holds` says the disagreement is still the same.
 * Schemas at the seam are a few dozen nodes, so trying every deletion again after each success is
 * cheap; the result names the one keyword (and the one value) at fault.
 */

type Json = unknown;

export interface Case {
  schema: Json;
  instance: Json;
}

export function minimise(start: Case, holds: (candidate: Case) => boolean, maxSteps = 500): Case {
  let current = start;
  for (let step = 0; step < maxSteps; step++) {
    let shrunk = false;
    for (const candidate of deletions(current)) {
      if (holds(candidate)) {
        current = candidate;
        shrunk = true;
        break;
      }
    }
    if (!shrunk) break;
  }
  return current;
}

function* deletions(c: Case): Generator<Case> {
  for (const schema of deleteOne(c.schema)) yield { schema, instance: c.instance };
  for (const instance of deleteOne(c.instance)) yield { schema: c.schema, instance };
}

/** Every copy of `value` with one key or array item removed (or one child lifted), at any depth; outer ones first. */
function* deleteOne(value: Json): Generator<Json> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield [...value.slice(0, i), ...value.slice(i + 1)];
    for (let i = 0; i < value.length; i++)
      for (const inner of deleteOne(value[i])) yield value.map((v, j) => (j === i ? inner : v));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, Json>;
  const keys = Object.keys(record);
  for (const key of keys)
    yield rebuild(
      record,
      keys.filter((k) => k !== key),
    );
  // A node replaced by one of its children: lifts a keyword out of the levels that held it.
  // Two levels too, since a keyword sits under pairs such as properties/name.
  for (const key of keys) {
    const child = record[key];
    if (typeof child !== 'object' || child === null) continue;
    yield child;
    for (const grandchild of Object.values(child))
      if (typeof grandchild === 'object' && grandchild !== null) yield grandchild;
  }
  for (const key of keys) for (const inner of deleteOne(record[key])) yield rebuild(record, keys, key, inner);
}

/** A copy with some keys, one of them replaced; defineProperty keeps "constructor" and kin as data. */
function rebuild(record: Record<string, Json>, keys: string[], replaced?: string, inner?: Json): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const key of keys)
    Object.defineProperty(out, key, {
      value: key === replaced ? inner : record[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}
