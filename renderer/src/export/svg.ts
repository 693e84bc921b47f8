import { linkReading } from '../../../model/board/grammar.ts';
import type { Board, Element } from '../../../model/board/types.ts';
import { floatingEnds } from '../canvas/floating.ts';
import { STYLE_OF } from '../kinds.ts';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Splits a sticky's name into lines that fit its width (a rough measure, good for a report). */
function wrap(text: string, width: number, size: number): string[] {
  const perLine = Math.max(4, Math.floor(width / (size * 0.55)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && (line + ' ' + word).length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, 6);
}

/**
 * The board (or the given ids of it) as a standalone SVG document, drawn from the model rather
 * than copied from the screen: it has every sticky, not only the visible ones, and no UI chrome.
 */
export function boardToSvg(board: Board, only?: ReadonlySet<string>): { svg: string; width: number; height: number } {
  const elements = only && only.size > 0 ? board.elements.filter((e) => only.has(e.id)) : board.elements;
  const inside = new Set(elements.map((e) => e.id));
  const contexts = only && only.size > 0 ? board.contexts.filter((c) => only.has(c.id) || elements.some((e) => e.context === c.id)) : board.contexts;
  const boxes = [...elements, ...contexts];
  const pad = 40;
  const minX = boxes.length ? Math.min(...boxes.map((b) => b.x)) - pad : 0;
  const minY = boxes.length ? Math.min(...boxes.map((b) => b.y)) - pad : 0;
  const maxX = boxes.length ? Math.max(...boxes.map((b) => b.x + b.width)) + pad : 400;
  const maxY = boxes.length ? Math.max(...boxes.map((b) => b.y + b.height)) + pad : 300;
  const width = Math.ceil(maxX - minX);
  const height = Math.ceil(maxY - minY);
  const byId = new Map(elements.map((e) => [e.id, e]));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${minX} ${minY} ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${esc(board.name)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>',
    `<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  for (const c of contexts) {
    parts.push(`<g><rect x="${c.x}" y="${c.y}" width="${c.width}" height="${c.height}" rx="8" fill="#f4f6fa" stroke="#8a94a6" stroke-width="2" stroke-dasharray="8 4"/>`);
    parts.push(`<text x="${c.x + 12}" y="${c.y + 24}" font-size="18" font-weight="bold" fill="#3a4252">${esc(c.name)}</text></g>`);
  }
  for (const l of board.links) {
    if (!inside.has(l.from) || !inside.has(l.to)) continue;
    const a = byId.get(l.from)!;
    const b = byId.get(l.to)!;
    const ok = linkReading(a.kind, b.kind) !== undefined;
    const ends = floatingEnds(a, b);
    parts.push(`<line x1="${ends.sx}" y1="${ends.sy}" x2="${ends.tx}" y2="${ends.ty}" stroke="${ok ? '#444' : '#d11'}" stroke-width="2"${ok ? '' : ' stroke-dasharray="6 4"'} marker-end="url(#arrow)"/>`);
  }
  for (const e of elements) parts.push(sticky(e));
  parts.push('</svg>');
  return { svg: parts.join('\n'), width, height };
}

function sticky(e: Element): string {
  const style = STYLE_OF[e.kind];
  const size = e.kind === 'actor' ? 13 : 15;
  const lines = wrap(e.name || '…', e.width - 16, size);
  const top = e.y + e.height / 2 - ((lines.length - 1) * size * 1.2) / 2 + size / 3;
  const text = lines.map((line, i) => `<tspan x="${e.x + e.width / 2}" y="${top + i * size * 1.2}">${esc(line)}</tspan>`).join('');
  return `<g><rect x="${e.x}" y="${e.y}" width="${e.width}" height="${e.height}" fill="${e.color ?? style.color}" stroke="rgba(0,0,0,0.25)"/><text text-anchor="middle" font-size="${size}" fill="${style.ink}">${text}</text></g>`;
}
