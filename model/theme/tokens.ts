import { KINDS } from '../board/kinds.ts';
import { ELEMENT_KINDS, type ElementKind } from '../board/types.ts';

/**
 * The design tokens: every colour, space, type size, radius and shadow the app and the workshop
 * report draw with, as CSS custom properties. The app puts `themeCss()` in its page; the report
 * and the board image (model/export/) inline `THEMES.light`, since they must stand on their own.
 * Sticky colours are not written here: they come from model/board/kinds.ts, the dark theme's
 * from the same colours, dimmed (`kindColors`).
 */

export type ThemeName = 'light' | 'dark';
export const THEME_NAMES: readonly ThemeName[] = ['light', 'dark'];

/** The colours of one theme, by role. Each becomes `--color-<role>` (camelCase to kebab-case). */
export interface Palette {
  /** Behind the panels: the workspace, the toolbar's strip. */
  bg: string;
  /** Panels, dialogs, fields. */
  surface: string;
  /** A quiet panel inside a panel: headers, code, rows that stand apart. */
  surfaceAlt: string;
  /** Pressed buttons, hovered rows, stripes. */
  surfaceStrong: string;
  /** A panel drawn over the canvas (link labels, the minimap), see-through. */
  overlay: string;
  /** Behind a modal dialog. */
  backdrop: string;
  text: string;
  textMuted: string;
  textFaint: string;
  border: string;
  borderStrong: string;
  /** Selection, focus, links, the current item. */
  accent: string;
  /** A button that is the main action: filled with it, text in `onStrong`. */
  accentStrong: string;
  accentSoft: string;
  accentBorder: string;
  danger: string;
  dangerStrong: string;
  dangerSoft: string;
  dangerBorder: string;
  ok: string;
  okSoft: string;
  okBorder: string;
  warn: string;
  warnStrong: string;
  warnSoft: string;
  warnBorder: string;
  /** Text on a filled (`…Strong`) background. */
  onStrong: string;
  /** Code blocks that are dark in both themes (a command to copy). */
  codeBg: string;
  codeText: string;
  /** The board. */
  canvas: string;
  /** Behind the board in an image file and in the report: paper, whatever the board's theme. */
  paper: string;
  canvasDots: string;
  frameBorder: string;
  frameFill: string;
  frameTitle: string;
  frameTitleBg: string;
  /** Arrows the grammar knows, and those it does not. */
  link: string;
  linkOff: string;
}

const LIGHT: Palette = {
  bg: '#f6f7f9',
  surface: '#ffffff',
  surfaceAlt: '#f3f4f7',
  surfaceStrong: '#e7eaf0',
  overlay: 'rgba(255, 255, 255, 0.88)',
  backdrop: 'rgba(20, 24, 32, 0.35)',
  text: '#1d2330',
  textMuted: '#4f5663',
  textFaint: '#656d7a',
  border: '#d6dae3',
  borderStrong: '#b9c1ce',
  accent: '#1a5fd0',
  accentStrong: '#1a5fd0',
  accentSoft: '#e8eefc',
  accentBorder: '#9fb9e3',
  danger: '#b00000',
  dangerStrong: '#b3261e',
  dangerSoft: '#fdeeee',
  dangerBorder: '#e3b4b4',
  ok: '#17692b',
  okSoft: '#e3f4e6',
  okBorder: '#a9d8b3',
  warn: '#6b4e00',
  warnStrong: '#9a6b00',
  warnSoft: '#fff4d6',
  warnBorder: '#e8c66a',
  onStrong: '#ffffff',
  codeBg: '#1d2330',
  codeText: '#e8edf5',
  canvas: '#eef0f4',
  paper: '#fbfaf7',
  canvasDots: '#91919a',
  frameBorder: '#7a8ca3',
  frameFill: 'rgba(226, 232, 244, 0.35)',
  frameTitle: '#3a4252',
  frameTitleBg: 'rgba(255, 255, 255, 0.7)',
  link: '#555555',
  linkOff: '#dd1111',
};

const DARK: Palette = {
  bg: '#14171c',
  surface: '#1c2027',
  surfaceAlt: '#232831',
  surfaceStrong: '#2e3440',
  overlay: 'rgba(28, 32, 39, 0.88)',
  backdrop: 'rgba(0, 0, 0, 0.55)',
  text: '#e4e8ef',
  textMuted: '#b4bcc8',
  textFaint: '#8e97a6',
  border: '#353c48',
  borderStrong: '#4b5466',
  accent: '#7eaaff',
  accentStrong: '#2f6ad6',
  accentSoft: '#1f2f4d',
  accentBorder: '#3d5a8f',
  danger: '#ff8a80',
  dangerStrong: '#c0362c',
  dangerSoft: '#3a1f21',
  dangerBorder: '#7a3a3c',
  ok: '#74d68e',
  okSoft: '#17301f',
  okBorder: '#2f6b40',
  warn: '#e9c05a',
  warnStrong: '#8f6a00',
  warnSoft: '#33290f',
  warnBorder: '#7a6420',
  onStrong: '#ffffff',
  codeBg: '#0e1014',
  codeText: '#e8edf5',
  canvas: '#181b21',
  paper: '#1c1f25',
  canvasDots: '#4a505c',
  frameBorder: '#7d889b',
  frameFill: 'rgba(90, 104, 130, 0.16)',
  frameTitle: '#d3d9e3',
  frameTitleBg: 'rgba(28, 32, 39, 0.75)',
  link: '#aab2c0',
  linkOff: '#ff6b6b',
};

export const THEMES: Readonly<Record<ThemeName, Palette>> = { light: LIGHT, dark: DARK };

/** Spaces, in pixels: `--space-1` … `--space-9`. */
export const SPACE = [2, 4, 6, 8, 10, 12, 16, 20, 24] as const;

/** Type sizes: `--text-xs` … `--text-2xl`. */
export const TEXT = {
  xs: '11px',
  sm: '12px',
  md: '13px',
  base: '14px',
  lg: '16px',
  xl: '18px',
  '2xl': '22px',
} as const;

export const RADIUS = { sm: '3px', md: '4px', lg: '6px', xl: '8px', round: '50%' } as const;

export const FONT = {
  sans: "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
  mono: "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace",
} as const;

const SHADOWS: Readonly<Record<ThemeName, Record<'sticky' | 'raised' | 'card' | 'dialog' | 'dock', string>>> = {
  light: {
    sticky: '1px 2px 4px rgba(0, 0, 0, 0.25)',
    raised: '1px 1px 2px rgba(0, 0, 0, 0.3)',
    card: '0 2px 10px rgba(0, 0, 0, 0.06)',
    dialog: '0 10px 30px rgba(0, 0, 0, 0.25)',
    dock: '0 -2px 6px rgba(30, 40, 60, 0.06)',
  },
  dark: {
    sticky: '1px 2px 5px rgba(0, 0, 0, 0.6)',
    raised: '1px 1px 3px rgba(0, 0, 0, 0.6)',
    card: '0 2px 10px rgba(0, 0, 0, 0.4)',
    dialog: '0 10px 30px rgba(0, 0, 0, 0.6)',
    dock: '0 -2px 6px rgba(0, 0, 0, 0.4)',
  },
};

/**
 * How much a sticky's colour is darkened in the dark theme: enough that eight bright squares do
 * not glare on a dark board, little enough that each is the colour a workshop knows it by.
 */
const DARK_DIM = 0.14;

/** A sticky kind's fill and text colour in a theme, from model/board/kinds.ts. */
export function kindColors(kind: ElementKind, theme: ThemeName): { color: string; ink: string } {
  const look = KINDS[kind];
  return theme === 'light'
    ? { color: look.color, ink: look.ink }
    : { color: mix(look.color, '#000000', DARK_DIM), ink: look.ink };
}

/** `event` → `--kind-event`, `readModel` → `--kind-read-model` (and `…-ink` for its text). */
export function kindVar(kind: ElementKind, part: 'color' | 'ink' = 'color'): string {
  return `--kind-${kebab(kind)}${part === 'ink' ? '-ink' : ''}`;
}

/** Every custom property of a theme, name → value. */
export function themeVariables(theme: ThemeName): Map<string, string> {
  const vars = new Map<string, string>();
  for (const [role, value] of Object.entries(THEMES[theme])) vars.set(`--color-${kebab(role)}`, value);
  for (const kind of ELEMENT_KINDS) {
    const { color, ink } = kindColors(kind, theme);
    vars.set(kindVar(kind), color);
    vars.set(kindVar(kind, 'ink'), ink);
  }
  for (const [name, value] of Object.entries(SHADOWS[theme])) vars.set(`--shadow-${name}`, value);
  return vars;
}

/** What does not change with the theme. */
export function scaleVariables(): Map<string, string> {
  const vars = new Map<string, string>();
  SPACE.forEach((px, i) => vars.set(`--space-${i + 1}`, `${px}px`));
  for (const [name, value] of Object.entries(TEXT)) vars.set(`--text-${name}`, value);
  for (const [name, value] of Object.entries(RADIUS)) vars.set(`--radius-${name}`, value);
  for (const [name, value] of Object.entries(FONT)) vars.set(`--font-${name}`, value);
  return vars;
}

/** The light theme's tokens as declarations for one rule, for a page that stands on its own (the report). */
export function lightDeclarations(): string {
  return [...scaleVariables(), ...themeVariables('light')].map(([name, value]) => `${name}: ${value};`).join(' ');
}

/**
 * The stylesheet of the tokens. Light by default; dark when the system prefers it, unless the
 * page says otherwise with `data-theme` on the root element (the app's remembered choice).
 */
export function themeCss(): string {
  const block = (selector: string, vars: Map<string, string>, scheme?: ThemeName) =>
    `${selector} {\n${scheme ? `  color-scheme: ${scheme};\n` : ''}${[...vars].map(([name, value]) => `  ${name}: ${value};`).join('\n')}\n}`;
  return [
    block(':root', new Map([...scaleVariables(), ...themeVariables('light')]), 'light'),
    `@media (prefers-color-scheme: dark) {\n${block(":root:not([data-theme='light'])", themeVariables('dark'), 'dark')}\n}`,
    block(":root[data-theme='dark']", themeVariables('dark'), 'dark'),
    '',
  ].join('\n');
}

/** `color` moved `amount` (0…1) of the way towards `other`; both `#rrggbb`. */
export function mix(color: string, other: string, amount: number): string {
  const a = rgbOf(color);
  const b = rgbOf(other);
  return `#${a
    .map((c, i) =>
      Math.round(c + (b[i]! - c) * amount)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** `#rgb` or `#rrggbb` as three 0…255 channels. */
export function rgbOf(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`"${hex}" is not a #rgb or #rrggbb colour`);
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function kebab(name: string): string {
  return name.replace(/[A-Z0-9]/g, (c) => `-${c.toLowerCase()}`);
}
