import { describe, expect, it } from 'vitest';
import { parseBoard } from '../../../model/board/load.ts';
import { serializeBoard } from '../../../model/board/serialize.ts';
import type { Board } from '../../../model/board/types.ts';
import { example, exampleText } from '../../support/boards.ts';

/** Lines that differ between two texts of the same line count (enough for a moved sticky). */
function changedLines(a: string, b: string): string[] {
  const left = a.split('\n');
  const right = b.split('\n');
  expect(right.length).toBe(left.length);
  return right.filter((line, i) => line !== left[i]);
}

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe('serializeBoard', () => {
  it('writes the committed examples byte for byte', () => {
    for (const name of ['small', 'order-fulfilment', 'workshop']) {
      const text = exampleText(name);
      const result = parseBoard(text);
      if (!result.ok) throw new Error(result.errors[0]!.message);
      expect(serializeBoard(result.board)).toBe(text);
    }
  });

  it('gives the same bytes whatever order the fields came in', () => {
    const board = example('order-fulfilment');
    const shuffled = reversedKeys(board) as Board;
    // Only the board's own structure is reordered; user content (schemas, data) keeps its order.
    const structure = (b: Board) =>
      serializeBoard({
        ...b,
        elements: b.elements.map((e) => ({ ...e, versions: undefined, schema: undefined, scenarios: undefined })),
      } as Board);
    expect(structure(shuffled)).toBe(structure(board));
    expect(serializeBoard(board)).toBe(serializeBoard(structuredClone(board)));
  });

  it('changes two lines when one sticky moves', () => {
    const board = example('order-fulfilment');
    const before = serializeBoard(board);
    board.elements[5]!.x += 40;
    board.elements[5]!.y -= 20;
    const changed = changedLines(before, serializeBoard(board));
    expect(changed).toEqual([`      "x": ${board.elements[5]!.x},`, `      "y": ${board.elements[5]!.y},`]);
  });

  it('puts id, kind and name first and ends with a newline', () => {
    const text = serializeBoard(example('small'));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toMatch(/\{\n {6}"id": "actor-guest",\n {6}"kind": "actor",\n {6}"name": "Guest",/);
  });
});
