import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { compileUserSchema, type CompiledSchema } from './validator-setup.ts';

// How a user's schema validates lives in validator-setup.ts, shared with generated services.
export {
  draftOf,
  describeValidationError as describeAjvError,
  type CompiledSchema,
  type Draft,
} from './validator-setup.ts';

// Compiling is the expensive step; a board repeats the same schemas (one event on many stickies).
const compiled = new Map<string, CompiledSchema>();

/** Compiles a user's JSON Schema, remembering the result by its text. Never throws. */
export function compileSchema(schema: unknown): CompiledSchema {
  const key = JSON.stringify(schema);
  let result = compiled.get(key);
  if (!result) {
    result = compileUserSchema(schema);
    compiled.set(key, result);
  }
  return result;
}

/** Compiles a schema the project itself ships (the board format's own), with its own instance. */
export function compileOwnSchema(schema: object): ValidateFunction {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    strictRequired: false,
    discriminator: true,
  });
  return ajv.compile(schema);
}
