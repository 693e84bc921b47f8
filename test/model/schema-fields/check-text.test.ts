import { describe, expect, it } from 'vitest';
import { checkSchemaText, schemaProblems } from '../../../model/schema-fields/check-text.ts';

describe('checking the JSON editor text', () => {
  it('accepts a JSON Schema and gives it back', () => {
    expect(checkSchemaText('{"type": "object", "properties": {}}')).toEqual({
      ok: true,
      schema: { type: 'object', properties: {} },
    });
    expect(checkSchemaText('true')).toEqual({ ok: true, schema: true });
  });

  it('places JSON syntax errors with line and column', () => {
    const text = '{\n  "type": "object",\n  "properties": {\n    "a": {"type": "string"\n  }\n}';
    const check = checkSchemaText(text);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.kind).toBe('syntax');
    expect(check.problems[0]!.message).toBe('Not JSON at line 6, column 2: a closing } was expected.');
    const trailing = checkSchemaText('{"type": "object",}');
    expect(!trailing.ok && trailing.problems.map((p) => p.message)).toEqual([
      'Not JSON at line 1, column 19: a property name in double quotes was expected.',
    ]);
    expect(checkSchemaText('  ')).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringContaining('The schema is empty') }],
    });
  });

  it('places JSON Schema errors on the keyword at fault', () => {
    const text =
      '{\n  "type": "object",\n  "properties": {\n    "total": {"type": "numbr"},\n    "n": {"minLength": -1}\n  }\n}';
    const check = checkSchemaText(text);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.kind).toBe('schema');
    expect(check.problems.map((p) => [p.message, text.slice(p.from, p.to)])).toEqual([
      [
        'Not a valid JSON Schema: #/properties/total/type must be equal to one of the allowed values.',
        '"type": "numbr"',
      ],
      ['Not a valid JSON Schema: #/properties/n/minLength must be >= 0.', '"minLength": -1'],
    ]);
    expect(checkSchemaText('[1]')).toMatchObject({
      ok: false,
      kind: 'schema',
      problems: [{ message: 'A JSON Schema is an object ({ … }) or true or false.' }],
    });
  });

  it('lists each place once, as a pointer', () => {
    expect(schemaProblems({ required: 'a' })).toEqual([{ pointer: '#/required', message: '#/required must be array' }]);
    expect(schemaProblems({ type: 'object' })).toEqual([]);
  });
});
