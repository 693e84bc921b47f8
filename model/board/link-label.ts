import type { Box } from './link-ends.ts';

export interface Point {
  x: number;
  y: number;
}

/** A link as drawn: a cubic Bézier curve from its start, through two control points, to its end. */
export type Curve = readonly [Point, Point, Point, Point];

export function pointOnCurve([a, b, c, d]: Curve, t: number): Point {
  const u = 1 - t;
  const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t] as const;
  return { x: w[0] * a.x + w[1] * b.x + w[2] * c.x + w[3] * d.x, y: w[0] * a.y + w[1] * b.y + w[2] * c.y + w[3] * d.y };
}

/**
 * Where on its curve a link's label goes, from the middle outwards, so that the label's box covers
 * none of the obstacles (the names on the stickies): "is handled by" between two stickies a few
 * units apart would otherwise sit on both names, and a link that runs through a third sticky puts
 * its label on that sticky's name. Off the curve (above or below its middle) when every spot on it
 * is taken; where it covers the least when nowhere is free.
 */
export function placeLinkLabel(
  curve: Curve,
  label: { width: number; height: number },
  obstacles: readonly Box[],
): Point {
  const candidates: Point[] = [];
  for (const t of [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74]) candidates.push(pointOnCurve(curve, t));
  const middle = candidates[0]!;
  for (const k of [1, -1, 2, -2, 3, -3]) candidates.push({ x: middle.x, y: middle.y + k * (label.height + 2) });
  let best = middle;
  let least = Infinity;
  for (const at of candidates) {
    const box = { x: at.x - label.width / 2, y: at.y - label.height / 2, width: label.width, height: label.height };
    let covered = 0;
    for (const o of obstacles) covered += overlap(box, o);
    if (covered === 0) return at;
    if (covered < least) {
      least = covered;
      best = at;
    }
  }
  return best;
}

/**
 * A link's label as the canvas draws it (11 px type, 4 px padding each side; its width estimated
 * from its characters) and where it goes: off the names of the stickies near its curve (from
 * `names`, a grid of nameBox). The canvas and the exported image both place labels with this.
 */
export function linkLabel(curve: Curve, text: string, names: BoxGrid): Point & { width: number; height: number } {
  const size = { width: text.length * 6.6 + 10, height: 17 };
  const [left, right] = [Math.min(...curve.map((p) => p.x)), Math.max(...curve.map((p) => p.x))];
  const [top, bottom] = [Math.min(...curve.map((p) => p.y)), Math.max(...curve.map((p) => p.y))];
  // Where the label may go: along the curve, a label's width beyond its ends, four heights above and below.
  const reach = {
    x: left - size.width,
    y: top - 4 * size.height,
    width: right - left + 2 * size.width,
    height: bottom - top + 8 * size.height,
  };
  return { ...placeLinkLabel(curve, size, names.near(reach)), ...size };
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The box a sticky's name takes on it, as the canvas lays it out: centred, wrapped to the sticky's
 * width less its padding, at `fontSize` with a line height of 1.2. An estimate from the number of
 * characters (0.55 em each, a little wide for most fonts), so a label kept off it stays off the
 * real text.
 */
export function nameBox(sticky: Box & { name: string }, fontSize: number, padding = 8): Box {
  const inner = Math.max(1, sticky.width - 2 * padding);
  const perLine = Math.max(1, Math.floor(inner / (fontSize * 0.55)));
  const maxLines = Math.max(1, Math.floor((sticky.height - 2 * padding) / (fontSize * 1.2)));
  const words = sticky.name
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  let lines = 0;
  let longest = 0;
  let current = 0;
  for (const word of words) {
    const length = [...word].length;
    if (current > 0 && current + 1 + length <= perLine) current += 1 + length;
    else {
      if (current > 0) longest = Math.max(longest, current);
      lines += Math.ceil(length / perLine);
      current = length > perLine ? length % perLine || perLine : length;
    }
  }
  longest = Math.max(longest, current);
  lines = Math.min(Math.max(lines, words.length > 0 ? 1 : 0), maxLines);
  const width = Math.min(inner, longest * fontSize * 0.55);
  const height = lines * fontSize * 1.2;
  return { x: sticky.x + (sticky.width - width) / 2, y: sticky.y + (sticky.height - height) / 2, width, height };
}

/**
 * Boxes filed by the cells of a coarse grid, so that a link asks only for the boxes near it: a
 * board of 5,000 stickies is not walked once per link.
 */
export class BoxGrid {
  readonly #cells = new Map<string, Box[]>();
  constructor(
    boxes: Iterable<Box>,
    readonly cell = 400,
  ) {
    for (const box of boxes) {
      for (const key of this.#keys(box)) {
        const cell = this.#cells.get(key);
        if (cell) cell.push(box);
        else this.#cells.set(key, [box]);
      }
    }
  }

  /** Every box that meets the rectangle, once. */
  near(area: Box): Box[] {
    const found = new Set<Box>();
    for (const key of this.#keys(area))
      for (const box of this.#cells.get(key) ?? []) if (overlap(area, box) > 0) found.add(box);
    return [...found];
  }

  *#keys(box: Box): Generator<string> {
    const x0 = Math.floor(box.x / this.cell);
    const y0 = Math.floor(box.y / this.cell);
    const x1 = Math.floor((box.x + box.width) / this.cell);
    const y1 = Math.floor((box.y + box.height) / this.cell);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield `${x},${y}`;
  }
}
