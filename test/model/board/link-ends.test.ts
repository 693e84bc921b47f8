import { getBezierPath, Position } from '@xyflow/svelte';
import { describe, expect, it } from 'vitest';
import { curvePath, floatingEnds, linkCurve, type Box, type Side } from '../../../model/board/link-ends.ts';
import { emptyBoard } from '../../../model/board/edit.ts';
import type { Board } from '../../../model/board/types.ts';
import { boardToSvg } from '../../../model/export/board-svg.ts';

const POSITION: Record<Side, Position> = {
  left: Position.Left,
  right: Position.Right,
  top: Position.Top,
  bottom: Position.Bottom,
};

// Stickies around one another: every pair of facing sides, near and far, overlapping too.
const boxes: Box[] = [
  { x: 0, y: 0, width: 120, height: 80 },
  { x: 300, y: 10, width: 120, height: 80 },
  { x: -280, y: -30, width: 120, height: 160 },
  { x: 40, y: 400, width: 200, height: 80 },
  { x: 10, y: -500, width: 120, height: 80 },
  { x: 60, y: 20, width: 120, height: 80 },
  { x: 125, y: 200, width: 60, height: 40 },
];

describe('the curve of a link', () => {
  it('is the curve Svelte Flow draws between the same ends (a forced copy of its formula, held equal here)', () => {
    let pairs = 0;
    for (const a of boxes)
      for (const b of boxes) {
        if (a === b) continue;
        const ends = floatingEnds(a, b);
        const [theirs] = getBezierPath({
          sourceX: ends.sx,
          sourceY: ends.sy,
          sourcePosition: POSITION[ends.sp],
          targetX: ends.tx,
          targetY: ends.ty,
          targetPosition: POSITION[ends.tp],
        });
        expect(curvePath(linkCurve(a, b)), `${JSON.stringify(a)} → ${JSON.stringify(b)}`).toBe(theirs);
        pairs += 1;
      }
    expect(pairs).toBe(boxes.length * (boxes.length - 1));
  });

  it('is what the exported image draws', () => {
    const board: Board = {
      ...emptyBoard('b'),
      elements: [
        { id: 'c', kind: 'command', name: 'Place order', x: 0, y: 0, width: 120, height: 80 },
        { id: 'a', kind: 'aggregate', name: 'Order', x: 40, y: 300, width: 120, height: 80 },
      ],
      links: [{ id: 'l', from: 'c', to: 'a' }],
    };
    const { svg } = boardToSvg(board);
    const curve = linkCurve(board.elements[0]!, board.elements[1]!);
    const d = /<path class="link[^"]*" d="([^"]+)"/.exec(svg)?.[1];
    expect(d).toBe(curvePath(curve, (n) => Math.round(n * 10) / 10));
    // Bends out of the command's bottom and into the aggregate's top.
    expect(curve[1].y).toBeGreaterThan(curve[0].y);
    expect(curve[2].y).toBeLessThan(curve[3].y);
  });
});
