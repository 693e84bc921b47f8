import { sampleValue } from '../json-schema/sample.ts';
import { parse, type ParseError } from 'jsonc-parser';
import { describeSyntaxError } from '../board/json-syntax.ts';
import { positionAt } from '../board/positions.ts';
import type { JsonSchema } from '../board/types.ts';
import { compileSchema, describeAjvError } from '../json-schema/ajv.ts';

export type Payload = Record<string, unknown>;

/** One reason a payload fails its schema: where (JSON pointer inside the payload) and what. */
export interface PayloadError {
  path: string;
  message: string;
}

export type ParsedPayload = { ok: true; data: Payload } | { ok: false; message: string };

/**
 * Reads a payload typed by a person. Strict JSON (the board file is JSON), and an object, since
 * events and commands carry named properties. The message says where it breaks and how to fix it.
 */
export function parsePayload(text: string): ParsedPayload {
  if (text.trim() === '') return { ok: true, data: {} };
  const errors: ParseError[] = [];
  const data: unknown = parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first) {
    const at = positionAt(text, first.offset);
    return {
      ok: false,
      message: `Not JSON at line ${at.line}, column ${at.column}: ${describeSyntaxError(first, text)}. Fix the text; the payload was not saved.`,
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      ok: false,
      message: `The payload must be a JSON object such as {"orderId": "o-1"}, not ${Array.isArray(data) ? 'an array' : JSON.stringify(data)}; it was not saved.`,
    };
  }
  return { ok: true, data: data as Payload };
}

/**
 * Checks a payload against a schema with the same ajv setup as the linter's `scenario-data-invalid`
 * rule, so the form and `stormbench check` agree. A schema that does not compile is reported once,
 * at the payload's root.
 */
export function validatePayload(schema: JsonSchema | undefined, data: Payload): PayloadError[] {
  if (schema === undefined) return [];
  const compiled = compileSchema(schema);
  if (!compiled.ok)
    return [{ path: '', message: `the schema does not compile (${compiled.message}); fix the schema first` }];
  if (compiled.validate(data)) return [];
  return (compiled.validate.errors ?? []).map((error) => ({
    path: error.instancePath,
    message: describeAjvError(error),
  }));
}

/**
 * A payload to start from: the schema's required properties (and the id field) with values that
 * are plausible for their type, the id field set to the scenario's id. People then change what
 * matters; what they must still fix the validation says.
 */
export function skeletonPayload(schema: JsonSchema | undefined, idField: string, idValue: string): Payload {
  const root = typeof schema === 'object' ? schema : {};
  const out: Payload = {};
  const properties = objectOf(root.properties);
  const required = Array.isArray(root.required) ? root.required.filter((r): r is string => typeof r === 'string') : [];
  // The service finds the aggregate by this property, so it is there unless the schema forbids it.
  const idAllowed = Object.hasOwn(properties, idField) || root.additionalProperties !== false;
  const names = [...new Set([...(idAllowed ? [idField] : []), ...required])];
  for (const name of names) {
    out[name] = name === idField ? idValue : sampleValue(properties[name], { properties: 'required' }, root, 1);
  }
  return out;
}

/**
 * When a scenario's event or command changes, keeps what the person typed that the new schema
 * also knows, and fills in the rest from the new skeleton.
 */
export function carryOver(data: Payload, schema: JsonSchema | undefined, skeleton: Payload): Payload {
  const properties = typeof schema === 'object' ? objectOf(schema.properties) : {};
  const known = Object.keys(properties);
  const kept = Object.fromEntries(Object.entries(data).filter(([key]) => known.length === 0 || known.includes(key)));
  return { ...skeleton, ...kept };
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
