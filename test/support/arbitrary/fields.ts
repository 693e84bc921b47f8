import fc from 'fast-check';
import type { JsonSchema } from '../../../model/board/types.ts';

/**
 * Payload fields as a person builds them in the field table and the JSON editor, kept as a spec
 * rather than as a schema: one spec renders to a schema in every dialect (draft-04 spells an
 * exclusive bound as a boolean, later drafts as a number), and the same spec knows its valid
 * values (values.ts) and the values just outside it (near-miss.ts). Drawing the schema alone and
 * asking a faker for values would let the faker's own bugs decide what counts as valid.
 */

export const DIALECTS = ['draft-04', 'draft-06', 'draft-07', '2019-09', '2020-12', 'unsaid'] as const;
/** `unsaid`: no `$schema`, which the board format reads as 2020-12. */
export type Dialect = (typeof DIALECTS)[number];

const DIALECT_URI: Record<Exclude<Dialect, 'unsaid'>, string> = {
  'draft-04': 'http://json-schema.org/draft-04/schema#',
  'draft-06': 'http://json-schema.org/draft-06/schema#',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

/** The formats the field table offers (model/schema-fields/values.ts KNOWN_FORMATS). */
export const FORMATS = [
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'uri',
  'uuid',
  'hostname',
  'ipv4',
  'ipv6',
] as const;
export type Format = (typeof FORMATS)[number];

/** Patterns people write for codes and references; each is anchored, so a trailing `!` misses it. */
export const PATTERNS = [
  '^[A-Z]{3}-[0-9]{4}$',
  '^[A-Z]{3}$',
  '^[a-z0-9]+(-[a-z0-9]+)*$',
  '^\\+?[0-9]{7,12}$',
  '^[A-Z]{2}[0-9]{2}[A-Z0-9]{4,20}$',
] as const;

/** A decimal as integers, so that 0.01 is exactly one hundredth: `units / 10^places`. */
export interface Decimal {
  units: number;
  places: number;
}

export const decimalValue = (d: Decimal): number => Number((d.units / 10 ** d.places).toFixed(d.places));

export interface StringSpec {
  kind: 'string';
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: Format;
  enum?: string[];
  const?: string;
}

/** Bounds are whole numbers, so that every multiple inside them is exact in decimal. */
export interface NumberSpec {
  kind: 'number' | 'integer';
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: Decimal;
  enum?: number[];
}

export interface BooleanSpec {
  kind: 'boolean';
}

export interface ObjectSpec {
  kind: 'object';
  fields: Field[];
  /** `additionalProperties: false`, which the JSON editor allows. */
  closed?: boolean;
}

export interface ArraySpec {
  kind: 'array';
  items: FieldSpec;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

interface Common {
  /** `"type": [T, "null"]`, the table's "or null". */
  nullable?: boolean;
  default?: unknown;
  description?: string;
}

export type LeafSpec = (StringSpec | NumberSpec | BooleanSpec) & Common;
export type FieldSpec = LeafSpec | ((ObjectSpec | ArraySpec) & Common);

export interface Field {
  name: string;
  spec: FieldSpec;
  required: boolean;
}

/** Renders a spec as the JSON Schema a person would have written in that dialect. */
export function schemaOf(spec: FieldSpec, dialect: Dialect): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (spec.description !== undefined) out.description = spec.description;
  const type = spec.kind;
  out.type = spec.nullable ? [type, 'null'] : type;
  switch (spec.kind) {
    case 'string':
      if (spec.minLength !== undefined) out.minLength = spec.minLength;
      if (spec.maxLength !== undefined) out.maxLength = spec.maxLength;
      if (spec.pattern !== undefined) out.pattern = spec.pattern;
      if (spec.format !== undefined) out.format = spec.format;
      if (spec.enum !== undefined) out.enum = spec.enum;
      // draft-04 has no `const`: the table's one allowed value is an enum of one there.
      if (spec.const !== undefined) {
        if (dialect === 'draft-04') out.enum = [spec.const];
        else out.const = spec.const;
      }
      break;
    case 'number':
    case 'integer':
      bound(out, 'minimum', 'exclusiveMinimum', spec.minimum, spec.exclusiveMinimum, dialect);
      bound(out, 'maximum', 'exclusiveMaximum', spec.maximum, spec.exclusiveMaximum, dialect);
      if (spec.multipleOf !== undefined) out.multipleOf = decimalValue(spec.multipleOf);
      if (spec.enum !== undefined) out.enum = spec.enum;
      break;
    case 'boolean':
      break;
    case 'object':
      Object.assign(out, objectSchemaOf(spec, dialect));
      break;
    case 'array':
      out.items = schemaOf(spec.items, dialect);
      if (spec.minItems !== undefined) out.minItems = spec.minItems;
      if (spec.maxItems !== undefined) out.maxItems = spec.maxItems;
      if (spec.uniqueItems) out.uniqueItems = true;
      break;
  }
  if (spec.default !== undefined) out.default = spec.default;
  return out;
}

function bound(
  out: Record<string, unknown>,
  inclusive: string,
  exclusive: string,
  value: number | undefined,
  isExclusive: boolean | undefined,
  dialect: Dialect,
): void {
  if (value === undefined) return;
  if (!isExclusive) out[inclusive] = value;
  else if (dialect === 'draft-04') {
    out[inclusive] = value;
    out[exclusive] = true;
  } else out[exclusive] = value;
}

function objectSchemaOf(spec: ObjectSpec, dialect: Dialect): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const field of spec.fields)
    Object.defineProperty(properties, field.name, {
      value: schemaOf(field.spec, dialect),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  const out: Record<string, unknown> = { type: 'object', properties };
  const required = spec.fields.filter((f) => f.required).map((f) => f.name);
  // draft-04's meta-schema wants at least one name in `required`; people leave it out instead.
  if (required.length > 0) out.required = required;
  if (spec.closed) out.additionalProperties = false;
  return out;
}

/** A payload schema: an object at the top, with `$schema` unless the dialect goes unsaid. */
export function payloadSchema(spec: ObjectSpec, dialect: Dialect): JsonSchema {
  const body = objectSchemaOf(spec, dialect);
  return dialect === 'unsaid' ? body : { $schema: DIALECT_URI[dialect], ...body };
}

// ----- arbitraries -------------------------------------------------------------------------------

const MULTIPLES: Decimal[] = [
  { units: 1, places: 2 }, // 0.01: money
  { units: 5, places: 2 }, // 0.05: Swiss rounding
  { units: 1, places: 1 },
  { units: 25, places: 2 },
  { units: 5, places: 1 },
  { units: 25, places: 1 },
  { units: 1, places: 0 },
];

const optional = <T>(arb: fc.Arbitrary<T>, freq = 1): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined, freq });

function stringSpecArb(): fc.Arbitrary<StringSpec> {
  const plain = fc.record({
    kind: fc.constant('string' as const),
    minLength: optional(fc.constantFrom(1, 3)),
    maxLength: optional(fc.constantFrom(10, 40)),
  });
  return fc
    .oneof(
      { weight: 3, arbitrary: plain },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('string' as const), format: fc.constantFrom(...FORMATS) }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('string' as const), pattern: fc.constantFrom(...PATTERNS) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('string' as const),
          enum: fc.uniqueArray(
            fc.constantFrom('low', 'normal', 'high', 'EUR', 'SEK', 'card', 'invoice', 'wallet', 'é'),
            { minLength: 1, maxLength: 4 },
          ),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('string' as const), const: fc.constantFrom('v1', 'web', 'EUR') }),
      },
    )
    .map(dropUndefined);
}

function numberSpecArb(kind: 'number' | 'integer'): fc.Arbitrary<NumberSpec> {
  const multiples =
    kind === 'integer'
      ? [
          { units: 1, places: 0 },
          { units: 5, places: 0 },
          { units: 10, places: 0 },
          { units: 100, places: 0 },
        ]
      : MULTIPLES;
  return fc
    .record({
      kind: fc.constant(kind),
      minimum: optional(fc.constantFrom(0, 1, -50, 10)),
      span: fc.constantFrom(5, 100, 10_000),
      hasMaximum: fc.boolean(),
      exclusiveMinimum: fc.boolean(),
      exclusiveMaximum: fc.boolean(),
      multipleOf: optional(fc.constantFrom(...multiples), 2),
    })
    .map(({ minimum, span, hasMaximum, exclusiveMinimum, exclusiveMaximum, ...rest }) =>
      dropUndefined({
        ...rest,
        minimum,
        maximum: hasMaximum ? (minimum ?? 0) + span : undefined,
        exclusiveMinimum: minimum !== undefined && exclusiveMinimum ? true : undefined,
        exclusiveMaximum: hasMaximum && exclusiveMaximum ? true : undefined,
      }),
    );
}

function leafSpecArb(): fc.Arbitrary<LeafSpec> {
  return fc
    .tuple(
      fc.oneof(
        { weight: 4, arbitrary: stringSpecArb() },
        { weight: 4, arbitrary: numberSpecArb('number') },
        { weight: 2, arbitrary: numberSpecArb('integer') },
        { weight: 1, arbitrary: fc.constant<BooleanSpec>({ kind: 'boolean' }) },
      ),
      fc.nat(5),
      optional(fc.constantFrom('As the customer typed it.', 'In the currency of the order.'), 4),
    )
    .map(([spec, roll, description]) => {
      // An enum (or const) that leaves out null would refuse the null the type allows: not "or null".
      const nullable = roll === 0 && !('enum' in spec) && !('const' in spec) ? true : undefined;
      return dropUndefined({ ...spec, nullable, description });
    });
}

/** Names people give fields of each kind, so that money is called amount and a date dueDate. */
const NAMES: Record<string, readonly string[]> = {
  number: ['amount', 'price', 'total', 'discount', 'weight', 'rating', 'taxRate'],
  integer: ['quantity', 'seats', 'count', 'year', 'position'],
  string: ['note', 'city', 'street', 'customerName', 'comment', 'title'],
  format: ['email', 'website', 'createdAt', 'dueDate', 'startTime', 'window', 'ip', 'host', 'customerId'],
  pattern: ['sku', 'postcode', 'phone', 'currency', 'iban'],
  enum: ['priority', 'channel', 'status', 'plan'],
  boolean: ['express', 'gift', 'paid', 'urgent'],
  object: ['address', 'customer', 'delivery'],
  array: ['tags', 'lines', 'items', 'attachments'],
};
/** Names code generators trip on (quoted keys, reserved words, Object.prototype's own names). */
const ODD_NAMES = ['e-mail', 'unit price', 'naïve', 'class', 'constructor', 'toString'];

function poolOf(spec: FieldSpec): readonly string[] {
  if (spec.kind === 'string')
    return spec.format
      ? NAMES.format!
      : spec.pattern
        ? NAMES.pattern!
        : spec.enum || spec.const
          ? NAMES.enum!
          : NAMES.string!;
  return NAMES[spec.kind]!;
}

/** Every name a field may get: for the harness, which must know no event adds one of them. */
export const ALL_NAMES: readonly string[] = [...Object.values(NAMES).flat(), ...ODD_NAMES];

/** A field's spec; objects and lists nest `depth` more levels. */
export function fieldSpecArb(depth: number): fc.Arbitrary<FieldSpec> {
  if (depth <= 0) return leafSpecArb();
  return fc.oneof(
    { weight: 6, arbitrary: leafSpecArb() },
    { weight: 1, arbitrary: objectSpecArb(depth - 1, 1, 3) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          items: fc.oneof(
            leafSpecArb().map((s) => dropUndefined({ ...s, nullable: undefined, description: undefined })),
            objectSpecArb(depth - 1, 1, 3),
          ),
          minItems: optional(fc.constantFrom(1, 2)),
          maxItems: optional(fc.constantFrom(3, 5)),
          unique: fc.boolean(),
        })
        .map(({ items, minItems, maxItems, unique }) =>
          dropUndefined<ArraySpec>({
            kind: 'array',
            items,
            minItems,
            maxItems,
            uniqueItems: unique && items.kind !== 'object' ? true : undefined,
          }),
        ),
    },
  );
}

/** An object of `min`..`max` fields, named for their kind (one in eight oddly), none in `exclude`. */
export function objectSpecArb(
  depth: number,
  min: number,
  max: number,
  exclude: readonly string[] = [],
): fc.Arbitrary<ObjectSpec> {
  const field = fc.record({ spec: fieldSpecArb(depth), required: fc.boolean(), pick: fc.nat(), odd: fc.nat(7) });
  return fc.tuple(fc.array(field, { minLength: min, maxLength: max }), fc.nat(3)).map(([drawn, roll]) => {
    const taken = new Set(exclude);
    const fields: Field[] = drawn.map(({ spec, required, pick, odd }) => {
      const pool = (odd === 0 ? ODD_NAMES : poolOf(spec)).filter((n) => !taken.has(n));
      const name = pool.length > 0 ? pool[pick % pool.length]! : `${poolOf(spec)[0]}${taken.size}`;
      taken.add(name);
      return { name, spec, required };
    });
    return dropUndefined<ObjectSpec>({ kind: 'object', fields, closed: roll === 0 ? true : undefined });
  });
}

export function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
