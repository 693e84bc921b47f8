import { describe, expect, it } from 'vitest';
import { freeSpot, PLACEMENT_GAP } from '../../../model/board/placement.ts';
import type { Board, Element } from '../../../model/board/types.ts';

const snap = (v: number) => Math.round(v / 20) * 20;

function boardWith(...boxes: Array<[x: number, y: number, width?: number, height?: number]>): Board {
  const elements = boxes.map(
    ([x, y, width = 160, height = 100], i) =>
      ({ id: `evt-${i}`, kind: 'event', name: `E${i}`, x, y, width, height }) as Element,
  );
  return { format: 'stormbench.board', formatVersion: 1, name: 'B', contexts: [], elements, links: [] };
}

function overlaps(board: Board, spot: { x: number; y: number }, size: { width: number; height: number }): string[] {
  return board.elements
    .filter(
      (e) =>
        spot.x < e.x + e.width + PLACEMENT_GAP &&
        spot.x + size.width + PLACEMENT_GAP > e.x &&
        spot.y < e.y + e.height + PLACEMENT_GAP &&
        spot.y + size.height + PLACEMENT_GAP > e.y,
    )
    .map((e) => e.id);
}

const EVENT = { width: 160, height: 100 };

describe('freeSpot: where a sticky goes when no one pointed', () => {
  it('takes the spot asked for when it is free', () => {
    expect(freeSpot(boardWith([1000, 1000]), EVENT, { x: 0, y: 0 }, snap)).toEqual({ x: 0, y: 0 });
  });

  it("never lands on a sticky already in the middle of the view (a participant's first sticky)", () => {
    // The host's sticky sits exactly where the participant's view centre puts the new one.
    const board = boardWith([-80, -50]);
    const spot = freeSpot(board, EVENT, { x: -80, y: -50 }, snap);
    expect(overlaps(board, spot, EVENT)).toEqual([]);
    // Nearest free place: beside it, not far away.
    expect(Math.hypot(spot.x + 80, spot.y + 50)).toBeLessThanOrEqual(200);
    expect(Math.abs(spot.x % 20)).toBe(0);
    expect(Math.abs(spot.y % 20)).toBe(0);
  });

  it('finds the nearest gap in a crowded area, the rightward one first on a tie', () => {
    // A row of stickies with the spot asked for on the middle one.
    const board = boardWith([0, 0], [200, 0], [400, 0]);
    const spot = freeSpot(board, EVENT, { x: 200, y: 0 }, snap);
    expect(overlaps(board, spot, EVENT)).toEqual([]);
    expect(spot).toEqual({ x: 200, y: 120 });
  });

  it('goes right of the whole board when everything near is taken', () => {
    const crowd: Array<[number, number]> = [];
    for (let x = -1600; x <= 1600; x += 180) for (let y = -1600; y <= 1600; y += 120) crowd.push([x, y]);
    const board = boardWith(...crowd);
    const spot = freeSpot(board, EVENT, { x: 0, y: 0 }, snap);
    expect(overlaps(board, spot, EVENT)).toEqual([]);
    expect(spot.y).toBe(0);
  });
});
