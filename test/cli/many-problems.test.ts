import { describe, expect, it } from 'vitest';
import { formatReport } from '../../generator/cli/commands/check.ts';
import type { Board, EventElement } from '../../model/board/types.ts';
import { boardToSvg } from '../../model/export/board-svg.ts';
import type { Problem } from '../../model/lint/problem.ts';

// ~125,000 problems made `check` die with "Maximum call stack size exceeded": a spread of every
// problem into one call's arguments. Far more than any call may take, on any Node.
const MANY = 200_000;

describe('boards with very many problems or stickies', () => {
  it('check prints a report of 200,000 problems', () => {
    const problems: Problem[] = Array.from({ length: MANY }, (_, i) => ({
      rule: i % 2 ? 'event-no-producer' : 'name-not-past-tense',
      severity: 'warning',
      message: `Problem ${i}.`,
      fix: 'Fix it.',
      elementId: `e${i}`,
      elementName: `Thing ${i} happened`,
    }));
    const report = formatReport('many.storm.json', 'many', problems, { quiet: false, color: false });
    expect(report.startsWith('many.storm.json ("many"): 0 errors, 200000 warnings, 0 info')).toBe(true);
    expect(report).toContain('warning  name-not-past-tense  "Thing 199998 happened" (e199998)');
  });

  it("the report's board image frames 150,000 stickies", () => {
    const elements: EventElement[] = Array.from({ length: 150_000 }, (_, i) => ({
      id: `e${i}`,
      kind: 'event',
      name: `E${i}`,
      x: i,
      y: -i,
      width: 10,
      height: 10,
    }));
    const board: Board = {
      format: 'stormbench.board',
      formatVersion: 1,
      name: 'many',
      contexts: [],
      elements,
      links: [],
    };
    expect(boardToSvg(board).svg).toMatch(/viewBox="-40 -\d+ \d+ \d+"/);
  });
});
