import { describe, expect, it } from 'vitest';
import { alignLines, type AlignedRow } from '../../../model/schema-diff/align.ts';
import { inlineChange } from '../../../model/schema-diff/inline.ts';

/** Rows as `mark left|right` text, so expected alignments read like the view. */
function show(left: string[], right: string[]): string[] {
  return alignLines(left, right).map(
    (r: AlignedRow) =>
      `${r.mark} ${r.left === undefined ? '·' : left[r.left]!.trim()} | ${r.right === undefined ? '·' : right[r.right]!.trim()}`,
  );
}

const lines = (value: unknown) => JSON.stringify(value, null, 2).split('\n');

describe('alignLines', () => {
  it('keeps identical texts level, every row the same', () => {
    const text = lines({ type: 'object', properties: { a: { type: 'string' } } });
    const rows = alignLines(text, text);
    expect(rows).toHaveLength(text.length);
    expect(rows.every((r, i) => r.mark === 'same' && r.left === i && r.right === i)).toBe(true);
  });

  it('marks a property added at the end as added, and ignores the comma it puts on the line before', () => {
    const left = lines({ properties: { a: { type: 'string' } } });
    const right = lines({ properties: { a: { type: 'string' }, b: { type: 'number' } } });
    expect(show(left, right)).toEqual([
      'same { | {',
      'same "properties": { | "properties": {',
      'same "a": { | "a": {',
      'same "type": "string" | "type": "string"',
      'same } | },',
      'added · | "b": {',
      'added · | "type": "number"',
      'added · | }',
      'same } | }',
      'same } | }',
    ]);
  });

  it('pairs a removed and an added line of the same property as one changed line', () => {
    const left = lines({ properties: { n: { type: 'integer', maximum: 10 } } });
    const right = lines({ properties: { n: { type: 'string', maximum: 10 } } });
    expect(show(left, right)).toContain('changed "type": "integer", | "type": "string",');
    expect(show(left, right).filter((r) => !r.startsWith('same'))).toHaveLength(1);
  });

  it('shows a removed property on the left with a gap on the right', () => {
    const left = lines({ properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } } });
    const right = lines({ properties: { a: { type: 'string' }, c: { type: 'string' } } });
    const rows = show(left, right);
    expect(rows.filter((r) => r.startsWith('removed'))).toEqual([
      'removed "b": { | ·',
      'removed "type": "string" | ·',
      'removed }, | ·',
    ]);
    expect(rows.filter((r) => r.startsWith('added') || r.startsWith('changed'))).toEqual([]);
  });

  it('lists every line of each side once and in order, whatever the texts', () => {
    const cases: Array<[string[], string[]]> = [
      [[], ['a', 'b']],
      [['a', 'b'], []],
      [
        ['x', '"k": 1', 'y'],
        ['"k": 2', 'z', 'x'],
      ],
      [lines({ enum: ['a', 'b', 'c'] }), lines({ enum: ['c', 'b', 'a', 'd'] })],
    ];
    for (const [left, right] of cases) {
      const rows = alignLines(left, right);
      expect(rows.flatMap((r) => (r.left === undefined ? [] : [r.left]))).toEqual(left.map((_, i) => i));
      expect(rows.flatMap((r) => (r.right === undefined ? [] : [r.right]))).toEqual(right.map((_, i) => i));
      for (const r of rows) {
        if (r.mark === 'added') expect(r.left).toBeUndefined();
        if (r.mark === 'removed') expect(r.right).toBeUndefined();
        if (r.mark === 'same' || r.mark === 'changed') expect(r.left !== undefined && r.right !== undefined).toBe(true);
      }
    }
  });
});

describe('alignLines on texts too long to search', () => {
  it('still lists every line once, as removed then added, and fast', () => {
    const left = Array.from({ length: 2500 }, (_, i) => `  "a${i}": ${i},`);
    const right = Array.from({ length: 2500 }, (_, i) => `  "b${i}": ${i},`);
    const started = Date.now();
    const rows = alignLines(['{', ...left, '}'], ['{', ...right, '}']);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(rows).toHaveLength(2 + 2500 + 2500);
    expect(rows.slice(1, 2501).every((r) => r.mark === 'removed')).toBe(true);
    expect(rows.slice(2501, 5001).every((r) => r.mark === 'added')).toBe(true);
  });
});

describe('inlineChange', () => {
  it('cuts a changed line around the part that differs, on each side', () => {
    expect(inlineChange('    "type": "integer",', '    "type": "string",')).toEqual({
      head: '    "type": "',
      changed: 'integer',
      tail: '",',
    });
    expect(inlineChange('    "type": "string",', '    "type": "integer",')).toEqual({
      head: '    "type": "',
      changed: 'string',
      tail: '",',
    });
  });

  it('never lets the common head and tail overlap', () => {
    expect(inlineChange('aa', 'aaa')).toEqual({ head: 'aa', changed: '', tail: '' });
    expect(inlineChange('aaa', 'aa')).toEqual({ head: 'aa', changed: 'a', tail: '' });
  });
});
