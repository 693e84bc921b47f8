import { linkReading } from '../board/grammar.ts';
import { KINDS } from '../board/kinds.ts';
import { curvePath, linkCurve } from '../board/link-ends.ts';
import { BoxGrid, linkLabel, nameBox } from '../board/link-label.ts';
import type { Board, Context, Element } from '../board/types.ts';
import { FONT, THEMES } from '../theme/tokens.ts';
import { xmlSafe } from './xml.ts';

/**
 * The board as one SVG image: context frames, stickies in the colours of the canvas
 * (model/board/kinds.ts), arrows where the canvas draws them, the ones outside the grammar dashed
 * red as there. Self-contained (no fonts, images or scripts are referenced) and every name is
 * escaped, so it can be inlined into the report, written by `stormbench export` or downloaded from
 * the app; all three draw with this one function. Its colours are the light theme's tokens
 * (model/theme/tokens.ts), written out: an image file cannot follow the page's theme.
 */

export interface SvgOptions {
  /** Accessible title of the image; the board's name by default. */
  title?: string;
  /** Draw only these stickies (and the frames of their contexts); all when absent or empty. */
  only?: ReadonlySet<string>;
}

export interface BoardImage {
  svg: string;
  width: number;
  height: number;
}

const PAD = 40;
const COLORS = THEMES.light;
const LINK = COLORS.link;
const OFF_GRAMMAR = COLORS.linkOff;

export function boardToSvg(board: Board, options: SvgOptions = {}): BoardImage {
  const only = options.only !== undefined && options.only.size > 0 ? options.only : undefined;
  const placed = (b: { x: number; y: number; width: number; height: number }) =>
    [b.x, b.y, b.width, b.height].every(Number.isFinite);
  const elements = board.elements.filter((e) => placed(e) && (!only || only.has(e.id)));
  const contexts = board.contexts.filter(
    (c) => placed(c) && (!only || only.has(c.id) || elements.some((e) => e.context === c.id)),
  );
  const boxes = [...contexts, ...elements];
  // Folded, not spread into Math.min(...): a call takes only so many arguments (~120,000 stickies).
  const fold = (pick: (b: (typeof boxes)[number]) => number, keep: (x: number, y: number) => number, empty: number) =>
    boxes.length > 0 ? boxes.reduce((acc, b) => keep(acc, pick(b)), pick(boxes[0]!)) : empty;
  const minX = fold((b) => b.x, Math.min, 0) - PAD;
  const minY = fold((b) => b.y, Math.min, 0) - PAD;
  const maxX = fold((b) => b.x + b.width, Math.max, 320) + PAD;
  const maxY = fold((b) => b.y + b.height, Math.max, 220) + PAD;
  const width = Math.ceil(maxX - minX);
  const height = Math.ceil(maxY - minY);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n(minX)} ${n(minY)} ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="board-title" font-family="${xmlSafe(FONT.sans)}">`,
    `<title id="board-title">${xmlSafe(options.title ?? board.name)}</title>`,
    `<defs>${marker('arrow', LINK)}${marker('arrow-off', OFF_GRAMMAR)}</defs>`,
    `<rect x="${n(minX)}" y="${n(minY)}" width="${width}" height="${height}" fill="${COLORS.paper}"/>`,
    '<g class="contexts">',
    ...contexts.map(frame),
    '</g><g class="links" stroke-width="2" fill="none">',
  ];
  const byId = new Map(elements.map((e) => [e.id, e]));
  // Each link says what it means ("is handled by"), or "?" outside the grammar, as on the canvas,
  // placed off the stickies' names by the canvas's rule and drawn above the stickies.
  const names = new BoxGrid(elements.map((e) => nameBox(e, imageNameFont(e))));
  const labels: string[] = [];
  for (const link of board.links) {
    const from = byId.get(link.from);
    const to = byId.get(link.to);
    if (!from || !to || from === to) continue;
    const curve = linkCurve(from, to);
    const reading = linkReading(from.kind, to.kind);
    const off = reading === undefined;
    const style = off
      ? `stroke="${OFF_GRAMMAR}" stroke-dasharray="6 4" marker-end="url(#arrow-off)"`
      : `stroke="${LINK}" marker-end="url(#arrow)"`;
    out.push(`<path class="link${off ? ' off-grammar' : ''}" d="${curvePath(curve, n)}" ${style}/>`);
    const text = reading ?? '?';
    const at = linkLabel(curve, text, names);
    labels.push(
      `<g class="link-label${off ? ' off-grammar' : ''}"><rect x="${n(at.x - at.width / 2)}" y="${n(at.y - at.height / 2)}" width="${n(at.width)}" height="${n(at.height)}" rx="3" fill="${COLORS.overlay}"/>` +
        `<text x="${n(at.x)}" y="${n(at.y)}" text-anchor="middle" dominant-baseline="central"${off ? ` fill="${COLORS.danger}" font-weight="700"` : ''}>${xmlSafe(text)}</text></g>`,
    );
  }
  out.push('</g><g class="stickies">');
  for (const element of elements) out.push(sticky(element));
  out.push(`</g><g class="link-labels" font-size="11" fill="${COLORS.textMuted}">`, ...labels, '</g></svg>');
  return { svg: out.join('\n'), width, height };
}

function marker(id: string, color: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${color}"/></marker>`;
}

function frame(c: Context): string {
  return (
    `<g class="context" data-id="${xmlSafe(c.id)}"><rect x="${n(c.x)}" y="${n(c.y)}" width="${n(c.width)}" height="${n(c.height)}" rx="16" fill="${COLORS.frameFill}" stroke="${COLORS.frameBorder}" stroke-width="3" stroke-dasharray="14 8"/>` +
    `<text x="${n(c.x + 20)}" y="${n(c.y + 40)}" font-size="30" font-weight="700" fill="${COLORS.frameTitle}">${xmlSafe(clip(c.name, Math.max(8, Math.floor(c.width / 17))))}</text></g>`
  );
}

/** The size of a sticky's name in the image (actors are small stickies). */
export const imageNameFont = (e: Pick<Element, 'kind'>): number => (e.kind === 'actor' ? 14 : 16);

function sticky(e: Element): string {
  const look = KINDS[e.kind];
  const fontSize = imageNameFont(e);
  const perLine = Math.max(4, Math.floor((e.width - 16) / (fontSize * 0.55)));
  const maxLines = Math.max(1, Math.floor((e.height - 16) / (fontSize * 1.25)));
  const lines = wrap(e.name, perLine, maxLines);
  const top = e.y + e.height / 2 - ((lines.length - 1) * fontSize * 1.25) / 2 + fontSize * 0.35;
  const text = lines
    .map((line, i) => `<tspan x="${n(e.x + e.width / 2)}" y="${n(top + i * fontSize * 1.25)}">${xmlSafe(line)}</tspan>`)
    .join('');
  const resolved = e.kind === 'hotspot' && e.resolved === true ? ' opacity="0.45"' : '';
  return (
    `<g class="sticky ${e.kind}" data-id="${xmlSafe(e.id)}"${resolved}><title>${xmlSafe(`${look.label}: ${e.name}`)}</title>` +
    `<rect x="${n(e.x)}" y="${n(e.y)}" width="${n(e.width)}" height="${n(e.height)}" rx="4" fill="${xmlSafe(e.color ?? look.color)}" stroke="#00000026" stroke-width="1.5"/>` +
    `<text text-anchor="middle" font-size="${fontSize}" fill="${look.ink}">${text}</text></g>`
  );
}

/** Greedy word wrap; a word longer than a line is cut; the last line ends with … when text remains. */
function wrap(text: string, perLine: number, maxLines: number): string[] {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
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
