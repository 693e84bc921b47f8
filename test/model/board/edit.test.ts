import { describe, expect, it } from 'vitest';
import type { Board } from '../../../model/board/types.ts';
import {
  addContext,
  addLink,
  alignItems,
  cloneItems,
  deleteItems,
  emptyBoard,
  makeElement,
  moveItems,
  resizeItem,
} from '../../../model/board/edit.ts';

function board(): Board {
  const b = emptyBoard('Test');
  return {
    ...b,
    contexts: [{ id: 'sales', name: 'Sales', x: 0, y: 0, width: 1000, height: 600 }],
    elements: [
      { id: 'c1', kind: 'command', name: 'Place order', context: 'sales', x: 40, y: 40, width: 160, height: 100 },
      { id: 'a1', kind: 'aggregate', name: 'Order', context: 'sales', x: 240, y: 40, width: 200, height: 200 },
      { id: 'e1', kind: 'event', name: 'Order placed', x: 1400, y: 40, width: 160, height: 100 },
    ],
    links: [{ id: 'l1', from: 'c1', to: 'a1' }],
  };
}

describe("a board's edit rules (model/board/edit.ts)", () => {
  it("places a sticky on the grid, with its kind's size, inside the frame it lands in", () => {
    const element = makeElement(board(), 'event', { x: 507, y: 93 });
    expect(element).toMatchObject({ kind: 'event', x: 500, y: 100, width: 160, height: 100, context: 'sales' });
    expect(element.id).toMatch(/^evt-/);
    expect(makeElement(board(), 'actor', { x: 3000, y: 0 }).context).toBeUndefined();
  });

  it('moves a frame with its stickies, and a sticky joins the frame it is dropped in', () => {
    const moved = moveItems(board(), [{ id: 'sales', x: 100, y: 20 }]);
    expect(moved.contexts[0]).toMatchObject({ x: 100, y: 20 });
    expect(moved.elements.find((e) => e.id === 'c1')).toMatchObject({ x: 140, y: 60 });
    expect(moved.elements.find((e) => e.id === 'e1')).toMatchObject({ x: 1400, y: 40 });
    const dropped = moveItems(board(), [{ id: 'e1', x: 600, y: 300 }]);
    expect(dropped.elements.find((e) => e.id === 'e1')!.context).toBe('sales');
    const leaving = moveItems(board(), [{ id: 'c1', x: 2000, y: 0 }]);
    expect(leaving.elements.find((e) => e.id === 'c1')!.context).toBeUndefined();
  });

  it('returns the same board when nothing changes, so no undo step is recorded', () => {
    const b = board();
    expect(moveItems(b, [{ id: 'c1', x: 40, y: 40 }])).toBe(b);
    expect(deleteItems(b, new Set(['nope']))).toBe(b);
    expect(addLink(b, 'c1', 'a1').board).toBe(b); // already linked
    expect(addLink(b, 'c1', 'c1').board).toBe(b); // no self links
  });

  it('deletes a sticky with its links, and a frame without its stickies', () => {
    const b = deleteItems(board(), new Set(['a1']));
    expect(b.elements.map((e) => e.id)).toEqual(['c1', 'e1']);
    expect(b.links).toEqual([]);
    const c = deleteItems(board(), new Set(['sales']));
    expect(c.contexts).toEqual([]);
    expect(c.elements.every((e) => e.context === undefined)).toBe(true);
  });

  it('draws a frame around the chosen stickies and puts them in it', () => {
    const { board: b, context } = addContext(board(), 'Shipping', ['e1'], { x: 0, y: 0 });
    expect(context.x).toBeLessThan(1400);
    expect(context.x + context.width).toBeGreaterThan(1560);
    expect(b.elements.find((e) => e.id === 'e1')!.context).toBe(context.id);
  });

  it('aligns and resizes on the grid', () => {
    const aligned = alignItems(board(), ['c1', 'e1'], 'top');
    expect(aligned.elements.find((e) => e.id === 'e1')!.y).toBe(40);
    const resized = resizeItem(board(), 'a1', { x: 243, y: 38, width: 311, height: 90 });
    expect(resized.elements.find((e) => e.id === 'a1')).toMatchObject({ x: 240, y: 40, width: 320, height: 100 });
  });

  it('copies stickies with fresh ids and the links among them', () => {
    const b = board();
    const copies = cloneItems(b, b.elements.slice(0, 2), b.links, 40);
    expect(copies.elements.map((e) => e.name)).toEqual(['Place order', 'Order']);
    expect(copies.elements.every((e) => !['c1', 'a1'].includes(e.id))).toBe(true);
    expect(copies.links).toHaveLength(1);
    expect(copies.links[0]!.from).toBe(copies.elements[0]!.id);
  });
});
