import type { Diff } from './context.ts';
import { CHECKED_FORMATS, compilePattern } from '../json-schema/validator-setup.ts';
import { isMultiple } from './decimal.ts';
import { canonical } from './json.ts';
import { admitsType, typeOfValue, type SchemaView } from './view.ts';

// Formats whose check needs a validator (the ones it checks, but those that accept anything): a
// value under one of them cannot be judged here.
const UNJUDGED_FORMATS = new Set(CHECKED_FORMATS.filter((f) => f !== 'password' && f !== 'binary'));

// An enum's values as canonical keys, made once per view: a value is looked up, not compared with
// each (two 20,000-value enums took 38 s compared pairwise).
const enumKeys = new WeakMap<SchemaView, Set<string>>();
function inEnum(view: SchemaView, values: readonly unknown[], value: unknown): boolean {
  let keys = enumKeys.get(view);
  if (!keys) {
    keys = new Set(values.map(canonical));
    enumKeys.set(view, keys);
  }
  return keys.has(canonical(value));
}

/**
 * Whether the scalar keywords of a schema (type, enum, bounds, multipleOf, lengths, pattern) accept
 * one value; undefined when that cannot be told here (an object or array value, a checked format,
 * a pattern JavaScript cannot compile).
 */
export function acceptsScalar(view: SchemaView, value: unknown): boolean | undefined {
  if (typeof value === 'object' && value !== null) return undefined;
  if (!admitsType(view.types, typeOfValue(value))) return false;
  if (view.enumValues !== null && !inEnum(view, view.enumValues, value)) return false;
  if (typeof value === 'number') {
    if (view.lower && (value < view.lower.value || (view.lower.exclusive && value === view.lower.value))) return false;
    if (view.upper && (value > view.upper.value || (view.upper.exclusive && value === view.upper.value))) return false;
    if (view.multipleOf !== undefined && !isMultiple(value, view.multipleOf)) return false;
  }
  if (typeof value === 'string') {
    const length = [...value].length; // code points, as JSON Schema counts
    if (view.minLength !== undefined && length < view.minLength) return false;
    if (view.maxLength !== undefined && length > view.maxLength) return false;
    if (view.pattern !== undefined) {
      try {
        if (!compilePattern(view.pattern).test(value)) return false;
      } catch {
        return undefined;
      }
    }
    if (view.format !== undefined && UNJUDGED_FORMATS.has(view.format)) return undefined;
  }
  return true;
}

/**
 * A side with an enum holds a finite set of values, which settles the scalar differences exactly:
 * when every old value passes the new scalar keywords, none of those differences breaks backward
 * compatibility (`{"enum": ["EUR", "USD"]}` → `{"pattern": "^[A-Z]{3}$"}`), and the same for new
 * values and forward. `diffs` are the scalar differences of this pair, fresh and not yet shared.
 */
export function settleByValues(o: SchemaView, n: SchemaView, diffs: Diff[]): void {
  if (diffs.length === 0) return;
  if (o.enumValues !== null && o.enumValues.every((v) => acceptsScalar(n, v) === true))
    for (const d of diffs) d.backward = true;
  if (n.enumValues !== null && n.enumValues.every((v) => acceptsScalar(o, v) === true))
    for (const d of diffs) d.forward = true;
  // A pattern change the values settled both ways needs no one to look at it.
  for (const d of diffs) if (d.needsReview && d.backward && d.forward) delete d.needsReview;
}
