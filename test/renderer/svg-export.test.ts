import { describe, expect, it } from 'vitest';
import { boardToSvg } from '../../renderer/src/export/svg.ts';
import { emptyBoard } from '../../renderer/src/store/board-ops.ts';

describe('SVG export', () => {
  const board = {
    ...emptyBoard('Cafe <test>'),
    elements: [
      { id: 'c', kind: 'command' as const, name: 'Order & pay', x: 0, y: 0, width: 160, height: 100 },
      { id: 'u', kind: 'actor' as const, name: 'Guest', x: 300, y: 0, width: 100, height: 70 },
    ],
    links: [{ id: 'l', from: 'c', to: 'u' }],
  };

  it('draws every sticky with its colour and escapes names', () => {
    const { svg, width, height } = boardToSvg(board);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Order &amp; pay');
    expect(svg).toContain('<title>Cafe &lt;test&gt;</title>');
    expect(svg).toContain('#5fb0ff');
    expect(width).toBe(480);
    expect(height).toBe(180);
  });

  it('marks links outside the grammar, and exports only the selection when asked', () => {
    expect(boardToSvg(board).svg).toContain('stroke="#d11"');
    const only = boardToSvg(board, new Set(['u'])).svg;
    expect(only).toContain('Guest');
    expect(only).not.toContain('Order &amp; pay');
  });
});
