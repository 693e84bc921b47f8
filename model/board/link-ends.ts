import type { Curve } from './link-label.ts';

/**
 * A side of a sticky; the same strings as Svelte Flow's `Position`, kept free of it so that the
 * exported image draws arrows where the canvas does.
 */
export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where an arrow between two stickies starts and ends: on the sides that face each other, so a
 * link drawn from any sticky to any other reads cleanly wherever they stand (a wall of stickies
 * is not a left-to-right pipeline).
 */
export function floatingEnds(a: Box, b: Box): { sx: number; sy: number; sp: Side; tx: number; ty: number; tp: Side } {
  const acx = a.x + a.width / 2;
  const acy = a.y + a.height / 2;
  const bcx = b.x + b.width / 2;
  const bcy = b.y + b.height / 2;
  const dx = bcx - acx;
  const dy = bcy - acy;
  // Normalise by size, so tall aggregates and wide events choose sides the same way.
  const horizontal = Math.abs(dx) / ((a.width + b.width) / 2) >= Math.abs(dy) / ((a.height + b.height) / 2);
  if (horizontal) {
    return dx >= 0
      ? { sx: a.x + a.width, sy: acy, sp: 'right', tx: b.x, ty: bcy, tp: 'left' }
      : { sx: a.x, sy: acy, sp: 'left', tx: b.x + b.width, ty: bcy, tp: 'right' };
  }
  return dy >= 0
    ? { sx: acx, sy: a.y + a.height, sp: 'bottom', tx: bcx, ty: b.y, tp: 'top' }
    : { sx: acx, sy: a.y, sp: 'top', tx: bcx, ty: b.y + b.height, tp: 'bottom' };
}

/** How far a link's control points reach out of its sticky (Svelte Flow's default Bézier curvature). */
const CURVATURE = 0.25;

/** How far a control point stands out from an end, along its side (as Svelte Flow's Bézier edge). */
function reach(distance: number): number {
  return distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance);
}

function control(side: Side, x: number, y: number, otherX: number, otherY: number): { x: number; y: number } {
  switch (side) {
    case 'left':
      return { x: x - reach(x - otherX), y };
    case 'right':
      return { x: x + reach(otherX - x), y };
    case 'top':
      return { x, y: y - reach(y - otherY) };
    case 'bottom':
      return { x, y: y + reach(otherY - y) };
  }
}

/**
 * The curve a link between two stickies is drawn as, on the canvas and in the exported image
 * alike: from the facing sides (floatingEnds), bending out of each as Svelte Flow's Bézier edge
 * does (test/model/board/link-ends.test.ts holds the two equal). The label is placed on it.
 */
export function linkCurve(a: Box, b: Box): Curve {
  const ends = floatingEnds(a, b);
  return [
    { x: ends.sx, y: ends.sy },
    control(ends.sp, ends.sx, ends.sy, ends.tx, ends.ty),
    control(ends.tp, ends.tx, ends.ty, ends.sx, ends.sy),
    { x: ends.tx, y: ends.ty },
  ];
}

/** An SVG path for the curve (`M start C control control end`). */
export function curvePath([a, b, c, d]: Curve, round: (n: number) => number | string = (n) => n): string {
  return `M${round(a.x)},${round(a.y)} C${round(b.x)},${round(b.y)} ${round(c.x)},${round(c.y)} ${round(d.x)},${round(d.y)}`;
}
