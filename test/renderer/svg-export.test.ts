import { describe, expect, it } from 'vitest';
import { KINDS } from '../../model/board/kinds.ts';
import { ELEMENT_KINDS, type Board } from '../../model/board/types.ts';
import { linkReading } from '../../model/board/grammar.ts';
import { BoxGrid, nameBox } from '../../model/board/link-label.ts';
import { boardToSvg, imageNameFont } from '../../model/export/board-svg.ts';
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

  it('says on each link what it means, as the canvas does, above the stickies and off their names', () => {
    const workshop = example('order-fulfilment');
    const { svg } = boardToSvg(workshop);
    const labels = [
      ...svg.matchAll(
        /<g class="link-label( off-grammar)?"><rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.-]+)" height="([\d.-]+)"[^>]*\/><text [^>]*>([^<]*)<\/text><\/g>/g,
      ),
    ].map((m) => ({
      off: m[1] !== undefined,
      box: { x: +m[2]!, y: +m[3]!, width: +m[4]!, height: +m[5]! },
      text: m[6]!,
    }));
    const byId = new Map(workshop.elements.map((e) => [e.id, e]));
    const drawn = workshop.links.filter((l) => byId.has(l.from) && byId.has(l.to) && l.from !== l.to);
    expect(drawn.length).toBeGreaterThan(10);
    expect(labels.map((l) => l.text)).toEqual(
      drawn.map((l) => linkReading(byId.get(l.from)!.kind, byId.get(l.to)!.kind) ?? '?'),
    );
    expect(labels.filter((l) => l.off).map((l) => l.text)).toEqual(labels.filter((l) => l.text === '?').map(() => '?'));
    // Drawn after the stickies (above them), and none on a sticky's name (at the image's type sizes).
    expect(svg.lastIndexOf('<g class="sticky ')).toBeLessThan(svg.indexOf('<g class="link-label'));
    const names = new BoxGrid(workshop.elements.map((e) => nameBox(e, imageNameFont(e))));
    const covering = labels.filter((l) => names.near(l.box).length > 0);
    expect(covering).toEqual([]);
    // The off-grammar link of the small board: "?" in the danger colour.
    expect(boardToSvg(board).svg).toMatch(
      new RegExp(`<g class="link-label off-grammar">.*fill="${THEMES.light.danger}" font-weight="700">\\?</text>`),
    );
  });
});
