import type { JsonSchema } from '../board/types.ts';
import { escapeSegment, segmentsOf } from '../json-pointer.ts';
import { isObject as isSchemaObject, own } from '../schema/json.ts';

/**
 * A JSON Schema seen as a table of fields, the way a domain expert reads a payload: one row per
 * property, nested objects and lists of objects indented under their field. The table is a view:
 * the schema stays the single source, and `edit.ts` changes it without losing what the table
 * does not show.
 */

export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A field's place: the property names from the top, lists of objects stepped through silently. */
export type FieldPath = readonly string[];

export interface FieldRow {
  path: FieldPath;
  name: string;
  /** 0 for a top-level field. */
  depth: number;
  /** Undefined when the schema names no type (an enum alone, or anything). */
  type: FieldType | undefined;
  /** `"type": [T, "null"]`: the field may also be null. */
  nullable: boolean;
  /** For a list: what it holds (undefined when any value). */
  itemType: FieldType | undefined;
  required: boolean;
  description: string | undefined;
  /** Allowed values: `enum`, or a `const` shown as its one value. */
  allowed: unknown[] | undefined;
  format: string | undefined;
  default: unknown;
  /** Whether fields can be added under it: an object, or a list of objects. */
  container: boolean;
  /**
   * Set when the table cannot show this field's schema ($ref, oneOf …): the row is read-only and
   * says why, and its inside is edited in JSON.
   */
  editInJson: string | undefined;
  /** JSON pointer of the field's schema, for messages and for the diff view. */
  pointer: string;
}

export interface FieldTable {
  rows: FieldRow[];
  /** What the table leaves to the JSON editor at the top level, in words (empty when nothing). */
  notes: string[];
  /** False when the top is not an object the table can list (`true`, a `$ref`, a `oneOf` …). */
  tabular: boolean;
}

/** Keywords whose meaning the table cannot show; a schema that uses one is edited in JSON. */
const OPAQUE = ['$ref', '$dynamicRef', 'oneOf', 'anyOf', 'allOf', 'not', 'if', 'then', 'else', 'prefixItems'] as const;

/** The words for what the table cannot show in a schema, or undefined when it can show it all. */
export function opaqueReason(schema: unknown): string | undefined {
  if (schema === true) return 'accepts any value (true)';
  if (schema === false) return 'accepts no value (false)';
  if (!isSchemaObject(schema)) return 'is not a schema object';
  const used = OPAQUE.filter((k) => Object.hasOwn(schema, k));
  if (Array.isArray(schema.items)) used.push('prefixItems');
  if (used.length > 0) return `uses ${used.map((k) => `"${k}"`).join(', ')}`;
  const types = typesOf(schema);
  if (types.length > 2 || (types.length === 2 && !types.includes('null')))
    return `has several types (${types.join(', ')})`;
  if (types.some((t) => t !== 'null' && !(FIELD_TYPES as readonly string[]).includes(t)))
    return `has the type ${JSON.stringify(schema.type)}`;
  return undefined;
}

function typesOf(schema: Record<string, unknown>): string[] {
  const type = own(schema, 'type');
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

/** The field type a schema shows: its `type`, or what its keywords imply when it names none. */
export function fieldTypeOf(schema: unknown): { type: FieldType | undefined; nullable: boolean } {
  if (!isSchemaObject(schema)) return { type: undefined, nullable: false };
  const types = typesOf(schema);
  const nullable = types.includes('null') && types.length === 2;
  const named = types.find((t) => t !== 'null');
  if (named && (FIELD_TYPES as readonly string[]).includes(named)) return { type: named as FieldType, nullable };
  if (types.length === 0) {
    if (isSchemaObject(own(schema, 'properties'))) return { type: 'object', nullable: false };
    if (own(schema, 'items') !== undefined) return { type: 'array', nullable: false };
  }
  return { type: undefined, nullable };
}

/** For a list, the schema of its items after stepping through lists of lists. */
function innermostItems(schema: Record<string, unknown>): unknown {
  let items = own(schema, 'items');
  while (isSchemaObject(items) && fieldTypeOf(items).type === 'array' && opaqueReason(items) === undefined)
    items = own(items, 'items');
  return items;
}

/** The object schema whose `properties` hold a field's children, or undefined for a leaf. */
export function childObject(schema: unknown): Record<string, unknown> | undefined {
  if (!isSchemaObject(schema) || opaqueReason(schema) !== undefined) return undefined;
  const { type } = fieldTypeOf(schema);
  if (type === 'object') return schema;
  if (type === 'array') {
    const items = innermostItems(schema);
    if (isSchemaObject(items) && opaqueReason(items) === undefined && fieldTypeOf(items).type === 'object')
      return items;
  }
  return undefined;
}

/** The rows of a schema, in the authors' property order, nested fields under their parent. */
export function fieldRows(schema: JsonSchema | undefined): FieldTable {
  const notes: string[] = [];
  if (schema === undefined) return { rows: [], notes, tabular: true };
  const top = opaqueReason(schema);
  const object = isSchemaObject(schema) ? schema : undefined;
  // A top level with properties beside a combinator still lists its properties; the rest is noted.
  if (top !== undefined) notes.push(`The schema's top level ${top}: edit that part in JSON.`);
  if (!object || (top !== undefined && !isSchemaObject(own(object, 'properties'))))
    return { rows: [], notes, tabular: false };
  const rows: FieldRow[] = [];
  collect(object, [], '#', 0, rows);
  return { rows, notes, tabular: true };
}

function collect(parent: Record<string, unknown>, path: string[], at: string, depth: number, rows: FieldRow[]): void {
  const properties = own(parent, 'properties');
  if (!isSchemaObject(properties)) return;
  const required = own(parent, 'required');
  const requiredSet = new Set(Array.isArray(required) ? required : []);
  for (const name of Object.keys(properties)) {
    const schema = properties[name];
    const pointer = `${at}/properties/${escapeSegment(name)}`;
    const reason = opaqueReason(schema);
    const object = isSchemaObject(schema) ? schema : {};
    const { type, nullable } = reason === undefined ? fieldTypeOf(schema) : { type: undefined, nullable: false };
    const items = own(object, 'items');
    const itemType = type === 'array' && isSchemaObject(items) ? fieldTypeOf(items).type : undefined;
    const enumValues = own(object, 'enum');
    const constValue = own(object, 'const');
    const description = own(object, 'description');
    const format = own(object, 'format');
    const child = reason === undefined ? childObject(schema) : undefined;
    const row: FieldRow = {
      path: [...path, name],
      name,
      depth,
      type,
      nullable,
      itemType,
      required: requiredSet.has(name),
      description: typeof description === 'string' ? description : undefined,
      allowed: Array.isArray(enumValues) ? enumValues : constValue !== undefined ? [constValue] : undefined,
      format: typeof format === 'string' ? format : undefined,
      default: own(object, 'default'),
      container: child !== undefined,
      editInJson: reason === undefined ? undefined : `This field ${reason}: edit it in JSON.`,
      pointer,
    };
    rows.push(row);
    if (child)
      collect(child, row.path as string[], child === schema ? pointer : itemsPointer(object, pointer), depth + 1, rows);
  }
}

function itemsPointer(schema: Record<string, unknown>, at: string): string {
  let pointer = `${at}/items`;
  let items = own(schema, 'items');
  while (isSchemaObject(items) && fieldTypeOf(items).type === 'array' && opaqueReason(items) === undefined) {
    pointer += '/items';
    items = own(items, 'items');
  }
  return pointer;
}

/** A field type in a domain expert's words: "text", "list of whole number" … */
export function typeLabel(row: Pick<FieldRow, 'type' | 'itemType' | 'nullable'>): string {
  const words: Record<FieldType, string> = {
    string: 'text',
    number: 'number',
    integer: 'whole number',
    boolean: 'yes/no',
    object: 'object',
    array: 'list',
  };
  if (row.type === undefined) return 'any';
  const base = row.type === 'array' ? `list of ${row.itemType ? words[row.itemType] : 'any'}` : words[row.type];
  return row.nullable ? `${base} or null` : base;
}

/**
 * The field a JSON pointer of the compare engine is about, as the table names it: `lines[].sku`
 * for `#/properties/lines/items/properties/sku`; the top level is "the payload"; anything else
 * (a `$defs` entry, a combinator branch) is the pointer itself.
 */
export function fieldOfPointer(pointer: string): string {
  const segments = segmentsOf(pointer);
  let out = '';
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s === 'properties' && i + 1 < segments.length) out += `${out === '' ? '' : '.'}${segments[++i]}`;
    else if (s === 'items') out += '[]';
    else return `${out === '' ? 'the payload' : `"${out}"`} at ${pointer}`;
  }
  return out === '' ? 'the payload' : `"${out}"`;
}
