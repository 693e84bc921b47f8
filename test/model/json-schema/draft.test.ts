import { describe, expect, it } from 'vitest';
import { checkUserSchema, readDraft } from '../../../model/json-schema/validator-setup.ts';

/** How a schema's draft is read: named by `$schema`, or inferred when only an older draft makes sense of it. */
describe('readDraft', () => {
  it('reads the draft `$schema` names, with or without a trailing #', () => {
    expect(readDraft({ $schema: 'http://json-schema.org/draft-07/schema' })).toEqual({ draft: 'draft-07' });
    expect(readDraft({ $schema: 'http://json-schema.org/draft-04/schema#' })).toEqual({ draft: 'draft-04' });
    expect(readDraft({ $schema: 'https://json-schema.org/draft/2019-09/schema' })).toEqual({ draft: '2019-09' });
    expect(readDraft({ $schema: 'http://example.com/mine' })).toBeUndefined();
  });

  it('keeps 2020-12 without `$schema` when nothing says otherwise', () => {
    expect(readDraft({ type: 'array', prefixItems: [{ type: 'string' }] })).toEqual({ draft: '2020-12' });
    // A property called `dependencies` or `items` is a name, not a keyword.
    expect(
      readDraft({
        type: 'object',
        properties: { dependencies: { type: 'array', items: { type: 'string' } }, items: {} },
      }),
    ).toEqual({ draft: '2020-12' });
    expect(readDraft(true)).toEqual({ draft: '2020-12' });
  });

  it('reads a tuple `items`, `additionalItems` or `dependencies` as draft-07, and says where', () => {
    expect(
      readDraft({
        type: 'object',
        properties: { pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] } },
      }),
    ).toEqual({ draft: 'draft-07', inferredFrom: { keyword: 'items', pointer: '#/properties/pair/items' } });
    expect(readDraft({ allOf: [{ additionalItems: false }] })).toEqual({
      draft: 'draft-07',
      inferredFrom: { keyword: 'additionalItems', pointer: '#/allOf/0/additionalItems' },
    });
    expect(readDraft({ $defs: { 'a/b': { dependencies: { x: ['y'] } } } })).toEqual({
      draft: 'draft-07',
      inferredFrom: { keyword: 'dependencies', pointer: '#/$defs/a~1b/dependencies' },
    });
  });

  it('reads it as 2019-09 when it also uses a keyword draft-07 lacks, and never infers over a 2020-12 keyword', () => {
    expect(readDraft({ type: 'array', items: [{ type: 'string' }], unevaluatedItems: false })?.draft).toBe('2019-09');
    expect(readDraft({ type: 'array', items: [{ type: 'string' }], prefixItems: [{}] })).toEqual({ draft: '2020-12' });
  });
});

describe('checkUserSchema', () => {
  it('accepts an inferred draft-07 tuple that 2020-12 refuses', () => {
    const tuple = { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false };
    expect(checkUserSchema(tuple)).toMatchObject({ ok: true, reading: { draft: 'draft-07' } });
    expect(checkUserSchema({ ...tuple, $schema: 'https://json-schema.org/draft/2020-12/schema' })).toEqual({
      ok: false,
      message: 'schema is invalid: data/items must be object,boolean',
    });
  });

  it('checks each draft by its own meta-schema, and patterns as the validator compiles them', () => {
    expect(
      checkUserSchema({ $schema: 'http://json-schema.org/draft-04/schema#', minimum: 1, exclusiveMinimum: true }).ok,
    ).toBe(true);
    expect(checkUserSchema({ $schema: 'http://json-schema.org/draft-04/schema#', exclusiveMinimum: 1 }).ok).toBe(false);
    expect(checkUserSchema({ minimum: 1, exclusiveMinimum: true }).ok).toBe(false);
    expect(checkUserSchema({ properties: { a: { pattern: '(' } } })).toEqual({
      ok: false,
      message:
        'schema is invalid: data/properties/a/pattern has the pattern "(", which is not a valid regular expression',
    });
    expect(checkUserSchema([])).toEqual({ ok: false, message: 'a schema must be an object or a boolean' });
  });
});
