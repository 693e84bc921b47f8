import { compileUserSchema, describeValidationError } from './validator-setup.ts';

export type Validator = (data: unknown) => { ok: true; data: unknown } | { ok: false; errors: string[] };

/**
 * A validator for one schema, read as the workbench reads it (validator-setup.ts is the
 * workbench's own set-up, copied). With `strip`, the payload is copied and the copy loses the
 * properties the schema does not declare and gains its defaults; the caller's object is untouched.
 */
export function compileValidator(schema: object, options: { strip: boolean }): Validator {
  const compiled = compileUserSchema(schema, options.strip ? { removeAdditional: 'all', useDefaults: true } : {});
  if (!compiled.ok) throw new Error(`schema is invalid: ${compiled.message}`);
  const validate = compiled.validate;
  return (data) => {
    const copy = options.strip ? structuredClone(data) : data;
    if (validate(copy)) return { ok: true, data: copy };
    return { ok: false, errors: (validate.errors ?? []).map(describeValidationError) };
  };
}
