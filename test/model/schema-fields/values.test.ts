import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../../model/json-schema/ajv.ts';
import {
  exampleFor,
  formatAllowedValues,
  parseAllowedValues,
  parseValue,
} from '../../../model/schema-fields/values.ts';

describe('values typed in the field table', () => {
  it('reads allowed values by the field type', () => {
    expect(parseAllowedValues('card, invoice ,wallet', 'string')).toEqual({
      ok: true,
      value: ['card', 'invoice', 'wallet'],
    });
    expect(parseAllowedValues('"a, b", c', 'string')).toEqual({ ok: true, value: ['a, b', 'c'] });
    expect(parseAllowedValues('1, 2.5, 2.5', 'number')).toEqual({ ok: true, value: [1, 2.5] });
    expect(parseAllowedValues('  ', 'string')).toEqual({ ok: true, value: undefined });
    expect(parseAllowedValues('1, two', 'integer')).toEqual({
      ok: false,
      message: 'Allowed values: "two" is not a number. Separate values with commas, e.g. card, invoice, wallet.',
    });
    expect(parseAllowedValues('1.5', 'integer')).toMatchObject({
      ok: false,
      message: expect.stringContaining('1.5 is not a whole number'),
    });
    expect(parseAllowedValues('1, x, true', undefined)).toEqual({ ok: true, value: [1, 'x', true] });
  });

  it('reads one value', () => {
    expect(parseValue('yes', 'boolean')).toEqual({ ok: true, value: true });
    expect(parseValue('maybe', 'boolean')).toEqual({ ok: false, message: '"maybe" is not yes or no (true or false)' });
    expect(parseValue('[1]', 'array')).toEqual({ ok: true, value: [1] });
    expect(parseValue('{', 'object')).toEqual({ ok: false, message: '{ is not a JSON value' });
  });

  it('writes values back so that reading them gives the same values', () => {
    const values = ['EUR', 'a, b', ' padded', 'say "hi"'];
    const text = formatAllowedValues(values);
    expect(text).toBe('EUR, "a, b", " padded", "say \\"hi\\""');
    expect(parseAllowedValues(text, 'string')).toEqual({ ok: true, value: values });
    expect(formatAllowedValues([1, true, null])).toBe('1, true, null');
  });

  it('makes a starting example that the schema accepts', () => {
    const schema = {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        total: { type: 'number', minimum: 5 },
        currency: { type: 'string', default: 'EUR' },
        method: { enum: ['card', 'invoice'] },
        paid: { type: 'boolean' },
        lines: { type: 'array', items: { type: 'object' } },
        customer: { type: 'object', properties: { at: { type: 'string', format: 'date-time' } }, required: ['at'] },
      },
      required: ['id', 'total'],
    };
    const example = exampleFor(schema);
    expect(example).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      total: 5,
      currency: 'EUR',
      method: 'card',
      paid: false,
      lines: [],
      customer: { at: '2026-01-01T12:00:00Z' },
    });
    const compiled = compileSchema(schema);
    expect(compiled.ok && compiled.validate(example)).toBe(true);
  });
});
