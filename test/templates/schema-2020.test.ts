/** Older-draft schemas written in 2020-12 words for the OpenAPI document keep their verdicts. */
import { describe, expect, it } from 'vitest';
import { asDraft2020 } from '../../templates/runtime/schema-2020.ts';
import { compileUserSchema } from '../../templates/runtime/validator-setup.ts';

const D04 = 'http://json-schema.org/draft-04/schema#';
const D07 = 'http://json-schema.org/draft-07/schema#';

const CASES: Array<{ schema: object; values: unknown[] }> = [
  {
    schema: { $schema: D04, type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 100, exclusiveMaximum: true },
    values: [0, 0.01, 99.99, 100, 50],
  },
  {
    schema: {
      $schema: D04,
      id: 'http://example.com/x',
      type: 'object',
      properties: { n: { type: 'integer', maximum: 5, exclusiveMaximum: false } },
      definitions: { s: { type: 'string' } },
    },
    values: [{ n: 5 }, { n: 6 }, {}],
  },
  {
    schema: { $schema: D07, type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false },
    values: [['a', 1], ['a', 1, 2], [1, 'a'], ['a']],
  },
  { schema: { $schema: D07, type: 'array', items: [{ type: 'string' }] }, values: [['a', 1, 2], [1]] },
  {
    schema: { $schema: D07, type: 'object', dependencies: { card: ['expiry'], gift: { required: ['message'] } } },
    values: [{ card: 1 }, { card: 1, expiry: 2 }, { gift: true }, { gift: true, message: 'x' }],
  },
  {
    schema: {
      type: 'object',
      properties: { pair: { type: 'array', items: [{ type: 'string' }], additionalItems: { type: 'number' } } },
    },
    values: [{ pair: ['a', 1] }, { pair: ['a', 'b'] }],
  },
  {
    schema: {
      type: 'object',
      properties: { exclusiveMaximum: { type: 'boolean' } },
      enum: [{ exclusiveMaximum: true }],
    },
    values: [{ exclusiveMaximum: true }, { exclusiveMaximum: false }],
  },
];

describe('asDraft2020', () => {
  for (const { schema, values } of CASES) {
    it(`keeps the verdicts of ${JSON.stringify(schema).slice(0, 80)}`, () => {
      const original = compileUserSchema(schema);
      const converted = asDraft2020(schema) as object;
      expect(converted).not.toHaveProperty('$schema');
      const rewritten = compileUserSchema(converted);
      if (!original.ok || !rewritten.ok)
        throw new Error(`${original.ok ? '' : original.message} ${rewritten.ok ? '' : rewritten.message}`);
      expect(rewritten.draft).toBe('2020-12');
      for (const value of values)
        expect(rewritten.validate(value), JSON.stringify(value)).toBe(original.validate(value));
    });
  }
});
