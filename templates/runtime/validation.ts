import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule.default;

export type Validator = (data: unknown) => { ok: true; data: unknown } | { ok: false; errors: string[] };

function makeAjv(draft2020: boolean, strip: boolean): Ajv {
  const options = {
    allErrors: true,
    strict: false,
    addUsedSchema: false,
    // Events: undeclared properties never reach the log, defaults are filled in.
    removeAdditional: strip ? ('all' as const) : false,
    useDefaults: strip,
  };
  const ajv = draft2020 ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv as Ajv);
  return ajv as Ajv;
}

const instances = new Map<string, Ajv>();
function ajvFor(schema: object, strip: boolean): Ajv {
  const uri = String((schema as { $schema?: unknown }).$schema ?? '');
  const draft2020 = uri === '' || uri.includes('2020-12') || uri.includes('2019-09');
  const key = `${draft2020}:${strip}`;
  let ajv = instances.get(key);
  if (!ajv) {
    ajv = makeAjv(draft2020, strip);
    instances.set(key, ajv);
  }
  return ajv;
}

/**
 * A validator for one schema. With `strip`, the payload is copied and the copy loses the
 * properties the schema does not declare and gains its defaults; the caller's object is untouched.
 */
export function compileValidator(schema: object, options: { strip: boolean }): Validator {
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  const validate: ValidateFunction = ajvFor(schema, options.strip).compile(rest);
  return (data) => {
    const copy = options.strip ? structuredClone(data) : data;
    if (validate(copy)) return { ok: true, data: copy };
    return { ok: false, errors: (validate.errors ?? []).map(describeError) };
  };
}

/** One validation error in words, e.g. `"/total" must be number`. */
export function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the payload' : `"${error.instancePath}"`;
  switch (error.keyword) {
    case 'required':
      return `${where} is missing the required property "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where} has the property "${String(error.params.additionalProperty)}", which is not allowed`;
    case 'type':
      return `${where} must be ${String(error.params.type)}`;
    case 'enum':
      return `${where} must be one of ${JSON.stringify(error.params.allowedValues)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}
