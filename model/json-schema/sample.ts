import { segmentsOf } from '../json-pointer.ts';
import { decimalOf, isMultipleOf } from './validator-setup.ts';

/**
 * The one rule for "a value this schema accepts", to start a new example in the dock or a payload
 * in a scenario: fixed values (the same every time, so tests can hold them inline) that respect
 * the keywords people use: const, default, examples, enum, formats, lengths, bounds in every
 * draft, multipleOf on decimals, minItems, required properties and local `$ref`s.
 */
export interface SampleOptions {
  /** `all`: every declared property (a new example); `required`: only the required ones (a skeleton). */
  properties: 'all' | 'required';
}

const DEPTH_LIMIT = 6;

/** A value of each checked format (validator-setup.ts CHECKED_FORMATS; a test keeps them equal). */
export const FORMAT_SAMPLES: Readonly<Record<string, string | number>> = {
  'date-time': '2026-01-01T12:00:00Z',
  date: '2026-01-01',
  time: '12:00:00Z',
  'iso-time': '12:00:00',
  'iso-date-time': '2026-01-01T12:00:00',
  duration: 'P1D',
  uri: 'https://example.com/',
  'uri-reference': 'https://example.com/',
  'uri-template': 'https://example.com/{id}',
  url: 'https://example.com/',
  email: 'someone@example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  regex: '^.*$',
  uuid: '00000000-0000-4000-8000-000000000001',
  'json-pointer': '/a',
  'json-pointer-uri-fragment': '#/a',
  'relative-json-pointer': '0',
  byte: 'AA==',
  int32: 0,
  int64: 0,
  float: 0,
  double: 0,
  password: 'secret',
  binary: '',
};

export function sampleValue(schema: unknown, options: SampleOptions, root: unknown = schema, depth = 0): unknown {
  const s = objectOf(resolveLocalRef(root, schema));
  if (Object.keys(s).length === 0 && typeof schema !== 'object') return null;
  if ('const' in s) return s.const;
  if ('default' in s) return s.default;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (s.type === undefined) {
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
      const first = Array.isArray(s[key]) ? (s[key] as unknown[])[0] : undefined;
      if (first !== undefined) return sampleValue(first, options, root, depth + 1);
    }
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return sampleString(s);
    case 'number':
    case 'integer':
      return sampleNumber(s, type === 'integer');
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const min = typeof s.minItems === 'number' ? s.minItems : 0;
      if (min === 0 || depth >= DEPTH_LIMIT) return [];
      // A tuple in either spelling (2020-12 `prefixItems`, a draft-07 `items` list).
      const tuple = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : undefined;
      const item = tuple ? tuple[0] : s.items;
      return Array.from({ length: Math.min(min, 10) }, () => sampleValue(item, options, root, depth + 1));
    }
    case 'object':
      return depth >= DEPTH_LIMIT ? {} : sampleObject(s, options, root, depth);
    default:
      return depth === 0 ? {} : null;
  }
}

/** An object's sample: its declared (or only its required) properties, in the schema's order. */
export function sampleObject(
  s: Record<string, unknown>,
  options: SampleOptions,
  root: unknown,
  depth = 0,
): Record<string, unknown> {
  const properties = objectOf(s.properties);
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
  const names = options.properties === 'all' ? [...new Set([...Object.keys(properties), ...required])] : required;
  return Object.fromEntries(names.map((name) => [name, sampleValue(properties[name], options, root, depth + 1)]));
}

function sampleString(s: Record<string, unknown>): string {
  const format = typeof s.format === 'string' ? FORMAT_SAMPLES[s.format] : undefined;
  if (typeof format === 'string') return format;
  return 'x'.repeat(typeof s.minLength === 'number' ? s.minLength : 0);
}

/** The smallest plausible number the bounds allow (draft-04 booleans included), on the multipleOf grid. */
function sampleNumber(s: Record<string, unknown>, integer: boolean): number {
  let lower: number | undefined;
  let exclusive = false;
  if (typeof s.minimum === 'number') {
    lower = s.minimum;
    exclusive = s.exclusiveMinimum === true;
  }
  if (typeof s.exclusiveMinimum === 'number' && (lower === undefined || s.exclusiveMinimum >= lower)) {
    lower = s.exclusiveMinimum;
    exclusive = true;
  }
  const upper =
    typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined;
  const step = typeof s.multipleOf === 'number' && s.multipleOf > 0 ? s.multipleOf : integer ? 1 : undefined;
  if (lower === undefined) {
    if (upper !== undefined && upper < 0) lower = upper - (step ?? 1);
    else return 0;
  } else if (exclusive && step === undefined) {
    return lower + 1;
  }
  if (step === undefined) return lower;
  // The first multiple of the step at (or above) the lower bound, rounded to the step's decimals.
  const decimals = Math.max(0, -decimalOf(step).exponent);
  let k = Math.ceil(lower / step);
  for (let tries = 0; tries < 4; tries++, k++) {
    const candidate = Number((k * step).toFixed(Math.min(decimals, 100)));
    if (
      (exclusive ? candidate > lower : candidate >= lower) &&
      isMultipleOf(candidate, step) &&
      (!integer || Number.isInteger(candidate))
    )
      return candidate;
  }
  return lower;
}

/** Follows a local `$ref` (`#/$defs/...`, `#/definitions/...`); anything else stays as it is. */
function resolveLocalRef(root: unknown, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 8; hops++) {
    const ref = typeof current === 'object' && current !== null ? (current as { $ref?: unknown }).$ref : undefined;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return current;
    let target: unknown = root;
    for (const key of segmentsOf(ref)) {
      target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[key] : undefined;
    }
    current = target;
  }
  return current;
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
