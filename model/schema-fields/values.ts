import { sampleValue } from '../json-schema/sample.ts';
import { isObject } from '../schema/json.ts';
import type { FieldType } from './rows.ts';

/**
 * Values as a domain expert types them in the field table: `card, invoice, wallet` for allowed
 * values, `EUR` for a default. Text is taken as text; numbers, yes/no and JSON follow the field's
 * type. A value that does not fit says so, and the schema is left as it was.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Splits at commas outside double quotes, so `"a, b", c` is two values. */
function splitValues(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && quoted) {
      current += c + (text[i + 1] ?? '');
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** One value typed for a field of `type`. */
export function parseValue(text: string, type: FieldType | undefined): Parsed<unknown> {
  const t = text.trim();
  const json = (): Parsed<unknown> => {
    try {
      return { ok: true, value: JSON.parse(t) };
    } catch {
      return { ok: false, message: `${t} is not a JSON value` };
    }
  };
  switch (type) {
    case 'string':
      if (t.startsWith('"')) {
        const parsed = json();
        return parsed.ok && typeof parsed.value === 'string'
          ? parsed
          : { ok: false, message: `${t} is not a quoted text: close the quotes` };
      }
      return { ok: true, value: t };
    case 'number':
    case 'integer': {
      const n = Number(t);
      if (t === '' || !Number.isFinite(n)) return { ok: false, message: `"${t}" is not a number` };
      if (type === 'integer' && !Number.isInteger(n)) return { ok: false, message: `${t} is not a whole number` };
      return { ok: true, value: n };
    }
    case 'boolean':
      if (t === 'true' || t === 'yes') return { ok: true, value: true };
      if (t === 'false' || t === 'no') return { ok: true, value: false };
      return { ok: false, message: `"${t}" is not yes or no (true or false)` };
    case 'object':
    case 'array': {
      const parsed = json();
      if (!parsed.ok) return parsed;
      const good = type === 'array' ? Array.isArray(parsed.value) : isObject(parsed.value);
      return good
        ? parsed
        : { ok: false, message: `${t} is not ${type === 'array' ? 'a JSON list' : 'a JSON object'}` };
    }
    default: {
      // No type: JSON when it reads as JSON (42, true, "x"), otherwise the text itself.
      const parsed = json();
      return parsed.ok ? parsed : { ok: true, value: t };
    }
  }
}

/** The allowed values typed as a comma-separated list; an empty text lifts the limit. */
export function parseAllowedValues(text: string, type: FieldType | undefined): Parsed<unknown[] | undefined> {
  const parts = splitValues(text);
  if (parts.length === 0) return { ok: true, value: undefined };
  const values: unknown[] = [];
  for (const part of parts) {
    const parsed = parseValue(part, type);
    if (!parsed.ok)
      return {
        ok: false,
        message: `Allowed values: ${parsed.message}. Separate values with commas, e.g. card, invoice, wallet.`,
      };
    if (!values.some((v) => JSON.stringify(v) === JSON.stringify(parsed.value))) values.push(parsed.value);
  }
  return { ok: true, value: values };
}

/** One value as the table shows it: text as it is (quoted when it holds a comma or quote), the rest as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string')
    return /[,"]/.test(value) || value.trim() !== value || value === '' ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? '';
}

export function formatAllowedValues(values: readonly unknown[] | undefined): string {
  return values ? values.map(formatValue).join(', ') : '';
}

/** A payload that a schema accepts, as a starting point for a new example: every declared field. */
export function exampleFor(schema: unknown): unknown {
  return sampleValue(schema, { properties: 'all' });
}

/** The formats ajv checks, offered in the table's format field. */
export const KNOWN_FORMATS = [
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
