import type { Board } from '../../../model/board/types.ts';
import { kindColors, THEMES, type ThemeName } from '../../../model/theme/tokens.ts';

export interface View {
  x: number;
  y: number;
  zoom: number;
}

/**
 * Draws stickies as plain rectangles (and links as thin lines) on a 2D canvas: what a board looks
 * like from far away, in a few milliseconds for thousands of stickies. Used by the far layer and
 * the minimap. Colours are the theme's tokens (model/theme/tokens.ts): a canvas cannot read CSS.
 */
export function drawBoard(
  context: CanvasRenderingContext2D,
  board: Board,
  view: View,
  size: { width: number; height: number },
  options: {
    theme: ThemeName;
    selected?: ReadonlySet<string>;
    links?: boolean;
    frames?: boolean;
    byId?: ReadonlyMap<string, Board['elements'][number]>;
  },
): void {
  const { x: tx, y: ty, zoom } = view;
  const palette = THEMES[options.theme];
  const left = -tx / zoom;
  const top = -ty / zoom;
  const right = left + size.width / zoom;
  const bottom = top + size.height / zoom;
  if (options.frames) {
    context.fillStyle = palette.surfaceStrong;
    for (const c of board.contexts) context.fillRect(tx + c.x * zoom, ty + c.y * zoom, c.width * zoom, c.height * zoom);
  }
  if (options.links !== false) {
    const byId = options.byId ?? new Map(board.elements.map((e) => [e.id, e]));
    context.strokeStyle = palette.link;
    context.globalAlpha = 0.45;
    context.lineWidth = 1;
    context.beginPath();
    for (const link of board.links) {
      const a = byId.get(link.from);
      const b = byId.get(link.to);
      if (!a || !b) continue;
      context.moveTo(tx + (a.x + a.width / 2) * zoom, ty + (a.y + a.height / 2) * zoom);
      context.lineTo(tx + (b.x + b.width / 2) * zoom, ty + (b.y + b.height / 2) * zoom);
    }
    context.stroke();
    context.globalAlpha = 1;
  }
  for (const e of board.elements) {
    if (e.x > right || e.y > bottom || e.x + e.width < left || e.y + e.height < top) continue;
    const style = kindColors(e.kind, options.theme);
    const sx = tx + e.x * zoom;
    const sy = ty + e.y * zoom;
    context.fillStyle = e.color ?? style.color;
    context.fillRect(sx, sy, Math.max(1, e.width * zoom), Math.max(1, e.height * zoom));
    if (options.selected?.has(e.id)) {
      context.strokeStyle = palette.accent;
      context.lineWidth = 2;
      context.strokeRect(sx - 1, sy - 1, e.width * zoom + 2, e.height * zoom + 2);
    }
  }
}

/**
 * Sizes a canvas for the screen's pixel ratio and returns its context, cleared. The size is set
 * only when it changes: setting it reallocates the canvas, and the minimap and the far layer are
 * drawn again on every frame of a pan.
 */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | undefined {
  const context = canvas.getContext('2d');
  if (!context) return undefined;
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(width * ratio);
  const h = Math.round(height * ratio);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return context;
}
