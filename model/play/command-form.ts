import type { JsonSchema } from '../board/types.ts';
import { sampleValue } from '../json-schema/sample.ts';
import { fieldRows, type FieldRow } from '../schema-fields/rows.ts';
import { parseValue } from '../schema-fields/values.ts';

/**
 * The form that sends a command while the board plays: one input per top-level field of the
 * command's schema (the field table's rows: type, required, allowed values, format, default),
 * prefilled from a scenario's payload or a sample the schema accepts, the aggregate's id fresh.
 * Pure, so the page only draws it.
 */

export type Widget = 'text' | 'number' | 'yes-no' | 'choice' | 'json';

export interface FormField {
  row: FieldRow;
  widget: Widget;
  /** An HTML input type for a text field with a format (date, email…). */
  inputType: string;
  /** Whether this is the aggregate's id field. */
  isId: boolean;
}

const INPUT_TYPES: Readonly<Record<string, string>> = { date: 'date', email: 'email', uri: 'url' };

export function formFields(schema: JsonSchema | undefined, idField: string): FormField[] {
  return fieldRows(schema)
    .rows.filter((row) => row.depth === 0)
    .map((row) => ({
      row,
      widget: widgetOf(row),
      inputType: (row.format && INPUT_TYPES[row.format]) ?? 'text',
      isId: row.name === idField,
    }));
}

function widgetOf(row: FieldRow): Widget {
  if (row.editInJson || row.nullable) return 'json';
  if (row.allowed && row.allowed.length > 0 && row.allowed.every((v) => typeof v === 'string' || typeof v === 'number'))
    return 'choice';
  switch (row.type) {
    case 'boolean':
      return 'yes-no';
    case 'number':
    case 'integer':
      return 'number';
    case 'string':
    case undefined:
      return row.type === undefined && row.allowed === undefined ? 'json' : 'text';
    default:
      return 'json';
  }
}

/** The text shown in a field's input for a value. */
export function textOf(field: FormField, value: unknown): string {
  if (value === undefined) return '';
  if (field.widget === 'json') return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The inputs' first texts: a scenario's payload when the board has one for the command, else a
 * sample of every field the schema accepts; the id field gets `newId`, so each send places a new
 * aggregate unless the person types an existing id.
 */
export function prefill(
  fields: readonly FormField[],
  schema: JsonSchema | undefined,
  scenario: Record<string, unknown> | undefined,
  newId: string,
): Record<string, string> {
  const base = (scenario ?? sampleValue(schema, { properties: 'all' })) as Record<string, unknown> | null;
  const values = typeof base === 'object' && base !== null ? base : {};
  return Object.fromEntries(
    fields.map((f) => [
      f.row.name,
      f.isId && f.row.type !== 'number' && f.row.type !== 'integer' ? newId : textOf(f, values[f.row.name]),
    ]),
  );
}

export type PayloadResult =
  { ok: true; payload: Record<string, unknown> } | { ok: false; field: string; message: string };

/**
 * The payload the inputs say. An empty optional field is left out; an empty required one is left
 * out too, so the service says it is missing, in its words. A text that does not fit its field's
 * type is refused here with the field's name.
 */
export function payloadOf(fields: readonly FormField[], texts: Readonly<Record<string, string>>): PayloadResult {
  const payload: Record<string, unknown> = {};
  for (const field of fields) {
    const text = texts[field.row.name] ?? '';
    if (text === '' || (text.trim() === '' && field.row.type !== 'string')) continue;
    if (field.widget === 'json') {
      try {
        payload[field.row.name] = JSON.parse(text) as unknown;
      } catch {
        return {
          ok: false,
          field: field.row.name,
          message: `"${field.row.name}" is not JSON; write it as JSON (a list as [1, 2], text in double quotes)`,
        };
      }
      continue;
    }
    const type = field.widget === 'choice' && typeof field.row.allowed?.[0] === 'number' ? 'number' : field.row.type;
    const parsed = parseValue(text, type);
    if (!parsed.ok) return { ok: false, field: field.row.name, message: `"${field.row.name}": ${parsed.message}` };
    payload[field.row.name] = parsed.value;
  }
  return { ok: true, payload };
}
