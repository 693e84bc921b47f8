import { describe, expect, it } from 'vitest';
import type { Board, EventElement } from '../../../model/board/types.ts';
import { lintBoard } from '../../../model/lint/lint.ts';
import { breakingStepOf, levelOf } from '../../../model/schema-diff/history.ts';

const v = (version: number, properties: Record<string, unknown>, required: string[] = []) => ({
  version,
  schema: { type: 'object', properties, required },
});

function board(event: Partial<EventElement>): Board {
  const sticky = {
    id: 'e1',
    kind: 'event',
    name: 'Order placed',
    x: 0,
    y: 0,
    width: 160,
    height: 100,
    ...event,
  } as EventElement;
  return { name: 'b', elements: [sticky], links: [], contexts: [] } as unknown as Board;
}

const historyProblems = (b: Board) => lintBoard(b).filter((p) => p.rule === 'schema-history-breaks-level');

describe('breakingStepOf', () => {
  it('finds the versions and first breaking path of the problem', () => {
    const b = board({
      versions: [v(1, { id: { type: 'string' } }), v(2, { id: { type: 'string' } }), v(3, { id: { type: 'integer' } })],
    });
    const [problem] = historyProblems(b);
    expect(breakingStepOf(b, problem!)).toEqual({ eventId: 'e1', from: 2, to: 3, focus: '#/properties/id' });
  });

  it('tells apart the steps of a transitive level that break against the same later version', () => {
    const b = board({
      compatibility: 'BACKWARD_TRANSITIVE',
      versions: [
        v(1, { id: { type: 'string' } }),
        v(2, { id: { type: 'string' }, n: { type: 'string' } }),
        v(3, { id: { type: 'integer' }, n: { type: 'string' } }),
      ],
    });
    const problems = historyProblems(b);
    expect(problems).toHaveLength(2);
    expect(problems.map((p) => breakingStepOf(b, p)).map((s) => `${s?.from}->${s?.to}`)).toEqual(['1->3', '2->3']);
  });

  it('gives nothing for another rule or a break fixed since', () => {
    const broken = board({ versions: [v(1, { id: { type: 'string' } }), v(2, { id: { type: 'integer' } })] });
    const [problem] = historyProblems(broken);
    const fixed = board({ versions: [v(1, { id: { type: 'string' } }), v(2, { id: { type: 'string' } })] });
    expect(breakingStepOf(fixed, problem!)).toBeUndefined();
    expect(breakingStepOf(broken, { ...problem!, rule: 'event-no-producer' })).toBeUndefined();
  });
});

describe('levelOf', () => {
  it("reads the sticky's level, else BACKWARD", () => {
    expect(levelOf(board({ compatibility: 'FULL' }), 'e1')).toBe('FULL');
    expect(levelOf(board({}), 'e1')).toBe('BACKWARD');
  });
});
