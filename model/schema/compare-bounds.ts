import { diff, type Diff } from './context.ts';
import { compareDecimal, isMultiple } from './decimal.ts';
import { comparePatterns } from './pattern.ts';
import type { Bound, SchemaView } from './view.ts';

/**
 * Bounds: a bound that moves to let more values through is backward compatible (old payloads
 * still pass) and breaks forward; a bound that moves in is the reverse. Numbers are compared
 * exactly, as decimals.
 */
export function compareNumbers(o: SchemaView, n: SchemaView, out: Diff[]): void {
  compareBound(o.lower, n.lower, 'lower', out);
  compareBound(o.upper, n.upper, 'upper', out);
  compareMultipleOf(o.multipleOf, n.multipleOf, out);
}

function compareBound(o: Bound | undefined, n: Bound | undefined, side: 'lower' | 'upper', out: Diff[]): void {
  const name = (b: Bound): string => (b.exclusive ? 'EXCLUSIVE_' : '') + (side === 'lower' ? 'MINIMUM' : 'MAXIMUM');
  if (!o && !n) return;
  if (!o) {
    out.push(diff(`${name(n!)}_ADDED`, [], false, true, { newValue: n!.value }));
    return;
  }
  if (!n) {
    out.push(diff(`${name(o)}_REMOVED`, [], true, false, { oldValue: o.value }));
    return;
  }
  const c = compareDecimal(n.value, o.value);
  if (c === 0 && n.exclusive === o.exclusive) return;
  // Looser: a lower bound that goes down, an upper bound that goes up, or one that stops being exclusive.
  const looser = c === 0 ? o.exclusive : side === 'lower' ? c < 0 : c > 0;
  let type: string;
  if (o.exclusive === n.exclusive) type = `${name(n)}_${c > 0 ? 'INCREASED' : 'DECREASED'}`;
  else type = `${side === 'lower' ? 'MINIMUM' : 'MAXIMUM'}_${n.exclusive ? 'MADE_EXCLUSIVE' : 'MADE_INCLUSIVE'}`;
  out.push(diff(type, [], looser, !looser, { oldValue: o.value, newValue: n.value }));
}

function compareMultipleOf(o: number | undefined, n: number | undefined, out: Diff[]): void {
  if (o === undefined && n === undefined) return;
  if (o === undefined) return void out.push(diff('MULTIPLE_OF_ADDED', [], false, true, { newValue: n }));
  if (n === undefined) return void out.push(diff('MULTIPLE_OF_REMOVED', [], true, false, { oldValue: o }));
  const wider = isMultiple(o, n); // every multiple of the old step is a multiple of the new one
  const narrower = isMultiple(n, o);
  if (wider && narrower) return;
  const type = wider ? 'MULTIPLE_OF_REDUCED' : narrower ? 'MULTIPLE_OF_EXPANDED' : 'MULTIPLE_OF_CHANGED';
  out.push(diff(type, [], wider, narrower, { oldValue: o, newValue: n }));
}

/** A count bound: `minLength`, `minItems`, `minProperties`… (`lower`) or their `max…` (`upper`). */
export function compareCount(
  prefix: string,
  o: number | undefined,
  n: number | undefined,
  side: 'lower' | 'upper',
  out: Diff[],
): void {
  if (o === n) return;
  if (o === undefined) return void out.push(diff(`${prefix}_ADDED`, [], false, true, { newValue: n }));
  if (n === undefined) return void out.push(diff(`${prefix}_REMOVED`, [], true, false, { oldValue: o }));
  const looser = side === 'lower' ? n < o : n > o;
  out.push(diff(`${prefix}_${n > o ? 'INCREASED' : 'DECREASED'}`, [], looser, !looser, { oldValue: o, newValue: n }));
}

// The formats a validator checks (ajv-formats); any other `format` is an annotation only.
const CHECKED_FORMATS = new Set([
  'date',
  'time',
  'date-time',
  'iso-time',
  'iso-date-time',
  'duration',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'json-pointer-uri-fragment',
  'relative-json-pointer',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'binary',
]);

export function compareStrings(o: SchemaView, n: SchemaView, out: Diff[]): void {
  compareCount('MIN_LENGTH', o.minLength, n.minLength, 'lower', out);
  compareCount('MAX_LENGTH', o.maxLength, n.maxLength, 'upper', out);
  if (o.pattern !== n.pattern) {
    if (o.pattern === undefined) out.push(diff('PATTERN_ADDED', [], false, true, { newValue: n.pattern }));
    else if (n.pattern === undefined) out.push(diff('PATTERN_REMOVED', [], true, false, { oldValue: o.pattern }));
    else {
      const relation = comparePatterns(o.pattern, n.pattern);
      if (relation !== 'same') {
        const extra = { oldValue: o.pattern, newValue: n.pattern };
        if (relation === 'unknown')
          out.push(diff('PATTERN_CHANGED', [], false, false, { ...extra, needsReview: true }));
        else out.push(diff('PATTERN_CHANGED', [], relation === 'wider', relation === 'narrower', extra));
      }
    }
  }
  if (o.format !== n.format) {
    const oldChecked = o.format !== undefined && CHECKED_FORMATS.has(o.format);
    const newChecked = n.format !== undefined && CHECKED_FORMATS.has(n.format);
    const type = o.format === undefined ? 'FORMAT_ADDED' : n.format === undefined ? 'FORMAT_REMOVED' : 'FORMAT_CHANGED';
    out.push(diff(type, [], !newChecked, !oldChecked, { oldValue: o.format, newValue: n.format }));
  }
}
