import { ceilDecimal, compareDecimal, floorDecimal, isMultiple } from './decimal.ts';
import { resolveRef, type SchemaDocument, type SchemaNode } from './document.ts';
import { SchemaInputError } from './errors.ts';
import { ignoredIn, keyword, referencesOf } from './dialect.ts';
import { ANNOTATIONS, refOnly } from './keywords.ts';
import { mergeConjuncts } from './merge.ts';
import { canonical, isObject, own } from './json.ts';
import { closeUnevaluated, type Undecided } from './unevaluated.ts';

export type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';
const JSON_TYPES: ReadonlySet<string> = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);

/** A numeric bound and the keyword that set it (`minimum` or `exclusiveMinimum`, …). */
export interface Bound {
  value: number;
  exclusive: boolean;
}

/**
 * A sub-schema in one canonical shape, whatever the draft wrote: `const` is a one-value enum,
 * draft-04's boolean `exclusiveMaximum` is a numeric bound, tuple `items` are `prefixItems`,
 * `dependencies` are split, `$ref` is followed. Comparing two views is then draft-blind.
 */
export interface SchemaView {
  /** Identity of the schema (the resolved target of a `$ref`): pairs on the stack stop recursion. */
  key: object;
  node: SchemaNode;
  /** `#/$defs/Address` when reached through a `$ref`. */
  ref?: string;
  isFalse: boolean;
  /** False for `{}`, `true` and schemas with only annotations: they accept every value. */
  asserts: boolean;
  /** Types it admits (null: every type); `integer` is dropped when `number` is there. */
  types: Set<JsonType> | null;
  enumValues: unknown[] | null;
  title?: unknown;
  description?: unknown;
  hasDefault: boolean;
  default?: unknown;
  lower?: Bound;
  upper?: Bound;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  prefixItems: SchemaNode[];
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  uniqueItems: boolean;
  contains?: SchemaNode;
  minContains?: number;
  maxContains?: number;
  properties: Map<string, SchemaNode>;
  required: Set<string>;
  additional?: SchemaNode;
  patternProperties: Map<string, SchemaNode>;
  minProperties?: number;
  maxProperties?: number;
  propertyNames?: SchemaNode;
  dependentRequired: Map<string, string[]>;
  dependentSchemas: Map<string, SchemaNode>;
  allOf: SchemaNode[];
  anyOf: SchemaNode[] | null;
  oneOf: SchemaNode[] | null;
  not?: SchemaNode;
  if?: SchemaNode;
  then?: SchemaNode;
  else?: SchemaNode;
  /** The keyword that governs undeclared names (`additional`), and items past the tuple (`items`), for paths. */
  additionalKeyword: 'additionalProperties' | 'unevaluatedProperties';
  itemsKeyword: 'items' | 'additionalItems' | 'unevaluatedItems';
  /** `unevaluated*` whose reach depends on which branch a payload takes: a person must look. */
  undecided: Undecided[];
}

const TRUE_KEY = {};
const FALSE_KEY = {};

/** The view of a node, following `$ref`s; cached per schema object. */
export function viewOf(node: SchemaNode, which: string): SchemaView {
  let raw = node.raw;
  let ref: string | undefined;
  let hops: Set<unknown> | undefined;
  // A `$ref` alone is its target. Beside other keywords it is one more conjunct, in every draft:
  // draft-07 says to ignore the siblings, but ajv (which validates every payload here) applies them.
  while (isObject(raw) && refOnly(raw, node.doc.draft)) {
    hops ??= new Set();
    ref = referencesOf(raw, node.doc.draft)[0]!;
    if (hops.has(raw))
      throw new SchemaInputError(`The ${which} schema has a "$ref" cycle with no schema in it (${ref}).`);
    hops.add(raw);
    raw = resolveRef(node.doc, ref, which);
  }
  if (typeof raw === 'boolean') return booleanView(raw, { raw, doc: node.doc }, ref);
  if (!isObject(raw))
    throw new SchemaInputError(
      `The ${which} schema has a sub-schema that is neither an object nor a boolean: ${JSON.stringify(raw)}.`,
    );
  const cached = node.doc.views.get(raw);
  if (cached) return ref !== undefined && cached.ref === undefined ? { ...cached, ref } : cached;
  const effective = mergeConjuncts(raw, node.doc, which, new Set([raw]), 0);
  const view = buildView(effective, { raw: effective, doc: node.doc }, which);
  view.key = raw;
  if (ref !== undefined) view.ref = ref;
  node.doc.views.set(raw, view);
  return view;
}

// Shared empty collections: most sub-schemas are leaves, and views are built by the thousand.
// Only buildView fills a view's collections, and it makes its own before it does.
const NO_NODES: Map<string, SchemaNode> = new Map();
const NO_NAMES: Set<string> = new Set();
const NO_LISTS: Map<string, string[]> = new Map();
const NONE: SchemaNode[] = [];
const NO_UNDECIDED: Undecided[] = [];

function empty(node: SchemaNode, key: object): SchemaView {
  // Every field from the start, in one order: views keep one hidden class and stay fast.
  return {
    key,
    node,
    ref: undefined,
    isFalse: false,
    asserts: false,
    types: null,
    enumValues: null,
    title: undefined,
    description: undefined,
    hasDefault: false,
    default: undefined,
    lower: undefined,
    upper: undefined,
    multipleOf: undefined,
    minLength: undefined,
    maxLength: undefined,
    pattern: undefined,
    format: undefined,
    prefixItems: NONE,
    items: undefined,
    minItems: undefined,
    maxItems: undefined,
    uniqueItems: false,
    contains: undefined,
    minContains: undefined,
    maxContains: undefined,
    properties: NO_NODES,
    required: NO_NAMES,
    additional: undefined,
    patternProperties: NO_NODES,
    minProperties: undefined,
    maxProperties: undefined,
    propertyNames: undefined,
    dependentRequired: NO_LISTS,
    dependentSchemas: NO_NODES,
    allOf: NONE,
    anyOf: null,
    oneOf: null,
    not: undefined,
    if: undefined,
    then: undefined,
    else: undefined,
    additionalKeyword: 'additionalProperties',
    itemsKeyword: 'items',
    undecided: NO_UNDECIDED,
  };
}

function booleanView(value: boolean, node: SchemaNode, ref: string | undefined): SchemaView {
  const view = empty(node, value ? TRUE_KEY : FALSE_KEY);
  if (ref !== undefined) view.ref = ref;
  if (!value) {
    view.isFalse = true;
    view.asserts = true;
    view.types = new Set();
  }
  return view;
}

function sub(v: unknown, doc: SchemaDocument): SchemaNode | undefined {
  return typeof v === 'boolean' || isObject(v) ? { raw: v, doc } : undefined;
}

function subs(v: unknown, doc: SchemaDocument): SchemaNode[] {
  const out: SchemaNode[] = [];
  if (Array.isArray(v))
    for (const item of v) {
      const node = sub(item, doc);
      if (node) out.push(node);
    }
  return out;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;

export function typeOfValue(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value as JsonType;
}

export function admitsType(types: Set<JsonType> | null, t: JsonType): boolean {
  if (types === null) return true;
  if (types.has(t)) return true;
  return t === 'integer' && types.has('number');
}

const NUMBERS = 1;
const STRINGS = 2;
const ARRAYS = 4;
const OBJECTS = 8;
const COMBINATORS = 16;
const UNEVALUATED = 32;
const SECTIONS: ReadonlyMap<string, number> = new Map([
  ...['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].map((k) => [k, NUMBERS] as const),
  ...['minLength', 'maxLength', 'pattern', 'format'].map((k) => [k, STRINGS] as const),
  ...[
    'items',
    'prefixItems',
    'additionalItems',
    'minItems',
    'maxItems',
    'uniqueItems',
    'contains',
    'minContains',
    'maxContains',
  ].map((k) => [k, ARRAYS] as const),
  ...[
    'properties',
    'required',
    'additionalProperties',
    'patternProperties',
    'minProperties',
    'maxProperties',
    'propertyNames',
    'dependencies',
    'dependentRequired',
    'dependentSchemas',
  ].map((k) => [k, OBJECTS] as const),
  ...['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', '$ref', '$recursiveRef', '$dynamicRef'].map(
    (k) => [k, COMBINATORS] as const,
  ),
  ['unevaluatedItems', ARRAYS | UNEVALUATED],
  ['unevaluatedProperties', OBJECTS | UNEVALUATED],
]);

function buildView(raw: Record<string, unknown>, node: SchemaNode, which: string): SchemaView {
  const view = empty(node, raw);
  const doc = node.doc;
  const draft = doc.draft;
  const draft04 = draft === 'draft-04';
  const ignored = ignoredIn(draft);
  // One pass over the keys says which groups of keywords are there: most sub-schemas are leaves,
  // and a view is built for every one of them in every comparison.
  let sections = 0;
  for (const k of Object.keys(raw)) {
    sections |= SECTIONS.get(k) ?? 0;
    if (!view.asserts && !ANNOTATIONS.has(k) && !ignored.has(k)) view.asserts = true;
  }
  view.title = own(raw, 'title');
  view.description = own(raw, 'description');
  if (Object.hasOwn(raw, 'default')) {
    view.hasDefault = true;
    view.default = raw.default;
  }

  // Types, then the enum (a `const` is a one-value enum), filtered by the types it may take.
  const type = own(raw, 'type');
  const declared =
    typeof type === 'string'
      ? [type]
      : Array.isArray(type)
        ? type.filter((t): t is string => typeof t === 'string')
        : null;
  if (declared) {
    view.types = new Set(declared.filter((t) => JSON_TYPES.has(t)) as JsonType[]);
    if (view.types.has('number')) view.types.delete('integer');
  }
  let values: unknown[] | null = null;
  if (Array.isArray(own(raw, 'enum'))) values = raw.enum as unknown[];
  if (Object.hasOwn(raw, 'const')) {
    const keyOfConst = canonical(raw.const);
    values = values === null ? [raw.const] : values.filter((v) => canonical(v) === keyOfConst);
  }
  if (values !== null) {
    const seen = new Map<string, unknown>();
    for (const v of values)
      if (admitsType(view.types, typeOfValue(v)) && !seen.has(canonical(v))) seen.set(canonical(v), v);
    view.enumValues = [...seen.values()];
    const valueTypes = new Set<JsonType>(view.enumValues.map(typeOfValue));
    if (valueTypes.has('number')) valueTypes.delete('integer');
    view.types = valueTypes;
  }

  if (sections & NUMBERS) {
    // Numeric bounds: the tighter of the inclusive and exclusive keyword, exactly.
    const minimum = num(own(raw, 'minimum'));
    const maximum = num(own(raw, 'maximum'));
    const exMin = own(raw, 'exclusiveMinimum');
    const exMax = own(raw, 'exclusiveMaximum');
    if (draft04 || typeof exMin === 'boolean') {
      if (minimum !== undefined) view.lower = { value: minimum, exclusive: exMin === true };
    } else {
      view.lower = tighter(
        minimum === undefined ? undefined : { value: minimum, exclusive: false },
        num(exMin) === undefined ? undefined : { value: exMin as number, exclusive: true },
        1,
      );
    }
    if (draft04 || typeof exMax === 'boolean') {
      if (maximum !== undefined) view.upper = { value: maximum, exclusive: exMax === true };
    } else {
      view.upper = tighter(
        maximum === undefined ? undefined : { value: maximum, exclusive: false },
        num(exMax) === undefined ? undefined : { value: exMax as number, exclusive: true },
        -1,
      );
    }
    const multipleOf = num(own(raw, 'multipleOf'));
    if (multipleOf !== undefined && multipleOf > 0) view.multipleOf = multipleOf;
    // Over the integers, `exclusiveMinimum: 0` is `minimum: 1` and `multipleOf: 0.5` says nothing.
    if (view.types && view.types.size === 1 && view.types.has('integer')) {
      if (view.lower)
        view.lower = {
          value: view.lower.exclusive ? floorDecimal(view.lower.value) + 1 : ceilDecimal(view.lower.value),
          exclusive: false,
        };
      if (view.upper)
        view.upper = {
          value: view.upper.exclusive ? ceilDecimal(view.upper.value) - 1 : floorDecimal(view.upper.value),
          exclusive: false,
        };
      if (view.multipleOf !== undefined && isMultiple(1, view.multipleOf)) view.multipleOf = undefined;
    }
  }

  if (sections & STRINGS) {
    view.minLength = count(own(raw, 'minLength'));
    if (view.minLength === 0) view.minLength = undefined;
    view.maxLength = count(own(raw, 'maxLength'));
    const pattern = own(raw, 'pattern');
    if (typeof pattern === 'string' && !MATCHES_ALL.has(pattern)) view.pattern = pattern;
    const format = own(raw, 'format');
    if (typeof format === 'string') view.format = format;
  }

  if (sections & ARRAYS) {
    // Arrays: tuple `items` (before 2020-12) is `prefixItems`, `additionalItems` the rest.
    const items = own(raw, 'items');
    if (Array.isArray(items)) {
      view.prefixItems = subs(items, doc);
      view.items = sub(keyword(raw, 'additionalItems', draft), doc);
      view.itemsKeyword = 'additionalItems';
    } else {
      view.prefixItems = subs(keyword(raw, 'prefixItems', draft), doc);
      view.items = sub(items, doc);
    }
    if (view.items && view.items.raw === true) view.items = undefined;
    view.minItems = count(own(raw, 'minItems'));
    if (view.minItems === 0) view.minItems = undefined;
    view.maxItems = count(own(raw, 'maxItems'));
    view.uniqueItems = own(raw, 'uniqueItems') === true;
    view.contains = sub(own(raw, 'contains'), doc);
    view.minContains = count(keyword(raw, 'minContains', draft));
    view.maxContains = count(keyword(raw, 'maxContains', draft));
  }

  if (sections & OBJECTS) {
    // Objects. A property is a Map entry: names are user data (`__proto__` is a fine name).
    const properties = own(raw, 'properties');
    if (isObject(properties)) view.properties = new Map();
    if (isObject(properties))
      for (const name of Object.keys(properties)) {
        const s = sub(properties[name], doc);
        if (s) view.properties.set(name, s);
      }
    const required = own(raw, 'required');
    if (Array.isArray(required) && required.length > 0) {
      view.required = new Set();
      for (const name of required) if (typeof name === 'string') view.required.add(name);
    }
    view.additional = sub(own(raw, 'additionalProperties'), doc);
    if (view.additional && view.additional.raw === true) view.additional = undefined;
    const patternProperties = own(raw, 'patternProperties');
    if (isObject(patternProperties)) view.patternProperties = new Map();
    if (isObject(patternProperties))
      for (const p of Object.keys(patternProperties)) {
        const s = sub(patternProperties[p], doc);
        if (s) view.patternProperties.set(p, s);
      }
    view.minProperties = count(own(raw, 'minProperties'));
    if (view.minProperties === 0) view.minProperties = undefined;
    view.maxProperties = count(own(raw, 'maxProperties'));
    view.propertyNames = sub(own(raw, 'propertyNames'), doc);
    for (const name of ['dependencies', 'dependentRequired', 'dependentSchemas']) {
      const deps = keyword(raw, name, draft);
      if (!isObject(deps)) continue;
      if (view.dependentRequired === NO_LISTS) view.dependentRequired = new Map();
      if (view.dependentSchemas === NO_NODES) view.dependentSchemas = new Map();
      for (const property of Object.keys(deps)) {
        const dep = deps[property];
        if (Array.isArray(dep) && name !== 'dependentSchemas')
          view.dependentRequired.set(
            property,
            dep.filter((d): d is string => typeof d === 'string'),
          );
        else if (name !== 'dependentRequired') {
          const s = sub(dep, doc);
          if (s) view.dependentSchemas.set(property, s);
        }
      }
    }
  }

  if (sections & COMBINATORS) {
    // Combinators. With 2019-09 and later, a `$ref` beside other keywords is one more conjunct.
    view.allOf = subs(own(raw, 'allOf'), doc);
    const refs = referencesOf(raw, draft);
    if (refs.length > 0) view.allOf = [...view.allOf, ...refs.map((ref) => ({ raw: { $ref: ref }, doc }))];
    view.anyOf = Array.isArray(own(raw, 'anyOf')) ? subs(raw.anyOf, doc) : null;
    view.oneOf = Array.isArray(own(raw, 'oneOf')) ? subs(raw.oneOf, doc) : null;
    view.not = sub(own(raw, 'not'), doc);
    view.if = sub(keyword(raw, 'if', draft), doc);
    view.then = sub(keyword(raw, 'then', draft), doc);
    view.else = sub(keyword(raw, 'else', draft), doc);
    if (view.if === undefined) {
      view.then = undefined;
      view.else = undefined;
    }
  }

  if (sections & UNEVALUATED) closeUnevaluated(raw, view, which);
  return view;
}

/** Patterns that every string matches: they constrain nothing. */
const MATCHES_ALL = new Set(['', '.*', '^.*', '^.*$', '.*$', '^', '[\\s\\S]*', '^[\\s\\S]*$']);

/** The tighter of two bounds; `side` 1 for lower bounds, -1 for upper. */
function tighter(a: Bound | undefined, b: Bound | undefined, side: 1 | -1): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = compareDecimal(a.value, b.value) * side;
  if (c !== 0) return c > 0 ? a : b;
  return a.exclusive ? a : b;
}

/** The keyword that wrote a bound, for messages and difference types. */
export function boundKeyword(bound: Bound, side: 'lower' | 'upper'): string {
  if (side === 'lower') return bound.exclusive ? 'exclusiveMinimum' : 'minimum';
  return bound.exclusive ? 'exclusiveMaximum' : 'maximum';
}
