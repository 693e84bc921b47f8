import { readDraft, type Draft } from './validator-setup.ts';

type Json = Record<string, unknown>;

// Keywords whose value is a map of schemas, and keywords whose value is data, not a schema.
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);
const DATA = new Set(['enum', 'const', 'default', 'examples', 'example']);

/**
 * A user's schema written in the 2020-12 words an OpenAPI 3.1 document speaks, with the meaning its
 * own draft gives it: draft-04's boolean `exclusiveMaximum`/`exclusiveMinimum` become numbers, tuple
 * `items` and `additionalItems` become `prefixItems` and `items`, `dependencies` is split into
 * `dependentRequired` and `dependentSchemas`, draft-04's `id` goes. Only for the document: the
 * service validates with the schema as written, in its own draft (validator-setup.ts).
 */
export function asDraft2020(schema: unknown): unknown {
  const draft = readDraft(schema)?.draft ?? '2020-12';
  const converted = convert(schema, draft);
  if (typeof converted === 'object' && converted !== null && !Array.isArray(converted))
    delete (converted as Json).$schema;
  return converted;
}

function convert(schema: unknown, draft: Draft): unknown {
  if (Array.isArray(schema)) return schema.map((item) => convert(item, draft));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DATA.has(key)) out[key] = value;
    else if (SCHEMA_MAPS.has(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convert(sub, draft)]));
    } else out[key] = convert(value, draft);
  }
  if (draft === '2020-12') return out;
  if (draft === 'draft-04') {
    for (const [bound, exclusive] of [
      ['maximum', 'exclusiveMaximum'],
      ['minimum', 'exclusiveMinimum'],
    ] as const) {
      if (out[exclusive] === true && typeof out[bound] === 'number') {
        out[exclusive] = out[bound];
        delete out[bound];
      } else if (typeof out[exclusive] === 'boolean') delete out[exclusive];
    }
    if (typeof out.id === 'string') delete out.id;
  }
  if (Array.isArray(out.items)) {
    out.prefixItems = out.items;
    if (out.additionalItems !== undefined) out.items = out.additionalItems;
    else delete out.items;
    delete out.additionalItems;
  } else delete out.additionalItems;
  const dependencies = out.dependencies;
  if (typeof dependencies === 'object' && dependencies !== null && !Array.isArray(dependencies)) {
    for (const [name, dependency] of Object.entries(dependencies)) {
      const into = Array.isArray(dependency) ? 'dependentRequired' : 'dependentSchemas';
      out[into] = { ...((out[into] as Json | undefined) ?? {}), [name]: dependency };
    }
    delete out.dependencies;
  }
  return out;
}
