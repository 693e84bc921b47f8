import { compareDecimal } from './decimal.ts';
import type { SchemaNode } from './document.ts';
import { canonical } from './json.ts';
import { admitsType, type Bound, type JsonType, viewOf } from './view.ts';

export function typesOverlap(a: Set<JsonType> | null, b: Set<JsonType> | null): boolean {
  if (a === null || b === null) return true;
  for (const t of a) if (admitsType(b, t) || (t === 'number' && b.has('integer'))) return true;
  return false;
}

/**
 * Whether no value can match both schemas, as far as can be proved cheaply: different types,
 * disjoint enums, number ranges that do not meet, or a required property (a discriminator) whose
 * values cannot agree. "Not proved" is the safe answer: `oneOf` then treats them as overlapping.
 */
export function disjoint(a: SchemaNode, b: SchemaNode, which: string, depth = 0): boolean {
  const x = viewOf(a, which);
  const y = viewOf(b, which);
  if (x.isFalse || y.isFalse) return true;
  if (!typesOverlap(x.types, y.types)) return true;
  if (x.enumValues && y.enumValues) {
    const keys = new Set(x.enumValues.map(canonical));
    if (!y.enumValues.some((v) => keys.has(canonical(v)))) return true;
  }
  if (numericOnly(x.types) && numericOnly(y.types) && (below(x.upper, y.lower) || below(y.upper, x.lower))) return true;
  if (depth < 3 && objectOnly(x.types) && objectOnly(y.types)) {
    for (const name of x.required) {
      if (!y.required.has(name)) continue;
      const p = x.properties.get(name);
      const q = y.properties.get(name);
      if (p && q && disjoint(p, q, which, depth + 1)) return true;
    }
  }
  return false;
}

function numericOnly(t: Set<JsonType> | null): boolean {
  return t !== null && [...t].every((k) => k === 'number' || k === 'integer');
}

function objectOnly(t: Set<JsonType> | null): boolean {
  return t !== null && t.size === 1 && t.has('object');
}

function below(upper: Bound | undefined, lower: Bound | undefined): boolean {
  if (!upper || !lower) return false;
  const c = compareDecimal(upper.value, lower.value);
  return c < 0 || (c === 0 && (upper.exclusive || lower.exclusive));
}
