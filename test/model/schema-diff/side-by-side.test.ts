import { describe, expect, it } from 'vitest';
import { SchemaLocator } from '../../../model/schema-diff/locate.ts';
import { printSchema, sideBySide } from '../../../model/schema-diff/side-by-side.ts';

const ADDRESS = { type: 'object', properties: { city: { type: 'string' } } };

describe('SchemaLocator', () => {
  const text = printSchema({
    type: 'object',
    properties: {
      'a/b': { type: 'string' },
      billing: { $ref: '#/$defs/Address' },
      tags: { type: 'array', items: [{ type: 'string' }] },
    },
    $defs: { Address: ADDRESS },
  });
  const lines = text.split('\n');
  const locator = new SchemaLocator(text);
  const at = (pointer: string) => {
    const found = locator.locate(pointer)!;
    return {
      text: lines
        .slice(found.from, found.to + 1)
        .map((l) => l.trim())
        .join(' '),
      exact: found.exact,
    };
  };

  it('finds a property with its name, and unescapes ~1', () => {
    expect(at('#/properties/a~1b')).toEqual({ text: '"a/b": { "type": "string" },', exact: true });
  });

  it('finds the whole schema for #', () => {
    const whole = locator.locate('#')!;
    expect(whole).toEqual({ from: 0, to: lines.length - 1, exact: true });
  });

  it('follows a $ref where the engine reports the place of use', () => {
    expect(at('#/properties/billing/properties/city')).toEqual({ text: '"city": { "type": "string" }', exact: true });
  });

  it('finds array items by index', () => {
    expect(at('#/properties/tags/items/0')).toEqual({ text: '{ "type": "string" }', exact: true });
  });

  it('falls back to the nearest existing value for a place this schema lacks', () => {
    const found = at('#/properties/currency');
    expect(found.exact).toBe(false);
    expect(found.text.startsWith('"properties": {')).toBe(true);
  });
});

describe('sideBySide', () => {
  const old = { type: 'object', properties: { total: { type: 'number' } }, required: ['total'] };
  const added = {
    type: 'object',
    properties: { total: { type: 'number' }, currency: { type: 'string', default: 'EUR' } },
    required: ['total'],
  };

  it('says two equal schemas are identical', () => {
    expect(sideBySide(old, structuredClone(old)).identical).toBe(true);
    expect(sideBySide(old, added).identical).toBe(false);
  });

  it('puts an added property on the same rows on both sides: its lines on the right, the gap on the left', () => {
    const view = sideBySide(old, added);
    const place = view.rowsOf('#/properties/currency')!;
    expect(place.leftExact).toBe(false);
    expect(place.rightExact).toBe(true);
    expect(place.left).toEqual(place.right);
    const rows = view.rows.slice(place.right.from, place.right.to + 1);
    expect(rows.map((r) => r.mark)).toEqual(['added', 'added', 'added', 'added']);
    expect(view.rightLines[rows[0]!.right!]!.trim()).toBe('"currency": {');
  });

  it('gives each side its own rows for a changed property', () => {
    const changed = { type: 'object', properties: { total: { type: 'string' } }, required: ['total'] };
    const view = sideBySide(old, changed);
    const place = view.rowsOf('#/properties/total')!;
    expect(place).toMatchObject({ leftExact: true, rightExact: true });
    expect(view.rows[place.left.from]!.mark).toBe('same');
    expect(view.rows.slice(place.left.from, place.left.to + 1).map((r) => r.mark)).toContain('changed');
    expect(view.leftLines[view.rows[place.left.from]!.left!]!.trim()).toBe('"total": {');
  });
});
