import { describe, expect, it } from 'vitest';
import { escapeSegment, fragmentOf, pointerOf, segmentsOf, unescapeSegment } from '../../model/json-pointer.ts';
import { compareSchemas } from '../../model/schema/compare.ts';
import { decideStep } from '../../generator/plan/steps.ts';
import { mechanicalStep, pointerSegments } from '../../templates/runtime/upcast.ts';

// Keys that trip a hand-written escape: the escape characters themselves, in both orders.
const KEYS = ['plain', 'a/b', 'a~b', '~01', '~1', '~0', '/', '~', '', '~/~', 'ü/ß', '__proto__', '0'];

describe('JSON Pointer (model/json-pointer.ts)', () => {
  it('escapes ~ before / and unescapes in the other order (RFC 6901)', () => {
    expect(escapeSegment('a/b~c')).toBe('a~1b~0c');
    expect(unescapeSegment('~01')).toBe('~1');
    expect(pointerOf(['elements', 3, 'name'])).toBe('/elements/3/name');
    expect(pointerOf([])).toBe('');
    expect(fragmentOf(['properties', 'a/b'])).toBe('#/properties/a~1b');
    expect(fragmentOf([])).toBe('#');
    expect(segmentsOf('')).toEqual([]);
    expect(segmentsOf('#')).toEqual([]);
    expect(segmentsOf('#/properties/a~1b')).toEqual(['properties', 'a/b']);
    for (const key of KEYS) {
      expect(unescapeSegment(escapeSegment(key))).toBe(key);
      expect(segmentsOf(pointerOf([key, 'x', key]))).toEqual([key, 'x', key]);
      expect(segmentsOf(fragmentOf([key]))).toEqual([key]);
    }
  });

  it("reads pointers as the generated service's runtime copy does (templates/runtime/upcast.ts)", () => {
    for (const key of KEYS) {
      for (const pointer of [pointerOf([key]), pointerOf([key, key]), pointerOf(['lines', key, 'sku'])])
        expect(pointerSegments(pointer)).toEqual(segmentsOf(pointer));
    }
  });

  it('names a property with / and ~ the same from the compare engine to the upcaster', () => {
    const old = {
      type: 'object',
      properties: { 'a/b~c': { type: 'object', properties: { '~1': { type: 'string' } } } },
    };
    const next = {
      type: 'object',
      properties: {
        'a/b~c': {
          type: 'object',
          properties: { '~1': { type: 'string' }, 'x/y': { type: 'string', default: 'd' } },
          required: ['x/y'],
        },
      },
    };
    expect(compareSchemas(old, next).differences.map((d) => d.path)).toContain('#/properties/a~1b~0c/properties/x~1y');
    const step = decideStep(old, next);
    expect(step).toEqual({ mechanical: true, fill: [{ pointer: '/a~1b~0c/x~1y', value: 'd' }], drop: [] });
    if (!step.mechanical) return;
    expect(mechanicalStep({ 'a/b~c': { '~1': 'kept' } }, step)).toEqual({ 'a/b~c': { '~1': 'kept', 'x/y': 'd' } });
  });
});
