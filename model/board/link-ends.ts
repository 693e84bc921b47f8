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
