import { describe, expect, it } from 'vitest';
import { carryOver, parsePayload, skeletonPayload, validatePayload } from '../../../model/scenarios/payload.ts';

const order = {
  type: 'object',
  properties: {
    orderId: { type: 'string' },
    customerId: { type: 'string', minLength: 2 },
    total: { type: 'number', minimum: 1 },
    currency: { type: 'string', default: 'EUR' },
    placedAt: { type: 'string', format: 'date-time' },
    lines: { type: 'array', items: { type: 'object' } },
    address: { $ref: '#/$defs/address' },
    note: { type: 'string' },
  },
  required: ['orderId', 'customerId', 'total', 'currency', 'placedAt', 'lines', 'address'],
  $defs: {
    address: {
      type: 'object',
      properties: { city: { type: 'string' }, zip: { type: 'integer', exclusiveMinimum: 999 } },
      required: ['city', 'zip'],
    },
  },
};

describe('skeletonPayload', () => {
  it('fills the required properties with values their schema accepts, and the id field with the id', () => {
    const data = skeletonPayload(order, 'orderId', 'o-7');
    expect(data).toEqual({
      orderId: 'o-7',
      customerId: 'xx',
      total: 1,
      currency: 'EUR',
      placedAt: '2026-01-01T12:00:00Z',
      lines: [],
      address: { city: '', zip: 1000 },
    });
    expect(validatePayload(order, data)).toEqual([]);
  });

  it('adds the id field even when the schema does not list it, unless the schema forbids extra properties', () => {
    expect(skeletonPayload(undefined, 'orderId', 'o-1')).toEqual({ orderId: 'o-1' });
    expect(skeletonPayload({ type: 'object', properties: { reason: { type: 'string' } } }, 'orderId', 'o-1')).toEqual({
      orderId: 'o-1',
    });
    expect(
      skeletonPayload(
        {
          type: 'object',
          properties: { reason: { type: 'string' } },
          required: ['reason'],
          additionalProperties: false,
        },
        'orderId',
        'o-1',
      ),
    ).toEqual({ reason: '' });
  });

  it('uses const, enum and examples where the schema gives them', () => {
    const schema = {
      type: 'object',
      properties: { a: { const: 3 }, b: { enum: ['x', 'y'] }, c: { type: 'string', examples: ['hello'] } },
      required: ['a', 'b', 'c'],
    };
    expect(skeletonPayload(schema, 'id', '1')).toEqual({ id: '1', a: 3, b: 'x', c: 'hello' });
  });
});

describe('validatePayload', () => {
  it('gives each failure with its JSON pointer inside the payload', () => {
    const errors = validatePayload(order, {
      orderId: 'o-1',
      customerId: 'c',
      total: 'ten',
      currency: 'EUR',
      placedAt: 'yesterday',
      lines: [],
      address: { city: 'Oslo' },
    });
    expect(errors).toContainEqual({ path: '/total', message: '"/total" must be number' });
    expect(errors).toContainEqual({ path: '/address', message: '"/address" is missing the required property "zip"' });
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/customerId', '/placedAt']));
  });

  it('accepts anything without a schema, and says so when the schema itself does not compile', () => {
    expect(validatePayload(undefined, { whatever: 1 })).toEqual([]);
    const broken = validatePayload({ type: 'object', properties: { a: { type: 'strnig' } } }, {});
    expect(broken).toHaveLength(1);
    expect(broken[0]!.path).toBe('');
    expect(broken[0]!.message).toMatch(/^the schema does not compile \(.*\); fix the schema first$/);
  });
});

describe('parsePayload', () => {
  it('reads a JSON object, and an empty text as an empty payload', () => {
    expect(parsePayload('{ "orderId": "o-1" }')).toEqual({ ok: true, data: { orderId: 'o-1' } });
    expect(parsePayload('  ')).toEqual({ ok: true, data: {} });
  });

  it('says where the text stops being JSON', () => {
    expect(parsePayload('{\n  "orderId": "o-1",\n  total: 3\n}')).toEqual({
      ok: false,
      message:
        'Not JSON at line 3, column 3: unexpected "total" (names and strings need double quotes). Fix the text; the payload was not saved.',
    });
    expect(parsePayload('{ "a": 1, }')).toMatchObject({
      ok: false,
      message: expect.stringContaining('line 1, column 11'),
    });
  });

  it('refuses JSON that is not an object', () => {
    expect(parsePayload('[1, 2]')).toEqual({
      ok: false,
      message: 'The payload must be a JSON object such as {"orderId": "o-1"}, not an array; it was not saved.',
    });
    expect(parsePayload('42')).toMatchObject({ ok: false, message: expect.stringContaining('not 42') });
  });
});

describe('carryOver', () => {
  it('keeps what the person typed that the new schema knows and fills the rest from the new skeleton', () => {
    const schema = {
      type: 'object',
      properties: { orderId: { type: 'string' }, reason: { type: 'string' } },
      required: ['orderId', 'reason'],
    };
    expect(carryOver({ orderId: 'o-9', total: 3 }, schema, { orderId: 'o-1', reason: '' })).toEqual({
      orderId: 'o-9',
      reason: '',
    });
    // A schema that names no properties: nothing is known to be wrong, so everything stays.
    expect(carryOver({ orderId: 'o-9', total: 3 }, undefined, { orderId: 'o-1' })).toEqual({
      orderId: 'o-9',
      total: 3,
    });
  });
});
