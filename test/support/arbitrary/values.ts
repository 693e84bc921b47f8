import fc from 'fast-check';
import { PATTERNS, type FieldSpec, type Format, type NumberSpec, type ObjectSpec, type StringSpec } from './fields.ts';

/**
 * Values a spec accepts, built from the spec itself: money as exact hundredths (19.99, the value
 * of the issue), dates as ISO text, codes that match their pattern. Every one of them is valid by
 * construction, so the workbench refusing one is a bug of this file, and the service refusing
 * one the workbench accepts is a disagreement at the seam.
 */

const letters = (alphabet: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const slug = letters('abcdefghijklmnopqrstuvwxyz0123456789', 1, 8);

const PATTERN_VALUES: Record<(typeof PATTERNS)[number], fc.Arbitrary<string>> = {
  '^[A-Z]{3}-[0-9]{4}$': fc.tuple(letters(UPPER, 3, 3), letters(DIGITS, 4, 4)).map(([a, b]) => `${a}-${b}`),
  '^[A-Z]{3}$': letters(UPPER, 3, 3),
  '^[a-z0-9]+(-[a-z0-9]+)*$': fc.array(slug, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('-')),
  '^\\+?[0-9]{7,12}$': fc
    .tuple(fc.boolean(), letters(DIGITS, 7, 12))
    .map(([plus, digits]) => `${plus ? '+' : ''}${digits}`),
  '^[A-Z]{2}[0-9]{2}[A-Z0-9]{4,20}$': fc
    .tuple(letters(UPPER, 2, 2), letters(DIGITS, 2, 2), letters(`${UPPER}${DIGITS}`, 4, 20))
    .map((p) => p.join('')),
};

const instant = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2040-12-31T23:59:59Z'),
  noInvalidDate: true,
});

const FORMAT_VALUES: Record<Format, fc.Arbitrary<string>> = {
  'date-time': instant.map((d) => d.toISOString()),
  date: instant.map((d) => d.toISOString().slice(0, 10)),
  time: fc
    .tuple(instant, fc.constantFrom('Z', '+02:00', '-05:30'))
    .map(([d, zone]) => `${d.toISOString().slice(11, 19)}${zone}`),
  duration: fc.constantFrom('P1D', 'PT1H', 'PT30M', 'P1Y2M3DT4H5M6S', 'P2W'),
  email: fc.tuple(slug, slug).map(([user, host]) => `${user}@${host}.example.com`),
  uri: fc.tuple(slug, slug).map(([a, b]) => `https://${a}.example.com/${b}?q=1`),
  uuid: fc.uuid(),
  hostname: fc.tuple(slug, slug).map(([a, b]) => `${a}.${b}.example.org`),
  ipv4: fc.ipV4(),
  ipv6: fc.ipV6(),
};

function stringValue(spec: StringSpec): fc.Arbitrary<string> {
  if (spec.const !== undefined) return fc.constant(spec.const);
  if (spec.enum !== undefined) return fc.constantFrom(...spec.enum);
  if (spec.pattern !== undefined) return PATTERN_VALUES[spec.pattern as (typeof PATTERNS)[number]];
  if (spec.format !== undefined) return FORMAT_VALUES[spec.format];
  const bounds = { minLength: spec.minLength ?? 0, maxLength: spec.maxLength ?? 20 };
  // Mostly plain text; sometimes any code point (a length counts code points, not UTF-16 units).
  return fc.oneof(
    { weight: 3, arbitrary: fc.string(bounds) },
    { weight: 1, arbitrary: fc.string({ ...bounds, unit: 'binary' }) },
  );
}

/** The whole multiples `k` of the step that lie inside the bounds: the value is k·step. */
export function multiplesRange(spec: NumberSpec): { step: { units: number; places: number }; lo: number; hi: number } {
  const step = spec.multipleOf ?? { units: 1, places: spec.kind === 'integer' ? 0 : 2 };
  const scale = 10 ** step.places;
  let lo = -1_000_000;
  let hi = 1_000_000;
  if (spec.minimum !== undefined) {
    const scaled = spec.minimum * scale;
    lo = Math.ceil(scaled / step.units);
    if (spec.exclusiveMinimum && lo * step.units === scaled) lo++;
  }
  if (spec.maximum !== undefined) {
    const scaled = spec.maximum * scale;
    hi = Math.floor(scaled / step.units);
    if (spec.exclusiveMaximum && hi * step.units === scaled) hi--;
  }
  return { step, lo, hi };
}

/** k·step as the decimal a person types: 1999 hundredths is 19.99, not 19.990000000000002. */
export function multiple(k: number, step: { units: number; places: number }): number {
  return Number(((k * step.units) / 10 ** step.places).toFixed(step.places));
}

function numberValue(spec: NumberSpec): fc.Arbitrary<number> {
  if (spec.enum !== undefined) return fc.constantFrom(...spec.enum);
  const { step, lo, hi } = multiplesRange(spec);
  const exact = fc.integer({ min: lo, max: hi }).map((k) => multiple(k, step));
  if (spec.multipleOf !== undefined || spec.kind === 'integer') return exact;
  // A plain number may be any double inside the bounds, not only a tidy decimal.
  const any = fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    ...(spec.minimum !== undefined ? { min: spec.minimum, minExcluded: spec.exclusiveMinimum ?? false } : {}),
    ...(spec.maximum !== undefined ? { max: spec.maximum, maxExcluded: spec.exclusiveMaximum ?? false } : {}),
  });
  return fc.oneof(exact, any);
}

/** A valid value of a field. */
export function valueOf(spec: FieldSpec): fc.Arbitrary<unknown> {
  const base = ((): fc.Arbitrary<unknown> => {
    switch (spec.kind) {
      case 'string':
        return stringValue(spec);
      case 'number':
      case 'integer':
        return numberValue(spec);
      case 'boolean':
        return fc.boolean();
      case 'object':
        return objectValue(spec);
      case 'array': {
        const constraints = { minLength: spec.minItems ?? 0, maxLength: spec.maxItems ?? 4 };
        return spec.uniqueItems
          ? fc.uniqueArray(valueOf(spec.items), { ...constraints, selector: (v) => JSON.stringify(v) })
          : fc.array(valueOf(spec.items), constraints);
      }
    }
  })();
  return spec.nullable ? fc.option(base, { nil: null, freq: 4 }) : base;
}

/** An object with every required field and some of the optional ones, in the spec's order. */
export function objectValue(spec: ObjectSpec): fc.Arbitrary<Record<string, unknown>> {
  const parts = spec.fields.map((field) =>
    field.required
      ? valueOf(field.spec).map((v) => ({ present: true, v }))
      : fc.option(valueOf(field.spec), { nil: undefined }).map((v) => ({ present: v !== undefined, v })),
  );
  return fc.tuple(...parts).map((values) => {
    const out: Record<string, unknown> = {};
    // defineProperty: a field may be called "constructor" (or worse) and must stay plain data.
    spec.fields.forEach((field, i) => {
      if (values[i]!.present)
        Object.defineProperty(out, field.name, {
          value: values[i]!.v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    });
    return out;
  });
}
