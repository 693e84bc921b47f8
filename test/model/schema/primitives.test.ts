import { describe, expect, it } from 'vitest';
import { isMultiple, toDecimal } from '../../../model/schema/decimal.ts';
import { comparePatterns } from '../../../model/schema/pattern.ts';

describe('exact decimals', () => {
  it('reads the digits the author wrote', () => {
    expect(toDecimal(0.03)).toEqual({ digits: 3n, exponent: -2 });
    expect(toDecimal(1e-7)).toEqual({ digits: 1n, exponent: -7 });
    expect(toDecimal(-12.5)).toEqual({ digits: -125n, exponent: -1 });
    expect(toDecimal(1e21)).toEqual({ digits: 1n, exponent: 21 });
  });

  it('divides where float modulo does not', () => {
    expect(0.03 % 0.01).not.toBe(0); // why this file exists
    expect(isMultiple(0.03, 0.01)).toBe(true);
    expect(isMultiple(624.3, 0.1)).toBe(true);
    expect(isMultiple(0.3, 0.1)).toBe(true);
    expect(isMultiple(0.25, 0.1)).toBe(false);
    expect(isMultiple(1e-7, 1e-8)).toBe(true);
    expect(isMultiple(-6, 1.5)).toBe(true);
    expect(isMultiple(1, 0.5)).toBe(true);
  });
});

describe('pattern languages', () => {
  it('decides fixed word sets, prefixes and substrings', () => {
    expect(comparePatterns('^(a|b)$', '^(a|b|c)$')).toBe('wider');
    expect(comparePatterns('^(?:a|b|c)$', '^(b|a)$')).toBe('narrower');
    expect(comparePatterns('^(a|b)$', '^(b|a)$')).toBe('same');
    expect(comparePatterns('^ord-', '^or')).toBe('wider');
    expect(comparePatterns('^ord-eu', 'eu')).toBe('wider');
    expect(comparePatterns('^(ord-1|ord-2)$', '^ord-')).toBe('wider');
    expect(comparePatterns('^ord-', '^inv-')).toBe('unrelated');
    expect(comparePatterns('^a\\.b$', '^(a\\.b|c)$')).toBe('wider');
  });

  it('says unknown rather than guess', () => {
    expect(comparePatterns('^[a-z]+$', '^[a-z0-9]+$')).toBe('unknown');
    expect(comparePatterns('^\\d{3}$', '^\\d{4}$')).toBe('unknown');
    expect(comparePatterns('^a+$', '^a*$')).toBe('unknown');
    expect(comparePatterns('abc$', 'bc$')).toBe('unknown');
  });
});
