import { describe, expect, it } from 'vitest';
import { fieldOfPointer, fieldRows, typeLabel } from '../../../model/schema-fields/rows.ts';

const order = {
  type: 'object',
  properties: {
    orderId: { type: 'string', description: 'Our number', minLength: 1 },
    total: { type: 'number', minimum: 0 },
    currency: { type: 'string', enum: ['EUR', 'SEK'], default: 'EUR' },
    placedAt: { type: 'string', format: 'date-time' },
    customer: { type: 'object', properties: { id: { type: 'string' }, tier: { const: 'gold' } }, required: ['id'] },
    lines: {
      type: 'array',
      items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } }, required: ['sku'] },
    },
    tags: { type: 'array', items: { type: 'string' } },
    note: { type: ['string', 'null'] },
    method: { enum: ['card', 'invoice'] },
    address: { $ref: '#/$defs/address' },
    payment: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  },
  required: ['orderId', 'total'],
  $defs: { address: { type: 'object' } },
};

describe('fieldRows', () => {
  it('lists the fields in the authors order, nested fields under their parent', () => {
    const { rows, tabular, notes } = fieldRows(order);
    expect(tabular).toBe(true);
    expect(notes).toEqual([]);
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.name}`)).toEqual([
      'orderId',
      'total',
      'currency',
      'placedAt',
      'customer',
      '  id',
      '  tier',
      'lines',
      '  sku',
      '  qty',
      'tags',
      'note',
      'method',
      'address',
      'payment',
    ]);
  });

  it('shows type, required, description, allowed values, format and default', () => {
    const rows = new Map(fieldRows(order).rows.map((r) => [r.path.join('.'), r]));
    expect(rows.get('orderId')).toMatchObject({
      type: 'string',
      required: true,
      description: 'Our number',
      pointer: '#/properties/orderId',
    });
    expect(rows.get('currency')).toMatchObject({ required: false, allowed: ['EUR', 'SEK'], default: 'EUR' });
    expect(rows.get('placedAt')!.format).toBe('date-time');
    expect(rows.get('customer.id')).toMatchObject({
      required: true,
      depth: 1,
      pointer: '#/properties/customer/properties/id',
    });
    expect(rows.get('customer.tier')!.allowed).toEqual(['gold']);
    expect(rows.get('lines')).toMatchObject({ type: 'array', itemType: 'object', container: true });
    expect(rows.get('lines.sku')).toMatchObject({ required: true, pointer: '#/properties/lines/items/properties/sku' });
    expect(rows.get('tags')).toMatchObject({ type: 'array', itemType: 'string', container: false });
    expect(rows.get('note')).toMatchObject({ type: 'string', nullable: true });
    expect(rows.get('method')).toMatchObject({ type: undefined, allowed: ['card', 'invoice'] });
  });

  it('marks what it cannot show as read-only rows to edit in JSON', () => {
    const rows = new Map(fieldRows(order).rows.map((r) => [r.name, r]));
    expect(rows.get('address')!.editInJson).toBe('This field uses "$ref": edit it in JSON.');
    expect(rows.get('payment')!.editInJson).toBe('This field uses "oneOf": edit it in JSON.');
    expect(rows.get('orderId')!.editInJson).toBeUndefined();
    expect(fieldRows({ properties: { a: { type: ['string', 'number'] } } }).rows[0]!.editInJson).toBe(
      'This field has several types (string, number): edit it in JSON.',
    );
    expect(fieldRows({ properties: { a: true } }).rows[0]!.editInJson).toBe(
      'This field accepts any value (true): edit it in JSON.',
    );
  });

  it('says when the top level is not a table', () => {
    expect(fieldRows({ oneOf: [{ type: 'object' }] })).toEqual({
      rows: [],
      notes: ['The schema\'s top level uses "oneOf": edit that part in JSON.'],
      tabular: false,
    });
    expect(fieldRows(true).tabular).toBe(false);
    const mixed = fieldRows({ type: 'object', properties: { a: { type: 'string' } }, allOf: [{ required: ['a'] }] });
    expect(mixed.tabular).toBe(true);
    expect(mixed.rows.map((r) => r.name)).toEqual(['a']);
    expect(mixed.notes).toEqual(['The schema\'s top level uses "allOf": edit that part in JSON.']);
    expect(fieldRows(undefined)).toEqual({ rows: [], notes: [], tabular: true });
  });

  it('names types in words', () => {
    expect(typeLabel({ type: 'array', itemType: 'integer', nullable: false })).toBe('list of whole number');
    expect(typeLabel({ type: 'string', itemType: undefined, nullable: true })).toBe('text or null');
    expect(typeLabel({ type: undefined, itemType: undefined, nullable: false })).toBe('any');
  });
});

describe('fieldOfPointer', () => {
  it('names the field a difference is about', () => {
    expect(fieldOfPointer('#/properties/lines/items/properties/sku')).toBe('"lines[].sku"');
    expect(fieldOfPointer('#/properties/a~1b')).toBe('"a/b"');
    expect(fieldOfPointer('#')).toBe('the payload');
    expect(fieldOfPointer('#/required')).toBe('the payload at #/required');
    expect(fieldOfPointer('#/properties/pay/oneOf/1')).toBe('"pay" at #/properties/pay/oneOf/1');
  });
});
