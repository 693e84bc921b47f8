import { describe, expect, it } from 'vitest';
import { mechanicalStep, upcast } from '../../templates/runtime/upcast.ts';

describe('upcasting', () => {
  it('fills defaults and drops removed properties by payload pointer, nested too', () => {
    const step = {
      drop: ['/old', '/address/zip'],
      fill: [
        { pointer: '/currency', value: 'EUR' },
        { pointer: '/address/country', value: 'SE' },
        { pointer: '/missing/x', value: 1 },
      ],
    };
    expect(mechanicalStep({ total: 1, old: true, address: { city: 'Lund', zip: '1' } }, step)).toEqual({
      total: 1,
      currency: 'EUR',
      address: { city: 'Lund', country: 'SE' },
    });
    // A value that is there is kept, even when it equals nothing like the default.
    expect(mechanicalStep({ currency: 'SEK' }, { drop: [], fill: [{ pointer: '/currency', value: 'EUR' }] })).toEqual({
      currency: 'SEK',
    });
  });

  it('keeps __proto__ a property, never a prototype', () => {
    const out = mechanicalStep({}, { drop: [], fill: [{ pointer: '/__proto__', value: { polluted: true } }] });
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('chains v1 → v2 → v3 and refuses a version newer than it knows', () => {
    const definition = {
      context: 'c',
      type: 'T',
      own: true,
      schemas: { 1: {}, 2: {}, 3: {} },
      upcasters: {
        1: (d: Record<string, unknown>) => ({ ...d, two: true }),
        2: (d: Record<string, unknown>) => ({ ...d, three: true }),
      },
    };
    expect(upcast(definition, 1, { one: true })).toEqual({ one: true, two: true, three: true });
    expect(upcast(definition, 3, { x: 1 })).toEqual({ x: 1 });
    expect(() => upcast(definition, 4, {})).toThrow(/newer than this service knows/);
  });
});
