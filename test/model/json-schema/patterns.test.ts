/**
 * User patterns run on RE2 (linear time) where it can express them. RE2's syntax is not
 * ECMAScript's, so the translation must keep every verdict: a differential test against the
 * engine JSON Schema names (ECMAScript RegExp with the u flag) over generated patterns and values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSchema, describeAjvError } from '../../../model/json-schema/ajv.ts';
import { compilePattern, re2Syntax } from '../../../model/json-schema/validator-setup.ts';

const ALPHABET = [
  'a',
  'b',
  'A',
  '0',
  '7',
  '_',
  '-',
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u3000',
  'é',
  'Ω',
  '😀',
  '.',
  '\\',
];

const atom: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('a', 'b', 'A', '0', '-', ' ', 'é', 'Ω', '😀', '\\.', '\\\\'),
  fc.constantFrom('\\s', '\\S', '\\d', '\\D', '\\w', '\\W', '.', '\\u00a0', '\\u{1F600}', '\\x41', '\\t', '\\n', '\\r'),
  fc.constantFrom(
    '[ab]',
    '[^ab]',
    '[\\s]',
    '[a\\sb]',
    '[^\\s]',
    '[a-z0-9]',
    '[\\d.]',
    '[é-ü]',
    '[^\\d\\s]',
    '\\p{L}',
    '\\p{Lu}',
    '\\P{L}',
  ),
);
const piece = fc.tuple(atom, fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '*?')).map(([a, q]) => a + q);
const sequence = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
const pattern = fc
  .tuple(
    fc.constantFrom('', '^', '\\b'),
    sequence,
    fc.option(sequence, { nil: undefined }),
    fc.constantFrom('', '$', '\\b'),
    fc.boolean(),
  )
  .map(([start, a, b, end, group]) => {
    const body = b === undefined ? a : `${a}|${b}`;
    return start + (group ? `(?:${body})+` : b === undefined ? body : `(?:${body})`) + end;
  });
const value = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((c) => c.join(''));

describe('user patterns', () => {
  it("give ECMAScript's verdict on every value, run on RE2 wherever they translate", () => {
    let linear = 0;
    fc.assert(
      fc.property(pattern, fc.array(value, { minLength: 1, maxLength: 8 }), (source, values) => {
        let native: RegExp;
        try {
          native = new RegExp(source, 'u');
        } catch {
          fc.pre(false);
          return;
        }
        const matcher = compilePattern(source);
        if (matcher.linear) linear++;
        for (const text of values)
          expect(matcher.test(text), `/${source}/u on ${JSON.stringify(text)} (RE2: ${re2Syntax(source)})`).toBe(
            native.test(text),
          );
      }),
      { numRuns: 600, seed: 20261207 },
    );
    // Nearly all generated patterns go to RE2; a handful (\P{L}-style classes RE2 spells otherwise) may not.
    expect(linear).toBeGreaterThan(500);
  });

  it('run a catastrophic pattern on a hostile value in linear time, in the validator both sides use', () => {
    const compiled = compileSchema({ type: 'object', properties: { code: { type: 'string', pattern: '^(a+)+$' } } });
    if (!compiled.ok) throw new Error(compiled.message);
    const start = performance.now();
    expect(compiled.validate({ code: `${'a'.repeat(5000)}!` })).toBe(false);
    expect((compiled.validate.errors ?? []).map(describeAjvError)).toEqual(['"/code" must match pattern "^(a+)+$"']);
    expect(performance.now() - start).toBeLessThan(500);
    expect(compilePattern('^(a+)+$').linear).toBe(true);
  });

  it('keep each pattern of a schema its own (ajv keys compiled patterns by their text)', () => {
    const compiled = compileSchema({
      type: 'object',
      properties: { sku: { type: 'string', pattern: '^[A-Z]{3}-\\d+$' }, zip: { type: 'string', pattern: '^\\d{5}$' } },
    });
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.validate({ sku: 'ABC-1', zip: '12345' })).toBe(true);
    expect(compiled.validate({ sku: '12345', zip: 'ABC-1' })).toBe(false);
    expect((compiled.validate.errors ?? []).map(describeAjvError)).toEqual([
      '"/sku" must match pattern "^[A-Z]{3}-\\d+$"',
      '"/zip" must match pattern "^\\d{5}$"',
    ]);
  });

  it('keep what only a backtracking engine can run, and say it is not linear', () => {
    for (const source of ['^(?=.*\\d).{8,}$', '(a)\\1', '[^]', '(?<!x)y']) {
      const matcher = compilePattern(source);
      expect(matcher.linear, source).toBe(false);
      expect(matcher.test('password1'), source).toBe(new RegExp(source, 'u').test('password1'));
    }
    expect(() => compilePattern('(')).toThrow(SyntaxError);
  });
});
