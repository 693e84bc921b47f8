import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/boards.ts';

/**
 * The app's colours and type sizes are the tokens of model/theme/tokens.ts; a colour written into
 * a component would stay the same in the dark theme. Each exception below says why it may.
 */
const EXCEPTIONS: ReadonlyArray<{ file: string; text: string; why: string }> = [
  {
    file: 'canvas/NameEditor.svelte',
    text: 'rgba(255, 255, 255, 0.55)',
    why: 'a wash over the sticky being renamed: the sticky, not the theme, is under it',
  },
  {
    file: 'canvas/PresenceLayer.svelte',
    text: 'stroke="#fff"',
    why: "the edge of a participant's pointer, drawn on that participant's own colour; an SVG attribute cannot take var()",
  },
  {
    file: 'canvas/StickyNode.svelte',
    text: 'font-size:',
    why: "a sticky's text is sized in board units, scaled with the canvas's zoom, not in the page's type scale",
  },
];

const COLOUR = /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(|\b(?:white|black)\b(?!-)|font-size:\s*\d/gi;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : /\.(svelte|css)$/.test(entry) ? [path] : [];
  });
}

describe('the renderer draws with the design tokens', () => {
  const src = join(ROOT, 'renderer', 'src');

  it('writes no colour and no type size of its own in components and stylesheets', () => {
    const found: string[] = [];
    for (const file of files(src)) {
      const name = relative(src, file);
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (!line.match(COLOUR)) return;
          if (EXCEPTIONS.some((e) => e.file === name && line.includes(e.text))) return;
          found.push(`${name}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found, 'use var(--color-…), var(--kind-…) or var(--text-…) from model/theme/tokens.ts').toEqual([]);
  });

  it('would notice one', () => {
    expect('  color: #1d2330;'.match(COLOUR)).not.toBeNull();
    expect('  background: rgba(0, 0, 0, 0.3);'.match(COLOUR)).not.toBeNull();
    expect('  border: 1px solid white;'.match(COLOUR)).not.toBeNull();
    expect('  white-space: nowrap;'.match(COLOUR)).toBeNull();
    expect('  font-size: 12px;'.match(COLOUR)).not.toBeNull();
    expect('  color: var(--color-text);'.match(COLOUR)).toBeNull();
  });
});
