import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv } from 'ajv/dist/ajv.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';

// Both packages are CommonJS with `exports.default`; Node's ESM loader and bundlers agree on it.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

export type Draft = '2020-12' | '2019-09' | 'draft-07' | 'draft-06' | 'draft-04';

type AnyAjv = Ajv2020 | Ajv | InstanceType<typeof AjvDraft04>;

/** Which draft a schema is written in, from its `$schema` (2020-12 when it says nothing). */
export function draftOf(schema: unknown): Draft | undefined {
  if (typeof schema !== 'object' || schema === null) return '2020-12';
  const uri = (schema as { $schema?: unknown }).$schema;
  if (uri === undefined) return '2020-12';
  if (typeof uri !== 'string') return undefined;
  if (uri.includes('2020-12')) return '2020-12';
  if (uri.includes('2019-09')) return '2019-09';
  if (uri.includes('draft-07')) return 'draft-07';
  if (uri.includes('draft-06')) return 'draft-06';
  if (uri.includes('draft-04')) return 'draft-04';
  return undefined;
}

function makeAjv(draft: Draft): AnyAjv {
  // User schemas come from workshops: unknown keywords and formats are tolerated, not fatal.
  // addUsedSchema: false, because versions of one event share `$id`s and must not clash in one instance.
  // multipleOfPrecision: without it ajv divides in floating point and calls 624.3 no multiple of 0.1.
  const options = { allErrors: true, strict: false, validateFormats: true, addUsedSchema: false, multipleOfPrecision: 9 } as const;
  let ajv: AnyAjv;
  if (draft === '2020-12' || draft === '2019-09') ajv = new Ajv2020(options);
  else if (draft === 'draft-04') ajv = new AjvDraft04(options);
  else ajv = new Ajv(options);
  addFormats(ajv as Ajv);
  return ajv;
}

const instances = new Map<Draft, AnyAjv>();
function ajvFor(draft: Draft): AnyAjv {
  let ajv = instances.get(draft);
  if (!ajv) {
    ajv = makeAjv(draft);
    instances.set(draft, ajv);
  }
  return ajv;
}

export type CompiledSchema =
  | { ok: true; validate: ValidateFunction }
  | { ok: false; message: string };

// Compiling is the expensive step; a board repeats the same schemas (one event on many stickies).
const compiled = new Map<string, CompiledSchema>();

/** Compiles a user's JSON Schema, remembering the result by its text. Never throws. */
export function compileSchema(schema: unknown): CompiledSchema {
  const key = JSON.stringify(schema);
  const hit = compiled.get(key);
  if (hit) return hit;
  let result: CompiledSchema;
  const draft = draftOf(schema);
  if (draft === undefined) {
    const uri = String((schema as { $schema?: unknown }).$schema);
    result = { ok: false, message: `its "$schema" (${uri}) is not a JSON Schema draft Stormbench knows (2020-12, 2019-09, draft-07, draft-06, draft-04)` };
  } else {
    try {
      result = { ok: true, validate: ajvFor(draft).compile(schema as object) };
    } catch (error) {
      result = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }
  compiled.set(key, result);
  return result;
}

/** Compiles a schema the project itself ships (the board format's own), with its own instance. */
export function compileOwnSchema(schema: object): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, strictRequired: false, discriminator: true });
  return ajv.compile(schema);
}

/** One validation error as a short phrase, e.g. `"total" must be number`. */
export function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the payload' : `"${error.instancePath}"`;
  switch (error.keyword) {
    case 'required':
      return `${where} is missing the required property "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where} has the property "${String(error.params.additionalProperty)}", which the schema does not allow`;
    case 'type':
      return `${where} must be ${String(error.params.type)}`;
    case 'enum':
      return `${where} must be one of ${JSON.stringify(error.params.allowedValues)}`;
    case 'const':
      return `${where} must be ${JSON.stringify(error.params.allowedValue)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}
