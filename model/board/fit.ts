import type { Box } from './link-ends.ts';

/** Where the board is drawn: board point (px, py) lands on pane pixel (x + zoom * px, y + zoom * py). */
export interface View {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The view that shows `bounds` (board units) whole in a pane, at most `maxZoom`, filling `fill`
 * of the room, and clear of what floats over the pane (`overlays`, pane pixels: the zoom buttons,
 * the minimap). When the board would run under one, the side of the pane it stands on is given up
 * and the board fitted again in what is left: with the schema dock open the canvas is short, and
 * a fitted board reached under the buttons.
 */
export function fitView(
  bounds: Box,
  pane: { width: number; height: number },
  options: { maxZoom: number; minZoom: number; fill?: number; overlays?: readonly Box[] },
): View {
  const fill = options.fill ?? 0.85;
  let area: Box = { x: 0, y: 0, width: pane.width, height: pane.height };
  const fitIn = (room: Box): View => {
    const zoom = Math.max(
      options.minZoom,
      Math.min(
        options.maxZoom,
        (room.width * fill) / Math.max(1, bounds.width),
        (room.height * fill) / Math.max(1, bounds.height),
      ),
    );
    return {
      x: room.x + room.width / 2 - (bounds.x + bounds.width / 2) * zoom,
      y: room.y + room.height / 2 - (bounds.y + bounds.height / 2) * zoom,
      zoom,
    };
  };
  let view = fitIn(area);
  for (const _ of options.overlays ?? []) {
    const drawn = {
      x: view.x + bounds.x * view.zoom,
      y: view.y + bounds.y * view.zoom,
      width: bounds.width * view.zoom,
      height: bounds.height * view.zoom,
    };
    const hit = (options.overlays ?? []).find(
      (o) =>
        o.x < drawn.x + drawn.width &&
        drawn.x < o.x + o.width &&
        o.y < drawn.y + drawn.height &&
        drawn.y < o.y + o.height,
    );
    if (!hit) break;
    const onLeft = hit.x + hit.width / 2 < pane.width / 2;
    const right = area.x + area.width;
    area = onLeft
      ? { ...area, x: Math.max(area.x, hit.x + hit.width), width: right - Math.max(area.x, hit.x + hit.width) }
      : { ...area, width: Math.min(right, hit.x) - area.x };
    if (area.width <= 0) break;
    view = fitIn(area);
  }
  return view;
}

/** The box around boxes (stickies and frames), or undefined when there are none. */
export function boundsOf(boxes: Iterable<Box>): Box | undefined {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const b of boxes) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  return left === Infinity ? undefined : { x: left, y: top, width: right - left, height: bottom - top };
}
