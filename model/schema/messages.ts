import type { Diff } from './context.ts';
import { jsonEqual, show } from './json.ts';

/**
 * One sentence per difference: what changed, then what it means for readers and writers of the
 * event. The second half comes from the verdicts, so it can never contradict them.
 */
type Say = (d: Diff, where: string, name: string) => string;

const value = (v: unknown): string => (v === undefined ? 'none' : show(v));
const was = (d: Diff): string => `from ${value(d.oldValue)} to ${value(d.newValue)}`;
const types = (v: unknown): string =>
  v === 'any' ? 'any type' : v === false ? 'no value at all' : Array.isArray(v) ? v.join(' or ') : show(v);
const typesWere = (d: Diff): string => `from ${types(d.oldValue)} to ${types(d.newValue)}`;
const item = (d: Diff): string => `item ${d.path[d.path.length - 1]}`;
const pattern = (d: Diff): string => JSON.stringify(d.path[d.path.length - 1]);

export const DESCRIPTIONS: Readonly<Record<string, Say>> = {
  TITLE_CHANGED: (d, w) => `The title of ${w} changed ${was(d)}`,
  DESCRIPTION_CHANGED: (_d, w) => `The description of ${w} changed`,
  DEFAULT_CHANGED: (d, w) =>
    `The default of ${w} changed ${was(d)}; payloads are checked the same way, but a reader that fills defaults now fills ${show(d.newValue)}`,
  TYPE_EXTENDED: (d, w) => `The type of ${w} widened ${typesWere(d)}`,
  TYPE_EXTENDED_TO_ANY: (_d, w) => `${cap(w)} no longer constrains its value (the new schema is empty)`,
  TYPE_NARROWED: (d, w) => `The type of ${w} narrowed ${typesWere(d)}`,
  TYPE_CHANGED: (d, w) => `The type of ${w} changed ${typesWere(d)}`,
  ENUM_ARRAY_ADDED: (d, w) => `${cap(w)} is now limited to the values ${show(d.newValue)}`,
  ENUM_ARRAY_REMOVED: (d, w) => `${cap(w)} is no longer limited to the values ${show(d.oldValue)}`,
  ENUM_ARRAY_EXTENDED: (d, w) => `The allowed values of ${w} grew (${d.detail})`,
  ENUM_ARRAY_NARROWED: (d, w) => `The allowed values of ${w} shrank (${d.detail})`,
  ENUM_ARRAY_CHANGED: (d, w) => `The allowed values of ${w} changed (${d.detail})`,
  PATTERN_ADDED: (d, w) => `${cap(w)} must now match the pattern ${show(d.newValue)}`,
  PATTERN_REMOVED: (d, w) => `${cap(w)} no longer has to match the pattern ${show(d.oldValue)}`,
  PATTERN_CHANGED: (d, w) =>
    d.needsReview
      ? `The pattern of ${w} changed ${was(d)} and Stormbench cannot decide which strings each accepts: needs review`
      : `The pattern of ${w} changed ${was(d)}`,
  FORMAT_ADDED: (d, w) => `${cap(w)} must now have the format ${show(d.newValue)}`,
  FORMAT_REMOVED: (d, w) => `${cap(w)} no longer has to have the format ${show(d.oldValue)}`,
  FORMAT_CHANGED: (d, w) => `The format of ${w} changed ${was(d)}`,
  MULTIPLE_OF_ADDED: (d, w) => `${cap(w)} must now be a multiple of ${show(d.newValue)}`,
  MULTIPLE_OF_REMOVED: (d, w) => `${cap(w)} no longer has to be a multiple of ${show(d.oldValue)}`,
  MULTIPLE_OF_REDUCED: (d, w) => `The step of ${w} changed ${was(d)}, which divides the old one`,
  MULTIPLE_OF_EXPANDED: (d, w) => `The step of ${w} changed ${was(d)}, a multiple of the old one`,
  MULTIPLE_OF_CHANGED: (d, w) => `The step of ${w} changed ${was(d)}, and neither divides the other`,
  REQUIRED_ATTRIBUTE_ADDED: (_d, _w, n) => `The property ${n} is now required`,
  REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED: (d, _w, n) =>
    `The property ${n} is now required, with the default ${show(d.newValue)}`,
  REQUIRED_ATTRIBUTE_REMOVED: (_d, _w, n) => `The property ${n} is no longer required`,
  REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: (_d, _w, n) =>
    `The new version adds the required property ${n}, which old events do not have`,
  REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL: (d, _w, n) =>
    `The new version adds the required property ${n} with the default ${show(d.newValue)}; old events do not have it, and a reader that fills defaults gets the default`,
  OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: (d, _w, n) =>
    d.backward
      ? `The new version adds the optional property ${n} to an open object; old events lack it, since writers send no undeclared properties (lenient policy)`
      : `The new version adds the optional property ${n} to an open object, where old events could have carried that name with any value (strict policy, or a name the schema declares elsewhere at that place)`,
  PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL: (_d, _w, n) =>
    `The new version declares the property ${n}, which accepts any value`,
  REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL: (_d, _w, n) =>
    `The new version adds the required property ${n} to a closed object: old events do not have it and old readers do not allow it`,
  REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL: (d, _w, n) =>
    `The new version adds the required property ${n} (default ${show(d.newValue)}) to a closed object, which old readers do not allow`,
  OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL: (_d, _w, n) =>
    `The new version adds the optional property ${n} to a closed object, which old readers do not allow`,
  PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL: (d, _w, n) =>
    d.forward
      ? `The new version no longer declares the property ${n}; new events leave it out`
      : `The new version no longer declares the property ${n}; its object stays open, so new events may carry that name with any value (strict policy, or a name the schema declares elsewhere at that place)`,
  PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL: (_d, _w, n) =>
    `The new version removes the property ${n} from a closed object, so old events that carry it are rejected`,
  PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL: (_d, _w, n) =>
    `The new version drops the forbidden property ${n}; the closed object still forbids it`,
  PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: (_d, _w, n) =>
    `The new version declares ${n} with the schema the old additional or pattern properties already gave it`,
  PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: (d, _w, n) =>
    `The new version declares ${n} with a schema that differs from what the old additional or pattern properties allowed (${d.detail ?? 'different'})`,
  PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: (_d, _w, n) =>
    `The new version removes ${n}, and its additional or pattern properties accept the same values`,
  PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: (d, _w, n) =>
    `The new version removes ${n}, and its additional or pattern properties accept other values (${d.detail ?? 'different'})`,
  ADDITIONAL_PROPERTIES_ADDED: () => 'The object now allows undeclared properties (it was closed)',
  ADDITIONAL_PROPERTIES_REMOVED: () => 'The object no longer allows undeclared properties (it was open)',
  ADDITIONAL_PROPERTIES_EXTENDED: () => 'The object now allows more undeclared properties',
  ADDITIONAL_PROPERTIES_NARROWED: () => 'The object now allows fewer undeclared properties',
  PATTERN_PROPERTY_ADDED: (d) =>
    `The object now declares the properties whose names match ${pattern(d)}${d.detail ? ` (${d.detail})` : ''}`,
  PATTERN_PROPERTY_REMOVED: (d) =>
    `The object no longer declares the properties whose names match ${pattern(d)}${d.detail ? ` (${d.detail})` : ''}`,
  DEPENDENCY_ARRAY_ADDED: (d, _w, n) => `When ${n} is present, ${show(d.newValue)} are now required too`,
  DEPENDENCY_ARRAY_REMOVED: (d, _w, n) => `When ${n} is present, ${show(d.oldValue)} are no longer required`,
  DEPENDENCY_ARRAY_EXTENDED: (d, _w, n) => `When ${n} is present, more properties are required (${was(d)})`,
  DEPENDENCY_ARRAY_NARROWED: (d, _w, n) => `When ${n} is present, fewer properties are required (${was(d)})`,
  DEPENDENCY_ARRAY_CHANGED: (d, _w, n) => `When ${n} is present, other properties are required (${was(d)})`,
  DEPENDENCY_SCHEMA_ADDED: (_d, _w, n) => `When ${n} is present, the object must now match an extra schema`,
  DEPENDENCY_SCHEMA_REMOVED: (_d, _w, n) => `When ${n} is present, the object no longer has to match an extra schema`,
  ITEM_ADDED_TO_OPEN_CONTENT_MODEL: (d) => `The new tuple declares ${item(d)}, where old arrays could hold any value`,
  ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL: (d) => `The new tuple declares ${item(d)}, accepting any value`,
  ITEM_ADDED_TO_CLOSED_CONTENT_MODEL: (d) => `The new tuple adds ${item(d)}, which old readers do not allow`,
  ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL: (d) =>
    `The new tuple no longer declares ${item(d)}; any value may appear there now`,
  ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL: (d) =>
    `The new tuple removes ${item(d)}, so old arrays that have it are rejected`,
  ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL: (d) =>
    `The new tuple drops the forbidden ${item(d)}; it stays forbidden`,
  ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: (d) =>
    `The new tuple declares ${item(d)} with the schema its old items already had`,
  ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: (d) =>
    `The new tuple declares ${item(d)} with a schema that differs from its old items (${d.detail ?? 'different'})`,
  ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: (d) =>
    `The new tuple removes ${item(d)}; its items schema accepts the same values`,
  ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: (d) =>
    `The new tuple removes ${item(d)}; its items schema accepts other values (${d.detail ?? 'different'})`,
  ADDITIONAL_ITEMS_ADDED: () => 'The array now allows items past the tuple (it was closed)',
  ADDITIONAL_ITEMS_REMOVED: () => 'The array no longer allows items past the tuple',
  ADDITIONAL_ITEMS_EXTENDED: () => 'The array now accepts more kinds of items',
  ADDITIONAL_ITEMS_NARROWED: () => 'The array now constrains its items',
  UNIQUE_ITEMS_ADDED: (_d, w) => `The items of ${w} must now be unique`,
  UNIQUE_ITEMS_REMOVED: (_d, w) => `The items of ${w} no longer have to be unique`,
  CONTAINS_ADDED: (_d, w) => `${cap(w)} must now contain a matching item`,
  CONTAINS_REMOVED: (_d, w) => `${cap(w)} no longer has to contain a matching item`,
  SUM_TYPE_EXTENDED: (_d, w) => `The new version adds the alternative ${w}`,
  SUM_TYPE_NARROWED: (_d, w) => `The new version removes the alternative ${w}`,
  SUM_TYPE_BRANCHES_OVERLAP: (d, w) => `At ${w}, ${d.detail}, and "oneOf" rejects a value that matches two`,
  COMBINED_TYPE_CHANGED: (d, w) => `${cap(w)} switched ${was(d)}`,
  PRODUCT_TYPE_EXTENDED: (_d, w) => `The new version adds the condition ${w} (allOf)`,
  PRODUCT_TYPE_NARROWED: (_d, w) => `The new version drops the condition ${w} (allOf)`,
  NOT_TYPE_EXTENDED: (d, w) => `${cap(w)} now excludes more values${d.detail ? ` (${d.detail})` : ''}`,
  NOT_TYPE_NARROWED: (d, w) => `${cap(w)} now excludes fewer values${d.detail ? ` (${d.detail})` : ''}`,
  NOT_TYPE_CHANGED: (d, w) => `${cap(w)} now excludes other values${d.detail ? ` (${d.detail})` : ''}`,
  CONDITIONAL_SCHEMA_ADDED: (_d, w) => `The new version adds a condition (if/then/else) at ${w}`,
  CONDITIONAL_SCHEMA_REMOVED: (_d, w) => `The new version drops the condition (if/then/else) at ${w}`,
  UNEVALUATED_PROPERTIES_CHANGED: (d, w) => unevaluated(d, w, 'properties'),
  UNEVALUATED_ITEMS_CHANGED: (d, w) => unevaluated(d, w, 'items'),
  CONDITIONAL_IF_CHANGED: (d, w) =>
    `The "if" at ${w} changed, so payloads may take the other branch${d.detail ? ` (${d.detail})` : ''}`,
};

/** Why an `unevaluated*` is left to a person: what changed, and why its reach cannot be computed. */
function unevaluated(d: Diff, where: string, things: string): string {
  const what = jsonEqual(d.oldValue ?? true, d.newValue ?? true)
    ? `${cap(where)} stays ${value(d.newValue)}, but something that decides which ${things} it applies to changed`
    : `${cap(where)} changed ${was(d)}`;
  return `${what}; ${d.detail ?? `which ${things} it applies to cannot be computed`}: Stormbench cannot judge it, needs review`;
}

const BOUNDS: Record<string, string> = {
  MINIMUM: 'minimum',
  MAXIMUM: 'maximum',
  EXCLUSIVE_MINIMUM: 'exclusive minimum',
  EXCLUSIVE_MAXIMUM: 'exclusive maximum',
  MIN_LENGTH: 'minimum length',
  MAX_LENGTH: 'maximum length',
  MIN_ITEMS: 'minimum number of items',
  MAX_ITEMS: 'maximum number of items',
  MIN_PROPERTIES: 'minimum number of properties',
  MAX_PROPERTIES: 'maximum number of properties',
  MIN_CONTAINS: 'minimum number of matching items',
  MAX_CONTAINS: 'maximum number of matching items',
};

function bound(type: string): Say | undefined {
  const m = /^([A-Z_]+?)_(ADDED|REMOVED|INCREASED|DECREASED|MADE_EXCLUSIVE|MADE_INCLUSIVE)$/.exec(type);
  if (!m || !Object.hasOwn(BOUNDS, m[1]!)) return undefined;
  const what = BOUNDS[m[1]!]!;
  switch (m[2]) {
    case 'ADDED':
      return (d, w) => `${cap(w)} gets the ${what} ${show(d.newValue)}`;
    case 'REMOVED':
      return (d, w) => `${cap(w)} loses its ${what} ${show(d.oldValue)}`;
    case 'MADE_EXCLUSIVE':
      return (d, w) =>
        `The ${what} of ${w} became exclusive (${value(d.oldValue)} included before, ${value(d.newValue)} excluded now)`;
    case 'MADE_INCLUSIVE':
      return (d, w) =>
        `The ${what} of ${w} became inclusive (${value(d.oldValue)} excluded before, ${value(d.newValue)} included now)`;
    default:
      return (d, w) => `The ${what} of ${w} ${m[2] === 'INCREASED' ? 'went up' : 'went down'} ${was(d)}`;
  }
}

export function knownType(type: string): boolean {
  return Object.hasOwn(DESCRIPTIONS, type) || bound(type) !== undefined;
}

function consequence(d: Diff): string {
  if (d.needsReview) return 'check by hand whether old and new events still validate under the other version';
  if (d.backward && d.forward) return 'readers of either version still read events of both';
  if (d.backward)
    return 'a reader of the new version still reads old events, but a reader of the old version may reject new ones';
  if (d.forward)
    return 'a reader of the old version still reads new events, but a reader of the new version may reject old ones';
  return 'readers of each version may reject events written with the other';
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// One phrase maker per type, found once: reports are made by the thousand in a board's history.
const sayers = new Map<string, Say>();
function sayFor(type: string): Say {
  let say = sayers.get(type);
  if (!say) {
    say =
      (Object.hasOwn(DESCRIPTIONS, type) ? DESCRIPTIONS[type] : bound(type)) ??
      ((x: Diff, v: string) => `${v} changed (${x.type})`);
    sayers.set(type, say);
  }
  return say;
}

export function describe(d: Diff, where: string): string {
  const last = d.path.length >= 2 ? d.path[d.path.length - 1]! : '';
  const name = JSON.stringify(last);
  const parent = d.path.length >= 2 ? d.path[d.path.length - 2] : undefined;
  const w = where === '#' ? 'the payload' : parent === 'properties' ? `the property ${name}` : `"${where}"`;
  const say = sayFor(d.type);
  return `${say(d, w, name)} — ${consequence(d)}.`;
}

/** Every difference type the engine can report (the golden suite covers each one). */
export const DIFFERENCE_TYPES: readonly string[] = [
  ...Object.keys(DESCRIPTIONS),
  ...[
    'MINIMUM',
    'MAXIMUM',
    'EXCLUSIVE_MINIMUM',
    'EXCLUSIVE_MAXIMUM',
    'MIN_LENGTH',
    'MAX_LENGTH',
    'MIN_ITEMS',
    'MAX_ITEMS',
    'MIN_PROPERTIES',
    'MAX_PROPERTIES',
    'MIN_CONTAINS',
    'MAX_CONTAINS',
  ].flatMap((p) => ['ADDED', 'REMOVED', 'INCREASED', 'DECREASED'].map((v) => `${p}_${v}`)),
  'MINIMUM_MADE_EXCLUSIVE',
  'MINIMUM_MADE_INCLUSIVE',
  'MAXIMUM_MADE_EXCLUSIVE',
  'MAXIMUM_MADE_INCLUSIVE',
];
