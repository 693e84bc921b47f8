import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../../model/board/kinds.ts';
import { ELEMENT_KINDS, type Board, type Element } from '../../../model/board/types.ts';
import { lintBoard } from '../../../model/lint/lint.ts';
import { STYLE_OF } from '../../../renderer/src/kinds.ts';
import { emptyBoard } from '../../../model/board/edit.ts';
import { ROOT } from '../../support/boards.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sources(path);
    return /\.(ts|svelte)$/.test(entry) ? [path] : [];
  });
}

describe('the names and colours of sticky kinds (model/board/kinds.ts)', () => {
  it("are written in one table: no other source spells a kind's label as a string of its own", () => {
    // The spellings code would not use for anything else: the labels, and the nouns of two words.
    const spellings = new Set(
      ELEMENT_KINDS.flatMap((k) => [KINDS[k].label, KINDS[k].noun, KINDS[k].plural]).filter((s) => /^[A-Z]| /.test(s)),
    );
    const literal = new RegExp(`(['"\`])(${[...spellings].join('|')})\\1`);
    const found = ['model', 'renderer', 'generator', 'electron', 'contract']
      .flatMap((folder) => sources(join(ROOT, folder)))
      .filter((file) => !file.endsWith(join('model', 'board', 'kinds.ts')))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => [`${relative(ROOT, file)}:${i + 1}`, line] as const),
      )
      .filter(([, line]) => literal.test(line))
      .map(([where]) => where);
    expect(found).toEqual([]);
  });

  it('are the same in the palette, in lint messages and where the generate dialog finds a sticky', () => {
    const board: Board = {
      ...emptyBoard('Kinds'),
      elements: ELEMENT_KINDS.map(
        (kind, i): Element =>
          ({ id: `s-${kind}`, kind, name: 'Same name', x: i * 200, y: 0, width: 160, height: 100 }) as Element,
      ),
    };
    for (const kind of ELEMENT_KINDS) {
      expect(STYLE_OF[kind]).toMatchObject({
        label: KINDS[kind].label,
        color: KINDS[kind].color,
        ink: KINDS[kind].ink,
      });
    }
    const unknown = lintBoard({ ...board, elements: board.elements.map((e) => ({ ...e, context: 'nowhere' })) }).filter(
      (p) => p.rule === 'unknown-context',
    );
    expect(unknown.map((p) => p.message.split(' "')[0])).toEqual(ELEMENT_KINDS.map((k) => `The ${KINDS[k].noun}`));
  });
});
