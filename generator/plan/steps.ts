import type { JsonSchema } from '../../model/board/types.ts';

/**
 * How one version of an event becomes the next when read. Mechanical when every difference is a
 * property added with a default (filled in) or without being required (left out), or an optional
 * property removed (dropped); anything else needs a person.
 *
 * This is the one place that decides it. When the schema engine (model/schema/compare.ts) lands,
 * this function asks it instead; the rest of the generator only sees `StepPlan`.
 */
export type StepDecision =
  | { mechanical: true; fill: Record<string, unknown>; drop: string[] }
  | { mechanical: false; reasons: string[] };

interface ObjectSchema {
  properties: Record<string, unknown>;
  required: string[];
  rest: string;
}

function asObject(schema: JsonSchema): ObjectSchema | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const properties = schema.properties;
  const props = typeof properties === 'object' && properties !== null && !Array.isArray(properties) ? (properties as Record<string, unknown>) : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  const { properties: _p, required: _r, title: _t, description: _d, examples: _e, $comment: _c, ...others } = schema;
  return { properties: props, required, rest: stableJson(others) };
}

export function decideStep(from: JsonSchema, to: JsonSchema): StepDecision {
  const a = asObject(from);
  const b = asObject(to);
  if (!a || !b) return { mechanical: false, reasons: ['one of the two schemas is not an object schema'] };
  const reasons: string[] = [];
  const fill: Record<string, unknown> = {};
  const drop: string[] = [];
  if (a.rest !== b.rest) reasons.push('keywords other than "properties" and "required" changed');
  for (const name of Object.keys(b.properties)) {
    const schema = b.properties[name];
    const hasDefault = typeof schema === 'object' && schema !== null && Object.hasOwn(schema, 'default');
    if (!Object.hasOwn(a.properties, name)) {
      if (hasDefault) Object.defineProperty(fill, name, { value: (schema as { default: unknown }).default, enumerable: true, writable: true, configurable: true });
      else if (b.required.includes(name)) reasons.push(`the required property "${name}" was added without a default`);
      continue;
    }
    if (stableJson(withoutDocs(a.properties[name])) !== stableJson(withoutDocs(schema))) {
      reasons.push(`the property "${name}" changed its schema`);
      continue;
    }
    if (b.required.includes(name) && !a.required.includes(name)) {
      if (hasDefault) Object.defineProperty(fill, name, { value: (schema as { default: unknown }).default, enumerable: true, writable: true, configurable: true });
      else reasons.push(`the property "${name}" became required and has no default`);
    }
  }
  for (const name of Object.keys(a.properties)) {
    if (Object.hasOwn(b.properties, name)) continue;
    if (a.required.includes(name)) reasons.push(`the required property "${name}" was removed`);
    else drop.push(name);
  }
  return reasons.length > 0 ? { mechanical: false, reasons } : { mechanical: true, fill, drop };
}

function withoutDocs(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const { title: _t, description: _d, examples: _e, $comment: _c, ...rest } = schema as Record<string, unknown>;
  return rest;
}

/** JSON with sorted keys, for comparing schemas regardless of key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
