import type { JsonSchema } from '../board/types.ts';
import { isObject, own } from '../schema/json.ts';
import { childObject, fieldTypeOf, opaqueReason, type FieldPath, type FieldType } from './rows.ts';

/**
 * Edits of a schema through its field table. Each returns a new schema and leaves the input as it
 * was; everything the table does not show (unknown keywords, `$defs`, patterns, bounds,
 * `additionalProperties`) is carried over untouched, and properties keep the authors' order.
 * A change the schema cannot take throws FieldEditError with a sentence for the user.
 */

export class FieldEditError extends Error {
  override name = 'FieldEditError';
}

type SchemaObject = Record<string, unknown>;

/** The schema a new payload starts from: an object with no fields yet. */
export function emptyObjectSchema(): SchemaObject {
  return { type: 'object', properties: {} };
}

function describePath(path: FieldPath): string {
  return path.length === 0 ? 'the top level' : `"${path.join('.')}"`;
}

/** Rebuilds `schema` with the object that holds its child fields replaced by `change(object)`. */
function withChildObject(
  schema: unknown,
  path: FieldPath,
  change: (object: SchemaObject) => SchemaObject,
): SchemaObject {
  const object = childObject(schema);
  if (!object)
    throw new FieldEditError(
      `${describePath(path)} holds no fields: only an object or a list of objects does. Change its type first.`,
    );
  if (object === schema) return change(object);
  // A list (of lists) of objects: rebuild the chain of `items` down to the object.
  const list = schema as SchemaObject;
  return { ...list, items: withChildObject(own(list, 'items'), path, change) };
}

/** Applies `change` to the object whose `properties` list the fields under `parent`. */
function mapObjectAt(
  root: JsonSchema | undefined,
  parent: FieldPath,
  change: (object: SchemaObject) => SchemaObject,
): SchemaObject {
  const start = root === undefined ? emptyObjectSchema() : root;
  if (parent.length === 0) {
    if (!isObject(start)) throw new FieldEditError('The schema is not an object schema: edit it in JSON.');
    // A top level using `oneOf`, `$ref` … but listing properties is still editable property by property.
    if (opaqueReason(start) !== undefined && !isObject(own(start, 'properties')))
      throw new FieldEditError(`The schema's top level ${opaqueReason(start)}: edit it in JSON.`);
    return change(start);
  }
  const name = parent[parent.length - 1]!;
  const above = parent.slice(0, -1);
  return mapObjectAt(start, above, (object) => {
    const properties = own(object, 'properties');
    if (!isObject(properties) || !Object.hasOwn(properties, name))
      throw new FieldEditError(`There is no field ${describePath(parent)}.`);
    return { ...object, properties: { ...properties, [name]: withChildObject(properties[name], parent, change) } };
  });
}

/** Applies `change` to the schema of the field at `path`. */
function mapFieldAt(
  root: JsonSchema | undefined,
  path: FieldPath,
  change: (field: SchemaObject) => SchemaObject,
): SchemaObject {
  const name = path[path.length - 1];
  if (name === undefined) throw new FieldEditError('Name a field to change.');
  return mapObjectAt(root, path.slice(0, -1), (object) => {
    const properties = own(object, 'properties');
    if (!isObject(properties) || !Object.hasOwn(properties, name))
      throw new FieldEditError(`There is no field ${describePath(path)}.`);
    const field = properties[name];
    if (!isObject(field) || opaqueReason(field) !== undefined)
      throw new FieldEditError(
        `The field ${describePath(path)} ${opaqueReason(field) ?? 'is not a schema object'}: edit it in JSON.`,
      );
    return { ...object, properties: { ...properties, [name]: change(field) } };
  });
}

function checkName(name: string, siblings: SchemaObject, where: FieldPath): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new FieldEditError('A field needs a name: type one, such as "orderId".');
  if (Object.hasOwn(siblings, trimmed))
    throw new FieldEditError(`There is already a field "${trimmed}" in ${describePath(where)}: choose another name.`);
  return trimmed;
}

function newFieldSchema(type: FieldType): SchemaObject {
  if (type === 'object') return emptyObjectSchema();
  if (type === 'array') return { type: 'array', items: { type: 'string' } };
  return { type };
}

/** Adds a field at the end of `parent`'s fields (the top level when `parent` is empty). */
export function addField(
  schema: JsonSchema | undefined,
  parent: FieldPath,
  name: string,
  type: FieldType = 'string',
): SchemaObject {
  return mapObjectAt(schema, parent, (object) => {
    const properties = isObject(own(object, 'properties')) ? (object.properties as SchemaObject) : {};
    const checked = checkName(name, properties, parent);
    const next: SchemaObject = { ...object, properties: { ...properties, [checked]: newFieldSchema(type) } };
    // An empty schema becomes an object payload once it has a field.
    if (fieldTypeOf(object).type === undefined && own(object, 'type') === undefined) return { type: 'object', ...next };
    return next;
  });
}

/** Renames a field where it stands, and in its parent's `required`. */
export function renameField(schema: JsonSchema | undefined, path: FieldPath, newName: string): SchemaObject {
  const old = path[path.length - 1];
  if (old === undefined) throw new FieldEditError('Name a field to rename.');
  return mapObjectAt(schema, path.slice(0, -1), (object) => {
    const properties = own(object, 'properties');
    if (!isObject(properties) || !Object.hasOwn(properties, old))
      throw new FieldEditError(`There is no field ${describePath(path)}.`);
    if (newName.trim() === old) return object;
    const others = { ...properties };
    delete others[old];
    const checked = checkName(newName, others, path.slice(0, -1));
    const renamed: SchemaObject = {};
    for (const key of Object.keys(properties)) renamed[key === old ? checked : key] = properties[key];
    const next: SchemaObject = { ...object, properties: renamed };
    const required = own(object, 'required');
    if (Array.isArray(required)) next.required = required.map((r) => (r === old ? checked : r));
    return next;
  });
}

export function removeField(schema: JsonSchema | undefined, path: FieldPath): SchemaObject {
  const name = path[path.length - 1];
  if (name === undefined) throw new FieldEditError('Name a field to remove.');
  return mapObjectAt(schema, path.slice(0, -1), (object) => {
    const properties = own(object, 'properties');
    if (!isObject(properties) || !Object.hasOwn(properties, name))
      throw new FieldEditError(`There is no field ${describePath(path)}.`);
    const rest = { ...properties };
    delete rest[name];
    return withRequired({ ...object, properties: rest }, name, false);
  });
}

/** Moves a field up (negative) or down (positive) among its siblings; at an end it stays. */
export function moveField(schema: JsonSchema | undefined, path: FieldPath, by: number): SchemaObject {
  const name = path[path.length - 1];
  if (name === undefined) throw new FieldEditError('Name a field to move.');
  return mapObjectAt(schema, path.slice(0, -1), (object) => {
    const properties = own(object, 'properties');
    if (!isObject(properties) || !Object.hasOwn(properties, name))
      throw new FieldEditError(`There is no field ${describePath(path)}.`);
    const keys = Object.keys(properties);
    const from = keys.indexOf(name);
    const to = Math.max(0, Math.min(keys.length - 1, from + by));
    if (to === from) return object;
    keys.splice(from, 1);
    keys.splice(to, 0, name);
    const moved: SchemaObject = {};
    for (const key of keys) moved[key] = properties[key];
    return { ...object, properties: moved };
  });
}

function withRequired(object: SchemaObject, name: string, required: boolean): SchemaObject {
  const list = own(object, 'required');
  const current = Array.isArray(list) ? list : [];
  if (current.includes(name) === required) return object;
  const next = required ? [...current, name] : current.filter((r) => r !== name);
  const out = { ...object, required: next };
  if (next.length === 0) delete (out as SchemaObject).required;
  return out;
}

export function setRequired(schema: JsonSchema | undefined, path: FieldPath, required: boolean): SchemaObject {
  const name = path[path.length - 1];
  if (name === undefined) throw new FieldEditError('Name a field to make required or optional.');
  return mapObjectAt(schema, path.slice(0, -1), (object) => {
    const properties = own(object, 'properties');
    if (!isObject(properties) || !Object.hasOwn(properties, name))
      throw new FieldEditError(`There is no field ${describePath(path)}.`);
    return withRequired(object, name, required);
  });
}

/** Whether a JSON value is of a field type (integers are numbers too). */
function fits(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
  }
}

/**
 * Sets a field's type (undefined: any value). Keeps it nullable if it was. What only the table
 * shows for the old type goes when it no longer applies (nested fields of an object, the items of
 * a list, a format on a non-text, allowed values and a default of another type); bounds, patterns
 * and unknown keywords stay, as JSON Schema ignores them for other types.
 */
export function setFieldType(
  schema: JsonSchema | undefined,
  path: FieldPath,
  type: FieldType | undefined,
  itemType: FieldType = 'string',
): SchemaObject {
  return mapFieldAt(schema, path, (field) => {
    const { nullable } = fieldTypeOf(field);
    const next: SchemaObject = { ...field };
    if (type === undefined) delete next.type;
    else next.type = nullable ? [type, 'null'] : type;
    if (type !== 'object') {
      delete next.properties;
      delete next.required;
    } else if (!isObject(next.properties)) next.properties = {};
    if (type !== 'array') delete next.items;
    else if (!isObject(next.items)) next.items = newFieldSchema(itemType);
    if (type !== undefined) {
      if (type !== 'string') delete next.format;
      const values = Array.isArray(next.enum) ? next.enum : next.const !== undefined ? [next.const] : [];
      if (!values.every((v) => fits(v, type) || (nullable && v === null))) {
        delete next.enum;
        delete next.const;
      }
      if (next.default !== undefined && !fits(next.default, type)) delete next.default;
    }
    return next;
  });
}

/** Sets what a list holds; the list's own keywords (bounds, uniqueItems) stay. */
export function setItemType(schema: JsonSchema | undefined, path: FieldPath, itemType: FieldType): SchemaObject {
  return mapFieldAt(schema, path, (field) => {
    if (fieldTypeOf(field).type !== 'array') throw new FieldEditError(`The field ${describePath(path)} is not a list.`);
    const items = isObject(field.items) ? field.items : {};
    const next: SchemaObject = { ...items, type: itemType };
    if (itemType !== 'object') {
      delete next.properties;
      delete next.required;
    } else if (!isObject(next.properties)) next.properties = {};
    if (itemType !== 'array') delete next.items;
    else if (!isObject(next.items)) next.items = { type: 'string' };
    if (itemType !== 'string') delete next.format;
    return { ...field, items: next };
  });
}

function setKeyword(field: SchemaObject, keyword: string, value: unknown): SchemaObject {
  const next = { ...field };
  if (value === undefined) delete next[keyword];
  else next[keyword] = value;
  return next;
}

export function setDescription(schema: JsonSchema | undefined, path: FieldPath, text: string): SchemaObject {
  return mapFieldAt(schema, path, (field) =>
    setKeyword(field, 'description', text.trim() === '' ? undefined : text.trim()),
  );
}

/** Sets the allowed values (`enum`; a `const` is replaced); undefined or none lifts the limit. */
export function setAllowedValues(
  schema: JsonSchema | undefined,
  path: FieldPath,
  values: readonly unknown[] | undefined,
): SchemaObject {
  return mapFieldAt(schema, path, (field) => {
    const next = setKeyword(field, 'enum', values && values.length > 0 ? [...values] : undefined);
    delete next.const;
    return next;
  });
}

export function setFormat(schema: JsonSchema | undefined, path: FieldPath, format: string | undefined): SchemaObject {
  return mapFieldAt(schema, path, (field) => setKeyword(field, 'format', format?.trim() ? format.trim() : undefined));
}

export function setDefault(schema: JsonSchema | undefined, path: FieldPath, value: unknown): SchemaObject {
  return mapFieldAt(schema, path, (field) => setKeyword(field, 'default', value));
}
