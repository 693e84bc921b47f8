import type { Board } from './types.ts';

/**
 * Where a new sticky goes when the person did not point at a spot (a palette click, a key): the
 * free place nearest to the one asked for, so that it never lands on a sticky already there.
 * The facilitator's page and every participant's place with this one rule; in a workshop the
 * others' stickies are on the board too, so a participant's first sticky is not dropped on them.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Spot {
  x: number;
  y: number;
}

/** Space kept clear around a new sticky, so that two stickies never touch. */
export const PLACEMENT_GAP = 20;
/** Candidate spots are this far apart (two grid cells): fine enough to sit close, cheap to search. */
const STEP = 40;
/** Rings of candidates searched around the spot asked for (30 × 40 = 1,200 canvas units each way). */
const RINGS = 30;

/** Candidate offsets from the spot asked for, nearest first; on a tie, right before left, down before up (a timeline grows right). */
const OFFSETS: readonly Spot[] = (() => {
  const offsets: Spot[] = [];
  for (let i = -RINGS; i <= RINGS; i++)
    for (let j = -RINGS; j <= RINGS; j++) offsets.push({ x: i * STEP, y: j * STEP });
  return offsets.sort((a, b) => a.x * a.x + a.y * a.y - (b.x * b.x + b.y * b.y) || b.x - a.x || b.y - a.y);
})();

/**
 * The free spot (top-left corner) nearest to `wanted` for a sticky of `size`: no sticky of the
 * board within PLACEMENT_GAP of it. Context frames do not count: a sticky belongs inside one.
 * When everything near is taken, the spot right of the board's rightmost sticky, at `wanted`'s height.
 */
export function freeSpot(board: Board, size: Size, wanted: Spot, snap: (value: number) => number = (v) => v): Spot {
  const reach = RINGS * STEP + Math.max(size.width, size.height) + PLACEMENT_GAP;
  const near = board.elements.filter(
    (e) =>
      e.x < wanted.x + reach &&
      e.x + e.width > wanted.x - reach &&
      e.y < wanted.y + reach &&
      e.y + e.height > wanted.y - reach,
  );
  const free = (x: number, y: number) =>
    !near.some(
      (e) =>
        x < e.x + e.width + PLACEMENT_GAP &&
        x + size.width + PLACEMENT_GAP > e.x &&
        y < e.y + e.height + PLACEMENT_GAP &&
        y + size.height + PLACEMENT_GAP > e.y,
    );
  for (const offset of OFFSETS) {
    const x = snap(wanted.x + offset.x);
    const y = snap(wanted.y + offset.y);
    if (free(x, y)) return { x, y };
  }
  const right = Math.max(...board.elements.map((e) => e.x + e.width));
  let x = snap(right + PLACEMENT_GAP);
  // Snapping may round down into the gap: step right until it is clear.
  while (x < right + PLACEMENT_GAP) x = snap(x + STEP);
  return { x, y: snap(wanted.y) };
}
