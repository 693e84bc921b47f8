import { decimalValue, type FieldSpec, type Format, type ObjectSpec } from './fields.ts';
import { multiple, multiplesRange } from './values.ts';

/**
 * Payloads one step outside a schema, made from a valid one: a wrong type, a missing required
 * field, an amount off its multipleOf, a code off its pattern, a date that is no date, a value
 * past a bound. Each is what a client gets wrong in practice; which of them the workbench refuses,
 * and in which words, is for the workbench to say (the harness asks it), not for this file.
 */

export interface NearMiss {
  /** What was broken, e.g. `multipleOf at /amount`. */
  label: string;
  value: unknown;
}

const BAD_FORMATS: Record<Format, string> = {
  'date-time': '2026-13-01T25:00:00Z',
  date: '2026-02-30',
  time: '25:61:00Z',
  duration: 'P',
  email: 'not an email',
  uri: 'no scheme here',
  uuid: '1234-not-a-uuid',
  hostname: '-bad-.example..org',
  ipv4: '256.1.1.1',
  ipv6: '12345::abcd::1',
};

function wrongType(spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'string':
      return 42;
    case 'number':
    case 'integer':
      return '19.99';
    case 'boolean':
      return 'yes';
    case 'object':
      return [];
    case 'array':
      return {};
  }
}

/** Values that break one keyword of a field, each with the keyword's name. */
function missesOf(spec: FieldSpec, valid: unknown): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [[`type (${spec.kind})`, wrongType(spec)]];
  if (!spec.nullable) out.push(['null', null]);
  switch (spec.kind) {
    case 'string':
      if (spec.enum !== undefined || spec.const !== undefined) out.push(['enum', 'not-one-of-them']);
      if (spec.pattern !== undefined && typeof valid === 'string') out.push(['pattern', `${valid}!`]);
      if (spec.format !== undefined) out.push([`format ${spec.format}`, BAD_FORMATS[spec.format]]);
      if (spec.maxLength !== undefined) out.push(['maxLength', 'x'.repeat(spec.maxLength + 1)]);
      if (spec.minLength !== undefined) out.push(['minLength', 'x'.repeat(spec.minLength - 1)]);
      break;
    case 'number':
    case 'integer': {
      if (spec.enum !== undefined) break;
      const { step, lo, hi } = multiplesRange(spec);
      const k = Math.max(lo, Math.min(hi, 0));
      if (spec.multipleOf !== undefined) {
        const m = decimalValue(spec.multipleOf);
        // Half a step off, in decimal (19.995), and a client's float arithmetic (3 × 0.1).
        out.push(['multipleOf', Number((multiple(k, step) + m / 2).toFixed(step.places + 1))]);
        out.push(['multipleOf (float arithmetic)', (Math.max(k, 1) + 2) * m]);
      }
      if (spec.kind === 'integer') out.push(['type (integer)', multiple(k, step) + 0.5]);
      if (spec.maximum !== undefined)
        out.push([
          spec.exclusiveMaximum ? 'exclusiveMaximum' : 'maximum',
          spec.exclusiveMaximum ? spec.maximum : multiple(hi + 1, step),
        ]);
      if (spec.minimum !== undefined)
        out.push([
          spec.exclusiveMinimum ? 'exclusiveMinimum' : 'minimum',
          spec.exclusiveMinimum ? spec.minimum : multiple(lo - 1, step),
        ]);
      break;
    }
    case 'array':
      if (spec.maxItems !== undefined && Array.isArray(valid) && valid.length > 0)
        out.push(['maxItems', Array.from({ length: spec.maxItems + 1 }, (_, i) => valid[i % valid.length])]);
      if (spec.minItems !== undefined) out.push(['minItems', []]);
      if (spec.uniqueItems && Array.isArray(valid) && valid.length > 0) out.push(['uniqueItems', [valid[0], valid[0]]]);
      break;
    default:
      break;
  }
  return out;
}

function setAt(root: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Near misses of an object payload, down through nested objects and the first item of lists. */
export function nearMisses(spec: ObjectSpec, valid: Record<string, unknown>, at = ''): NearMiss[] {
  const out: NearMiss[] = [];
  if (at === '') out.push({ label: 'type (payload)', value: [valid] });
  for (const field of spec.fields) {
    const here = `${at}/${field.name}`;
    const present = Object.hasOwn(valid, field.name);
    if (field.required && present) {
      const copy = structuredClone(valid);
      delete copy[field.name];
      out.push({ label: `required ${here}`, value: copy });
    }
    const value = present ? valid[field.name] : undefined;
    for (const [keyword, miss] of missesOf(field.spec, value))
      out.push({ label: `${keyword} at ${here}`, value: setAt(valid, field.name, miss) });
    const inner = field.spec;
    if (inner.kind === 'object' && isRecord(value)) {
      for (const m of nearMisses(inner, value, here))
        out.push({ label: m.label, value: setAt(valid, field.name, m.value) });
    }
    if (inner.kind === 'array' && Array.isArray(value) && value.length > 0) {
      const item = inner.items;
      const first = value[0];
      const replace = (v: unknown) => setAt(valid, field.name, [v, ...value.slice(1)]);
      if (item.kind === 'object' && isRecord(first))
        for (const m of nearMisses(item, first, `${here}/0`)) out.push({ label: m.label, value: replace(m.value) });
      else
        for (const [keyword, miss] of missesOf(item, first))
          out.push({ label: `${keyword} at ${here}/0`, value: replace(miss) });
    }
  }
  if (spec.closed) out.push({ label: `additionalProperties at ${at || '/'}`, value: setAt(valid, 'undeclared', true) });
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
