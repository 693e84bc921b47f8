import type { Board, Element, ElementKind } from '../board/types.ts';
import { xmlSafe } from './xml.ts';

/**
 * The board as one SVG image: context frames, stickies in the Event Storming colours, arrows for
 * links. Self-contained (no fonts, images or scripts are referenced) and every name is escaped,
 * so it can be inlined into the report or opened on its own.
 */

export const STICKY_COLORS: Readonly<Record<ElementKind, string>> = {
  event: '#f9a43a',
  command: '#5eb0ef',
  aggregate: '#fbe15b',
  policy: '#c9a7eb',
  readModel: '#8ad08f',
  externalSystem: '#f3a4c8',
  actor: '#fff3a0',
  hotspot: '#e5484d',
};

export const KIND_LABELS: Readonly<Record<ElementKind, string>> = {
  event: 'Event',
  command: 'Command',
  aggregate: 'Aggregate',
  policy: 'Policy',
  readModel: 'Read model',
  externalSystem: 'External system',
  actor: 'Actor',
  hotspot: 'Hotspot',
};

export interface SvgOptions {
  /** Accessible title of the image. */
  title?: string;
}

const PAD = 40;

export function boardToSvg(board: Board, options: SvgOptions = {}): string {
  const boxes = [...board.contexts, ...board.elements].filter((b) => [b.x, b.y, b.width, b.height].every(Number.isFinite));
  // Folded, not spread into Math.min(...): a call takes only so many arguments (~120,000 stickies).
  const minX = boxes.reduce((least, b) => Math.min(least, b.x), 0) - PAD;
  const minY = boxes.reduce((least, b) => Math.min(least, b.y), 0) - PAD;
  const maxX = boxes.reduce((most, b) => Math.max(most, b.x + b.width), 100) + PAD;
  const maxY = boxes.reduce((most, b) => Math.max(most, b.y + b.height), 100) + PAD;
  const width = Math.round(maxX - minX);
  const height = Math.round(maxY - minY);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(minX)} ${n(minY)} ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="board-title" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">`,
    `<title id="board-title">${xmlSafe(options.title ?? board.name)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#555"/></marker></defs>',
    `<rect x="${n(minX)}" y="${n(minY)}" width="${width}" height="${height}" fill="#fbfaf7"/>`,
  );
  out.push('<g class="contexts">');
  for (const c of board.contexts) {
    out.push(
      `<g class="context" data-id="${xmlSafe(c.id)}"><rect x="${n(c.x)}" y="${n(c.y)}" width="${n(c.width)}" height="${n(c.height)}" rx="16" fill="#eef2f7" fill-opacity="0.6" stroke="#7a8ca3" stroke-width="3" stroke-dasharray="14 8"/>` +
        `<text x="${n(c.x + 20)}" y="${n(c.y + 40)}" font-size="30" font-weight="700" fill="#3c4a5c">${xmlSafe(clip(c.name, Math.max(8, Math.floor(c.width / 17))))}</text></g>`,
    );
  }
  out.push('</g><g class="links" stroke="#555" stroke-width="2" fill="none">');
  const byId = new Map(board.elements.map((e) => [e.id, e]));
  for (const link of board.links) {
    const from = byId.get(link.from);
    const to = byId.get(link.to);
    if (!from || !to || from === to) continue;
    const [x1, y1] = edgePoint(from, to);
    const [x2, y2] = edgePoint(to, from);
    out.push(`<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" marker-end="url(#arrow)"${from.kind === 'hotspot' ? ' stroke="#e5484d" stroke-dasharray="6 4"' : ''}/>`);
  }
  out.push('</g><g class="stickies">');
  for (const e of board.elements) out.push(sticky(e));
  out.push('</g></svg>');
  return out.join('\n');
}

function sticky(e: Element): string {
  const fill = e.color ?? STICKY_COLORS[e.kind] ?? '#ddd';
  const dark = e.kind === 'hotspot' && e.color === undefined;
  const fontSize = e.kind === 'actor' ? 14 : 16;
  const perLine = Math.max(4, Math.floor((e.width - 16) / (fontSize * 0.55)));
  const maxLines = Math.max(1, Math.floor((e.height - 16) / (fontSize * 1.25)));
  const lines = wrap(e.name, perLine, maxLines);
  const top = e.y + e.height / 2 - ((lines.length - 1) * fontSize * 1.25) / 2 + fontSize * 0.35;
  const text = lines
    .map((line, i) => `<tspan x="${n(e.x + e.width / 2)}" y="${n(top + i * fontSize * 1.25)}">${xmlSafe(line)}</tspan>`)
    .join('');
  const resolved = e.kind === 'hotspot' && e.resolved === true ? ' opacity="0.45"' : '';
  return (
    `<g class="sticky ${e.kind}" data-id="${xmlSafe(e.id)}"${resolved}><title>${xmlSafe(`${KIND_LABELS[e.kind] ?? e.kind}: ${e.name}`)}</title>` +
    `<rect x="${n(e.x)}" y="${n(e.y)}" width="${n(e.width)}" height="${n(e.height)}" rx="4" fill="${xmlSafe(fill)}" stroke="#00000026" stroke-width="1.5"/>` +
    `<text text-anchor="middle" font-size="${fontSize}" fill="${dark ? '#fff' : '#1d1d1d'}">${text}</text></g>`
  );
}

/** Where the line between two stickies' centres leaves the first sticky's rectangle. */
function edgePoint(a: Element, b: Element): [number, number] {
  const ax = a.x + a.width / 2;
  const ay = a.y + a.height / 2;
  const dx = b.x + b.width / 2 - ax;
  const dy = b.y + b.height / 2 - ay;
  if (dx === 0 && dy === 0) return [ax, ay];
  const scale = Math.min(Math.abs(a.width / 2 / (dx || 1e-9)), Math.abs(a.height / 2 / (dy || 1e-9)));
  return [ax + dx * Math.min(1, scale), ay + dy * Math.min(1, scale)];
}

/** Greedy word wrap; a word longer than a line is cut; the last line ends with … when text remains. */
export function wrap(text: string, perLine: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let current = '';
  let i = 0;
  for (; i < words.length; i++) {
    let word = words[i]!;
    if ([...word].length > perLine) word = `${[...word].slice(0, perLine - 1).join('')}…`;
    const next = current === '' ? word : `${current} ${word}`;
    if ([...next].length <= perLine) {
      current = next;
      continue;
    }
    lines.push(current);
    current = word;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && current !== '') {
    lines.push(current);
    current = '';
    i = words.length;
  }
  if (i < words.length || current !== '') {
    const last = lines[lines.length - 1] ?? '';
    lines[lines.length - 1] = `${[...last].slice(0, Math.max(1, perLine - 1)).join('')}…`;
  }
  return lines.length > 0 ? lines : [''];
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}
