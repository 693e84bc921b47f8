import { describe, expect, it } from 'vitest';
import { boundsOf, fitView } from '../../../model/board/fit.ts';
import { placeFarNames } from '../../../model/board/far-names.ts';
import type { Element } from '../../../model/board/types.ts';

const drawn = (
  b: { x: number; y: number; width: number; height: number },
  v: { x: number; y: number; zoom: number },
) => ({ x: v.x + b.x * v.zoom, y: v.y + b.y * v.zoom, width: b.width * v.zoom, height: b.height * v.zoom });
const meets = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('fitting the board in the pane', () => {
  const options = { maxZoom: 1.2, minZoom: 0.02 };

  it('centres the board and fills 85% of the pane on its tighter side', () => {
    const view = fitView({ x: 0, y: 0, width: 1000, height: 200 }, { width: 500, height: 500 }, options);
    expect(view.zoom).toBeCloseTo(0.425);
    expect(drawn({ x: 0, y: 0, width: 1000, height: 200 }, view)).toEqual({
      x: 37.5,
      y: 207.5,
      width: 425,
      height: 85,
    });
  });

  it('keeps the board clear of the zoom buttons and the minimap', () => {
    // A short, wide pane (the dock open): buttons bottom left, the map bottom right.
    const board = { x: 0, y: 0, width: 2000, height: 700 };
    const pane = { width: 800, height: 300 };
    const overlays = [
      { x: 15, y: 170, width: 32, height: 115 },
      { x: 648, y: 190, width: 140, height: 98 },
    ];
    expect(overlays.some((o) => meets(o, drawn(board, fitView(board, pane, options))))).toBe(true);
    const view = fitView(board, pane, { ...options, overlays });
    for (const o of overlays) expect(meets(o, drawn(board, view))).toBe(false);
    expect(view.zoom).toBeGreaterThan(0.2);
  });

  it('never zooms past its maximum for a single sticky', () => {
    expect(fitView({ x: 0, y: 0, width: 160, height: 100 }, { width: 1000, height: 800 }, options).zoom).toBe(1.2);
  });

  it('finds the box around stickies and frames', () => {
    expect(
      boundsOf([
        { x: 10, y: 20, width: 5, height: 5 },
        { x: -10, y: 0, width: 10, height: 100 },
      ]),
    ).toEqual({ x: -10, y: 0, width: 25, height: 100 });
    expect(boundsOf([])).toBeUndefined();
  });
});

describe('names zoomed far out', () => {
  const sticky = (id: string, kind: Element['kind'], name: string, x: number, y: number): Element =>
    ({ id, kind, name, x, y, width: 120, height: 80 }) as Element;

  it('are placed at a legible size, never on top of one another, aggregates first', () => {
    const zoom = 0.1;
    // Two flows side by side, 260 units (26 px) apart: their names at 11px cannot both fit on a line.
    const elements = [
      sticky('c1', 'command', 'Approve invoice', 0, 0),
      sticky('a1', 'aggregate', 'Invoice', 130, 0),
      sticky('c2', 'command', 'Open order', 260, 0),
      sticky('e1', 'event', 'Invoice approved', 130, 400),
    ];
    const names = placeFarNames(elements, { x: -1000, y: -1000, width: 5000, height: 5000 }, zoom, 11);
    expect(names.map((n) => n.id)).toEqual(['a1', 'e1']);
    expect(names[0]).toMatchObject({ text: 'Invoice', x: 190, y: 40 });
  });

  it('leave out stickies outside the area, and shorten long names', () => {
    const names = placeFarNames(
      [
        sticky('h', 'hotspot', 'Who may approve an invoice of more than a thousand?', 0, 0),
        sticky('far', 'event', 'Far away', 9000, 0),
      ],
      { x: 0, y: 0, width: 1000, height: 1000 },
      0.1,
      11,
    );
    expect(names).toEqual([{ id: 'h', text: 'Who may approve an invo…', x: 60, y: 40 }]);
  });
});
