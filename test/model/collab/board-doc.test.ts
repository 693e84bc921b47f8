import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Board, Element } from '../../../model/board/types.ts';
import { boardMaps, readBoard, writeBoard } from '../../../model/collab/board-doc.ts';

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
/** Two peers that both hold `start`, not yet connected to each other again. */
function peers(start: Board): [Y.Doc, Y.Doc] {
  const one = new Y.Doc();
  writeBoard(one, undefined, start, null);
  const two = new Y.Doc();
  sync(one, two);
  return [one, two];
}
function hostile(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) map.set(k, v);
  return map;
}

describe('the board in a Y.Doc', () => {
  it('round-trips a board, order included', () => {
    const doc = new Y.Doc();
    const b = board([sticky('b', 'B'), sticky('a', 'A')], [{ id: 'l', from: 'b', to: 'a' }]);
    writeBoard(doc, undefined, b, null);
    expect(readBoard(doc, base)).toEqual(b);
  });

  it('keeps a move by one person and a rename by another of the same sticky, made at the same time', () => {
    const start = board([sticky('s', 'Start', 0)]);
    const [one, two] = peers(start);
    writeBoard(one, start, board([{ ...start.elements[0]!, x: 480, y: 120 }]), null);
    writeBoard(two, start, board([{ ...start.elements[0]!, name: 'Order placed' }]), null);
    sync(one, two);
    const a = readBoard(one, base);
    expect(readBoard(two, base)).toEqual(a);
    expect(a.elements).toEqual([
      { id: 's', kind: 'event', name: 'Order placed', x: 480, y: 120, width: 160, height: 100 },
    ]);
  });

  it('ends with one of two concurrent renames of the same sticky on both peers', () => {
    const start = board([sticky('s', 'Start')]);
    const [one, two] = peers(start);
    writeBoard(one, start, board([sticky('s', 'One'), sticky('x', 'X')]), null);
    writeBoard(two, start, board([sticky('s', 'Two'), sticky('y', 'Y')]), null);
    sync(one, two);
    const a = readBoard(one, base);
    expect(readBoard(two, base)).toEqual(a);
    expect(a.elements.map((e) => e.id).sort()).toEqual(['s', 'x', 'y']);
    expect(['One', 'Two']).toContain(a.elements.find((e) => e.id === 's')!.name);
  });

  it('writes only the fields that changed, and removes fields that were cleared', () => {
    const start = board([{ ...sticky('s', 'S'), text: 'a note' } as Element]);
    const doc = new Y.Doc();
    writeBoard(doc, undefined, start, null);
    const changed: string[] = [];
    (boardMaps(doc).elements.get('s') as Y.Map<unknown>).observe((event) => changed.push(...event.keysChanged));
    writeBoard(doc, start, board([sticky('s', 'S', 40)]), null);
    expect(changed.sort()).toEqual(['text', 'x']);
    expect(readBoard(doc, base).elements[0]).toEqual(sticky('s', 'S', 40));
  });

  it('gives an unchanged sticky the same object on every read, and a changed one a new object', () => {
    const start = board([sticky('a', 'A'), sticky('b', 'B')]);
    const [one, two] = peers(start);
    const first = readBoard(two, base);
    writeBoard(one, start, board([sticky('a', 'A', 99), sticky('b', 'B')]), null);
    sync(one, two);
    const second = readBoard(two, base);
    expect(second.elements[0]).not.toBe(first.elements[0]);
    expect(second.elements[0]!.x).toBe(99);
    expect(second.elements[1]).toBe(first.elements[1]);
  });

  it('lets an undo manager undo a move, and bring back a deleted sticky with every field', () => {
    const start = board([{ ...sticky('s', 'S'), text: 'keep me' } as Element]);
    const doc = new Y.Doc();
    writeBoard(doc, undefined, start, 'load');
    const maps = boardMaps(doc);
    const mine = {};
    const undo = new Y.UndoManager([maps.elements, maps.order], { trackedOrigins: new Set([mine]), captureTimeout: 0 });
    const moved = board([{ ...start.elements[0]!, x: 300 }]);
    writeBoard(doc, start, moved, mine);
    writeBoard(doc, moved, board([]), mine);
    expect(readBoard(doc, base).elements).toEqual([]);
    undo.undo();
    expect(readBoard(doc, base).elements).toEqual(moved.elements);
    undo.undo();
    expect(readBoard(doc, base).elements).toEqual(start.elements);
  });

  it('leaves out entries a hostile peer wrote that are not stickies, and links to them', () => {
    const doc = new Y.Doc();
    writeBoard(doc, undefined, board([sticky('s', 'S')]), null);
    const elements = doc.getMap('elements');
    elements.set('bad', hostile({ id: 'bad', kind: 'virus', name: 'x', x: 0, y: 0, width: 1, height: 1 }));
    elements.set('liar', hostile({ id: 'other', kind: 'event', name: 'x', x: 0, y: 0, width: 1, height: 1 }));
    elements.set('flat', { id: 'flat', kind: 'event', name: 'x', x: 0, y: 0, width: 1, height: 1 });
    elements.set('nan', 42);
    elements.set(
      'nested',
      hostile({ id: 'nested', kind: 'event', name: new Y.Array(), x: 0, y: 0, width: 1, height: 1 }),
    );
    doc.getMap('links').set('l', hostile({ id: 'l', from: 's', to: 'bad' }));
    const read = readBoard(doc, base);
    expect(read.elements.map((e) => e.id)).toEqual(['s']);
    expect(read.links).toEqual([]);
  });

  it('replaces an entry a hostile peer flattened when this page next changes that sticky', () => {
    const start = board([sticky('s', 'S')]);
    const doc = new Y.Doc();
    writeBoard(doc, undefined, start, null);
    doc.getMap('elements').set('s', { id: 's', kind: 'event', name: 'flat', x: 0, y: 0, width: 1, height: 1 });
    expect(readBoard(doc, base).elements).toEqual([]);
    writeBoard(doc, start, board([sticky('s', 'Renamed')]), null);
    expect(readBoard(doc, base).elements).toEqual([sticky('s', 'Renamed')]);
  });
});
