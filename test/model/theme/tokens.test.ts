import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../model/board/kinds.ts';
import { ELEMENT_KINDS } from '../../../model/board/types.ts';
import {
  kindColors,
  kindVar,
  mix,
  rgbOf,
  themeCss,
  themeVariables,
  THEME_NAMES,
  THEMES,
  type Palette,
} from '../../../model/theme/tokens.ts';

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = rgbOf(hex).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('contrast', () => {
  it('is 21 for black on white and 1 for a colour on itself', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffa24c', '#ffa24c')).toBe(1);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('sticky colours', () => {
  for (const theme of THEME_NAMES) {
    for (const kind of ELEMENT_KINDS) {
      it(`a ${kind} sticky's text reads on its colour in the ${theme} theme (≥ 4.5:1)`, () => {
        const { color, ink } = kindColors(kind, theme);
        expect(contrast(ink, color)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }

  it('come from model/board/kinds.ts: the light theme is the table, the dark one the same hue dimmed', () => {
    for (const kind of ELEMENT_KINDS) {
      expect(kindColors(kind, 'light')).toEqual({ color: KINDS[kind].color, ink: KINDS[kind].ink });
      const dark = kindColors(kind, 'dark');
      expect(dark.color).not.toBe(KINDS[kind].color);
      const [r, g, b] = rgbOf(KINDS[kind].color);
      const [dr, dg, db] = rgbOf(dark.color);
      // Dimmed, not recoloured: every channel darker by the same share.
      for (const [x, dx] of [
        [r, dr],
        [g, dg],
        [b, db],
      ] as const)
        expect(dx).toBeLessThanOrEqual(x);
      expect(dr / Math.max(1, r)).toBeCloseTo(dg / Math.max(1, g), 1);
    }
  });

  it('are distinct from each other in both themes, so a kind is known by its colour', () => {
    for (const theme of THEME_NAMES) {
      const colours = ELEMENT_KINDS.map((k) => kindColors(k, theme).color);
      expect(new Set(colours).size).toBe(ELEMENT_KINDS.length);
    }
  });

  it('stand out from the board in the dark theme', () => {
    for (const kind of ELEMENT_KINDS)
      expect(contrast(kindColors(kind, 'dark').color, THEMES.dark.canvas)).toBeGreaterThanOrEqual(3);
  });
});

describe('text on surfaces', () => {
  const pairs: ReadonlyArray<[keyof Palette, keyof Palette]> = [
    ['text', 'surface'],
    ['text', 'surfaceAlt'],
    ['text', 'surfaceStrong'],
    ['text', 'bg'],
    ['text', 'canvas'],
    ['textMuted', 'surface'],
    ['textMuted', 'surfaceAlt'],
    ['textMuted', 'bg'],
    ['textFaint', 'surface'],
    ['textFaint', 'bg'],
    ['accent', 'surface'],
    ['accent', 'accentSoft'],
    ['danger', 'surface'],
    ['danger', 'dangerSoft'],
    ['ok', 'surface'],
    ['ok', 'okSoft'],
    ['warn', 'surface'],
    ['warn', 'warnSoft'],
    ['onStrong', 'accentStrong'],
    ['onStrong', 'dangerStrong'],
    ['onStrong', 'warnStrong'],
    ['codeText', 'codeBg'],
    ['frameTitle', 'canvas'],
  ];
  for (const theme of THEME_NAMES) {
    for (const [fg, bg] of pairs) {
      it(`${fg} on ${bg} reads in the ${theme} theme (≥ 4.5:1)`, () => {
        expect(contrast(THEMES[theme][fg], THEMES[theme][bg])).toBeGreaterThanOrEqual(4.5);
      });
    }
  }
});

describe('themeCss', () => {
  const css = themeCss();

  it('declares every variable of both themes, the dark ones for the system preference and for data-theme="dark"', () => {
    for (const theme of THEME_NAMES)
      for (const [name, value] of themeVariables(theme)) expect(css).toContain(`${name}: ${value};`);
    expect(css).toMatch(
      /@media \(prefers-color-scheme: dark\) \{\n:root:not\(\[data-theme='light'\]\) \{\n {2}color-scheme: dark;/,
    );
    expect(css).toContain(":root[data-theme='dark'] {\n  color-scheme: dark;");
    expect(css).toContain('--space-4: 8px;');
    expect(css).toContain('--text-sm: 12px;');
  });

  it('names the kinds in kebab-case', () => {
    expect(kindVar('readModel')).toBe('--kind-read-model');
    expect(kindVar('externalSystem', 'ink')).toBe('--kind-external-system-ink');
    expect(css).toContain(`--kind-read-model: ${KINDS.readModel.color};`);
  });
});

describe('mix', () => {
  it('moves a colour towards another by the share given', () => {
    expect(mix('#ffffff', '#000000', 0.5)).toBe('#808080');
    expect(mix('#ffa24c', '#000000', 0)).toBe('#ffa24c');
    expect(mix('#102030', '#102030', 0.3)).toBe('#102030');
  });
});
