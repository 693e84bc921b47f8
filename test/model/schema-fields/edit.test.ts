import { describe, expect, it } from 'vitest';
import {
  addField,
  FieldEditError,
  moveField,
  removeField,
  renameField,
  setAllowedValues,
  setDefault,
  setDescription,
  setFieldType,
  setFormat,
  setItemType,
  setRequired,
} from '../../../model/schema-fields/edit.ts';
import { fieldRows } from '../../../model/schema-fields/rows.ts';

// Keywords the table does not show, at the top and inside fields: every edit must keep them.
const base = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  'x-owner': 'sales',
  additionalProperties: false,
  properties: {
    orderId: { type: 'string', pattern: '^o-', minLength: 1 },
    total: { type: 'number', minimum: 0, 'x-unit': 'EUR' },
    lines: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: { sku: { type: 'string' } },
        required: ['sku'],
        additionalProperties: false,
      },
    },
  },
  required: ['orderId', 'total'],
  $defs: { money: { type: 'number' } },
};
const frozen = JSON.stringify(base);

describe('field edits', () => {
  it('adds a field at the end, keeping every other keyword, and leaves the input alone', () => {
    const next = addField(base, [], 'currency');
    expect(Object.keys(next.properties as object)).toEqual(['orderId', 'total', 'lines', 'currency']);
    expect((next.properties as Record<string, unknown>).currency).toEqual({ type: 'string' });
    expect({ ...next, properties: base.properties }).toEqual(base);
    expect(JSON.stringify(base)).toBe(frozen);
  });

  it('adds fields to nested objects and lists of objects', () => {
    const next = addField(base, ['lines'], 'qty', 'integer');
    expect(next).toMatchObject({
      properties: {
        lines: {
          minItems: 1,
          items: { additionalProperties: false, properties: { sku: { type: 'string' }, qty: { type: 'integer' } } },
        },
      },
    });
    const deeper = addField(addField(next, [], 'customer', 'object'), ['customer'], 'address', 'object');
    expect(addField(deeper, ['customer', 'address'], 'city')).toMatchObject({
      properties: {
        customer: {
          type: 'object',
          properties: { address: { type: 'object', properties: { city: { type: 'string' } } } },
        },
      },
    });
    expect(addField(undefined, [], 'a')).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
    expect(addField({}, [], 'a')).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
  });

  it('refuses empty and duplicate names, and fields that hold no fields', () => {
    expect(() => addField(base, [], '  ')).toThrow(
      new FieldEditError('A field needs a name: type one, such as "orderId".'),
    );
    expect(() => addField(base, [], 'total')).toThrow(
      'There is already a field "total" in the top level: choose another name.',
    );
    expect(() => addField(base, ['lines'], 'sku')).toThrow(
      'There is already a field "sku" in "lines": choose another name.',
    );
    expect(() => addField(base, ['total'], 'x')).toThrow(
      '"total" holds no fields: only an object or a list of objects does. Change its type first.',
    );
    expect(() => renameField(base, ['total'], 'orderId')).toThrow(
      'There is already a field "orderId" in the top level',
    );
    expect(() => renameField(base, ['total'], '')).toThrow('A field needs a name');
    expect(() => removeField(base, ['nope'])).toThrow('There is no field "nope".');
    expect(() => addField({ oneOf: [] }, [], 'a')).toThrow('The schema\'s top level uses "oneOf": edit it in JSON.');
  });

  it('renames in place and in required, keeping the order', () => {
    const next = renameField(base, ['total'], 'amount');
    expect(Object.keys(next.properties as object)).toEqual(['orderId', 'amount', 'lines']);
    expect(next.required).toEqual(['orderId', 'amount']);
    expect((next.properties as Record<string, unknown>).amount).toEqual(base.properties.total);
    expect(renameField(base, ['lines', 'sku'], 'code')).toMatchObject({
      properties: { lines: { items: { properties: { code: { type: 'string' } }, required: ['code'] } } },
    });
    expect(renameField(base, ['total'], 'total')).toEqual(base);
  });

  it('removes a field and its required entry; an empty required goes', () => {
    const next = removeField(base, ['total']);
    expect(Object.keys(next.properties as object)).toEqual(['orderId', 'lines']);
    expect(next.required).toEqual(['orderId']);
    expect(removeField(base, ['lines', 'sku'])).toMatchObject({ properties: { lines: { items: { properties: {} } } } });
    expect(
      (removeField(base, ['lines', 'sku']).properties as { lines: { items: object } }).lines.items,
    ).not.toHaveProperty('required');
  });

  it('moves a field among its siblings and stops at the ends', () => {
    expect(Object.keys(moveField(base, ['lines'], -1).properties as object)).toEqual(['orderId', 'lines', 'total']);
    expect(Object.keys(moveField(base, ['orderId'], -1).properties as object)).toEqual(['orderId', 'total', 'lines']);
    expect(Object.keys(moveField(base, ['orderId'], 5).properties as object)).toEqual(['total', 'lines', 'orderId']);
  });

  it('toggles required, appending to the authors list', () => {
    expect(setRequired(base, ['lines'], true).required).toEqual(['orderId', 'total', 'lines']);
    expect(setRequired(base, ['orderId'], false).required).toEqual(['total']);
    expect(setRequired(base, ['orderId'], true)).toEqual(base);
  });

  it('changes a type, dropping only what the old type alone showed', () => {
    const asNumber = setFieldType(base, ['orderId'], 'integer');
    expect((asNumber.properties as Record<string, unknown>).orderId).toEqual({
      type: 'integer',
      pattern: '^o-',
      minLength: 1,
    });
    const asText = setFieldType(base, ['lines'], 'string');
    expect((asText.properties as Record<string, unknown>).lines).toEqual({ type: 'string', minItems: 1 });
    const asList = setFieldType(base, ['total'], 'array', 'number');
    expect((asList.properties as Record<string, unknown>).total).toEqual({
      type: 'array',
      minimum: 0,
      'x-unit': 'EUR',
      items: { type: 'number' },
    });
    const nullable = setFieldType(
      { properties: { a: { type: ['string', 'null'], enum: ['x', null], format: 'email' } } },
      ['a'],
      'integer',
    );
    expect(nullable).toEqual({ properties: { a: { type: ['integer', 'null'] } } });
    expect(setFieldType({ properties: { a: { enum: [1, 2], default: 1 } } }, ['a'], 'integer')).toEqual({
      properties: { a: { enum: [1, 2], default: 1, type: 'integer' } },
    });
  });

  it('sets what a list holds', () => {
    const next = setItemType(base, ['lines'], 'string');
    expect((next.properties as Record<string, unknown>).lines).toEqual({
      type: 'array',
      minItems: 1,
      items: { type: 'string', additionalProperties: false },
    });
    expect(() => setItemType(base, ['total'], 'string')).toThrow('The field "total" is not a list.');
  });

  it('sets and clears description, allowed values, format and default', () => {
    let next = setDescription(base, ['total'], ' Gross total ');
    next = setAllowedValues(next, ['orderId'], ['o-1', 'o-2']);
    next = setFormat(next, ['orderId'], 'uuid');
    next = setDefault(next, ['total'], 0);
    expect(next.properties).toMatchObject({
      total: { description: 'Gross total', default: 0, minimum: 0 },
      orderId: { enum: ['o-1', 'o-2'], format: 'uuid', pattern: '^o-' },
    });
    next = setDescription(next, ['total'], '');
    next = setAllowedValues(next, ['orderId'], []);
    next = setFormat(next, ['orderId'], undefined);
    next = setDefault(next, ['total'], undefined);
    expect(next).toEqual(base);
    expect(setAllowedValues({ properties: { t: { const: 'gold' } } }, ['t'], ['gold', 'silver'])).toEqual({
      properties: { t: { enum: ['gold', 'silver'] } },
    });
  });

  it('refuses to edit inside a field the table cannot show', () => {
    expect(() => setDescription({ properties: { a: { $ref: '#/$defs/a' } } }, ['a'], 'x')).toThrow(
      'The field "a" uses "$ref": edit it in JSON.',
    );
    // Its name, place and requiredness belong to the parent, so those still work.
    expect(renameField({ properties: { a: { $ref: '#/$defs/a' } } }, ['a'], 'b')).toEqual({
      properties: { b: { $ref: '#/$defs/a' } },
    });
  });

  it('keeps a property named __proto__ as data', () => {
    const schema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}') as Record<
      string,
      unknown
    >;
    const next = setDescription(schema, ['__proto__'], 'odd but legal');
    expect(Object.keys(next.properties as object)).toEqual(['__proto__']);
    expect(JSON.stringify(next)).toBe(
      '{"type":"object","properties":{"__proto__":{"type":"string","description":"odd but legal"}}}',
    );
  });
});

describe('lists of lists of objects', () => {
  const matrix = {
    type: 'object',
    properties: {
      grid: {
        type: 'array',
        maxItems: 9,
        items: { type: 'array', items: { type: 'object', properties: { x: { type: 'integer' } } } },
      },
    },
  };

  it('are listed and edited through every level of items', () => {
    expect(fieldRows(matrix).rows.map((r) => [r.path.join('.'), r.pointer, r.container])).toEqual([
      ['grid', '#/properties/grid', true],
      ['grid.x', '#/properties/grid/items/items/properties/x', false],
    ]);
    const next = setRequired(addField(matrix, ['grid'], 'y', 'number'), ['grid', 'y'], true);
    expect(next).toEqual({
      type: 'object',
      properties: {
        grid: {
          type: 'array',
          maxItems: 9,
          items: {
            type: 'array',
            items: { type: 'object', properties: { x: { type: 'integer' }, y: { type: 'number' } }, required: ['y'] },
          },
        },
      },
    });
  });
});
