import { describe, expect, it } from 'vitest';
import { KINDS } from '../../model/board/kinds.ts';
import { ELEMENT_KINDS, type Board } from '../../model/board/types.ts';
import { boardToSvg } from '../../model/export/board-svg.ts';
import { buildReport } from '../../model/export/report.ts';
import { THEMES } from '../../model/theme/tokens.ts';
import { reportFiles } from '../../generator/export/exports.ts';
import { STYLE_OF } from '../../renderer/src/kinds.ts';
import { emptyBoard } from '../../model/board/edit.ts';
import { example } from '../support/boards.ts';

describe('SVG export', () => {
  const board: Board = {
    ...emptyBoard('Cafe <test>'),
    elements: [
      { id: 'c', kind: 'command', name: 'Order & pay', x: 0, y: 0, width: 160, height: 100 },
      { id: 'u', kind: 'actor', name: 'Guest', x: 300, y: 0, width: 100, height: 70 },
    ],
    links: [{ id: 'l', from: 'c', to: 'u' }],
  };

  it('draws every sticky with its colour and escapes names', () => {
    const { svg, width, height } = boardToSvg(board);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Order &amp; pay');
    expect(svg).toContain('<title id="board-title">Cafe &lt;test&gt;</title>');
    expect(svg).toContain(`fill="${STYLE_OF.command.color}"`);
    expect(width).toBe(480);
    expect(height).toBe(180);
  });

  it('marks links outside the grammar, and exports only the selection when asked', () => {
    expect(boardToSvg(board).svg).toMatch(
      new RegExp(`<path class="link off-grammar"[^>]* stroke="${THEMES.light.linkOff}" stroke-dasharray="6 4"`),
    );
    const only = boardToSvg(board, { only: new Set(['u']) }).svg;
    expect(only).toContain('Guest');
    expect(only).not.toContain('Order &amp; pay');
  });

  it("draws the app's download, the report and `stormbench export` alike, in the canvas colours", () => {
    const workshop = example('order-fulfilment');
    const { svg } = boardToSvg(workshop);
    expect(buildReport(workshop)).toContain(svg);
    expect(reportFiles(workshop).find((f) => f.path[0] === 'board.svg')!.text).toContain(svg);
    for (const kind of ELEMENT_KINDS) expect(KINDS[kind].color).toBe(STYLE_OF[kind].color);
    const fills = [
      ...svg.matchAll(/<g class="sticky \w+" data-id="([^"]+)"[^>]*><title>[^<]*<\/title><rect [^>]*fill="([^"]+)"/g),
    ].map((m) => [m[1], m[2]]);
    expect(fills).toHaveLength(workshop.elements.length);
    for (const [id, fill] of fills) {
      const element = workshop.elements.find((e) => e.id === id)!;
      expect(fill).toBe(element.color ?? KINDS[element.kind].color);
    }
  });
});
