import { describe, expect, it } from 'vitest';
import { BoxGrid, nameBox, placeLinkLabel, pointOnCurve, type Curve } from '../../../model/board/link-label.ts';

const straight = (x0: number, y0: number, x1: number, y1: number): Curve => [
  { x: x0, y: y0 },
  { x: x0 + (x1 - x0) / 3, y: y0 + (y1 - y0) / 3 },
  { x: x0 + (2 * (x1 - x0)) / 3, y: y0 + (2 * (y1 - y0)) / 3 },
  { x: x1, y: y1 },
];
const meets = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('link labels', () => {
  const label = { width: 90, height: 17 };

  it('sit in the middle of the link when nothing is there', () => {
    expect(placeLinkLabel(straight(0, 0, 400, 0), label, [])).toEqual({ x: 200, y: 0 });
  });

  it('move along the link off a sticky name the link runs through', () => {
    // A link from x=0 to x=600 runs through a third sticky whose name sits around x=300.
    const name = { x: 260, y: -10, width: 80, height: 20 };
    const at = placeLinkLabel(straight(0, 0, 600, 0), label, [name]);
    expect(at.y).toBe(0);
    expect(meets({ x: at.x - 45, y: at.y - 8.5, ...label }, name)).toBe(false);
    // The nearest free spot to the middle, not the first end.
    expect(Math.abs(at.x - 300)).toBeLessThan(150);
  });

  it('leave a short link for above or below when both names crowd it', () => {
    // "is handled by" between a command and an aggregate 10 units apart: the label is wider than
    // the gap, and the names on both sides reach into its way at the link's height.
    const names = [
      { x: 20, y: 30, width: 90, height: 36 },
      { x: 150, y: 40, width: 80, height: 18 },
    ];
    const at = placeLinkLabel(straight(120, 40, 130, 60), label, names);
    for (const name of names) expect(meets({ x: at.x - 45, y: at.y - 8.5, ...label }, name)).toBe(false);
  });

  it('take the spot that covers least when none is free', () => {
    const wall = { x: -1000, y: -1000, width: 2000, height: 2000 };
    expect(placeLinkLabel(straight(0, 0, 400, 0), label, [wall])).toEqual({ x: 200, y: 0 });
  });

  it('follow the curve as drawn', () => {
    const curve: Curve = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 100 },
      { x: 200, y: 100 },
    ];
    expect(pointOnCurve(curve, 0)).toEqual({ x: 0, y: 0 });
    expect(pointOnCurve(curve, 1)).toEqual({ x: 200, y: 100 });
    expect(pointOnCurve(curve, 0.5)).toEqual({ x: 100, y: 50 });
  });
});

describe('name boxes', () => {
  it('are centred on the sticky and as wide as the longest wrapped line', () => {
    // 15px type in 120 - 16 = 104 units: 12 characters a line, "Approve" / "invoice".
    const box = nameBox({ x: 0, y: 0, width: 120, height: 80, name: 'Approve invoice' }, 15);
    expect(box.height).toBeCloseTo(2 * 15 * 1.2);
    expect(box.width).toBeCloseTo(7 * 15 * 0.55);
    expect(box.x + box.width / 2).toBeCloseTo(60);
    expect(box.y + box.height / 2).toBeCloseTo(40);
  });

  it('stop at the lines the sticky holds', () => {
    const box = nameBox(
      { x: 0, y: 0, width: 120, height: 50, name: 'a very long name that wraps over many lines' },
      15,
    );
    expect(box.height).toBeCloseTo(15 * 1.2 * 1);
    expect(box.width).toBeLessThanOrEqual(104);
  });

  it('are found near a link through the grid, and only there', () => {
    const far = { x: 5000, y: 5000, width: 10, height: 10 };
    const near = { x: 390, y: 390, width: 30, height: 30 };
    const grid = new BoxGrid([far, near]);
    expect(grid.near({ x: 350, y: 350, width: 100, height: 100 })).toEqual([near]);
    expect(grid.near({ x: 0, y: 0, width: 100, height: 100 })).toEqual([]);
  });
});
