import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Board, Element } from '../../../model/board/types.ts';
import { readBoard, writeBoard } from '../../../model/collab/board-doc.ts';

const base = { format: 'stormbench.board', formatVersion: 1 } as const;

function sticky(id: string, name: string, x = 0): Element {
  return { id, kind: 'event', name, x, y: 0, width: 160, height: 100 } as Element;
}
function board(elements: Element[], links: Board['links'] = []): Board {
  return { ...base, name: 'B', contexts: [], elements, links };
}
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('the board in a Y.Doc', () => {
  it('round-trips a board, order included', () => {
    const doc = new Y.Doc();
    const b = board([sticky('b', 'B'), sticky('a', 'A')], [{ id: 'l', from: 'b', to: 'a' }]);
    writeBoard(doc, undefined, b, null);
    expect(readBoard(doc, base)).toEqual(b);
  });

  it('merges concurrent edits of two peers to one board', () => {
    const start = board([sticky('s', 'Start')]);
    const one = new Y.Doc();
    writeBoard(one, undefined, start, null);
    const two = new Y.Doc();
    sync(one, two);
    writeBoard(one, start, board([sticky('s', 'One'), sticky('x', 'X')]), null);
    writeBoard(two, start, board([sticky('s', 'Two'), sticky('y', 'Y')]), null);
    sync(one, two);
    const a = readBoard(one, base);
    expect(readBoard(two, base)).toEqual(a);
    expect(a.elements.map((e) => e.id).sort()).toEqual(['s', 'x', 'y']);
    expect(['One', 'Two']).toContain(a.elements[0]!.name);
  });

  it('leaves out entries a hostile peer wrote that are not stickies, and links to them', () => {
    const doc = new Y.Doc();
    writeBoard(doc, undefined, board([sticky('s', 'S')]), null);
    doc.getMap('elements').set('bad', { id: 'bad', kind: 'virus', name: 'x', x: 0, y: 0, width: 1, height: 1 });
    doc.getMap('elements').set('liar', { id: 'other', kind: 'event', name: 'x', x: 0, y: 0, width: 1, height: 1 });
    doc.getMap('elements').set('nan', 42);
    doc.getMap('links').set('l', { id: 'l', from: 's', to: 'bad' });
    const read = readBoard(doc, base);
    expect(read.elements.map((e) => e.id)).toEqual(['s']);
    expect(read.links).toEqual([]);
  });
});
