import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../../model/json-schema/ajv.ts';
import { FORMAT_SAMPLES, sampleValue } from '../../../model/json-schema/sample.ts';
import { CHECKED_FORMATS } from '../../../model/json-schema/validator-setup.ts';

const accepts = (schema: object, value: unknown) => {
  const compiled = compileSchema(schema);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.validate(value) ? [] : compiled.validate.errors;
};

describe('sampleValue: a value the schema accepts', () => {
  it('has a sample for every format the validators check, and each sample passes its format', () => {
    expect(Object.keys(FORMAT_SAMPLES).sort()).toEqual([...CHECKED_FORMATS].sort());
    for (const [format, value] of Object.entries(FORMAT_SAMPLES)) {
      const schema = { type: typeof value === 'number' ? 'number' : 'string', format };
      expect(accepts(schema, sampleValue(schema, { properties: 'all' })), format).toEqual([]);
    }
  });

  const numbers: Array<[string, object, number]> = [
    ['money', { type: 'number', multipleOf: 0.01, exclusiveMinimum: 0 }, 0.01],
    ['money from 19.991', { type: 'number', multipleOf: 0.01, minimum: 19.991 }, 20],
    [
      'draft-04 exclusive minimum',
      {
        $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'number',
        minimum: 0,
        exclusiveMinimum: true,
        multipleOf: 0.05,
      },
      0.05,
    ],
    [
      'draft-04 exclusive minimum, no step',
      { $schema: 'http://json-schema.org/draft-04/schema#', type: 'integer', minimum: 10, exclusiveMinimum: true },
      11,
    ],
    ['integer above 999', { type: 'integer', exclusiveMinimum: 999 }, 1000],
    ['negative only', { type: 'integer', maximum: -3 }, -4],
    ['0.1 steps from 0.25', { type: 'number', minimum: 0.25, multipleOf: 0.1 }, 0.3],
    ['plain', { type: 'number' }, 0],
  ];
  for (const [name, schema, expected] of numbers) {
    it(`numbers: ${name}`, () => {
      const value = sampleValue(schema, { properties: 'all' });
      expect(value).toBe(expected);
      expect(accepts(schema, value)).toEqual([]);
    });
  }

  it('objects: every property for an example, only the required ones for a skeleton, through $ref and definitions', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      definitions: {
        line: {
          type: 'object',
          properties: { sku: { type: 'string', minLength: 3 }, qty: { type: 'integer', minimum: 1 } },
          required: ['sku', 'qty'],
        },
      },
      properties: {
        lines: { type: 'array', minItems: 1, items: { $ref: '#/definitions/line' } },
        note: { type: ['string', 'null'] },
        kind: { const: 'sale' },
      },
      required: ['lines', 'kind'],
    };
    const all = sampleValue(schema, { properties: 'all' });
    expect(all).toEqual({ lines: [{ sku: 'xxx', qty: 1 }], note: '', kind: 'sale' });
    expect(accepts(schema, all)).toEqual([]);
    const skeleton = sampleValue(schema, { properties: 'required' });
    expect(skeleton).toEqual({ lines: [{ sku: 'xxx', qty: 1 }], kind: 'sale' });
    expect(accepts(schema, skeleton)).toEqual([]);
  });

  it('fills a tuple in either spelling, a draft-07 list without "$schema" included', () => {
    for (const schema of [
      { type: 'array', items: [{ type: 'string', minLength: 2 }], minItems: 1 },
      { type: 'array', prefixItems: [{ type: 'string', minLength: 2 }], minItems: 1 },
    ]) {
      const value = sampleValue(schema, { properties: 'all' });
      expect(value).toEqual(['xx']);
      expect(accepts(schema, value)).toEqual([]);
    }
  });
});
