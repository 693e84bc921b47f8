import { describe, expect, it } from 'vitest';
import type { Board } from '../../../model/board/types.ts';
import { lintBoard } from '../../../model/lint/lint.ts';
import { messageInScenario, problemsByPart } from '../../../model/scenarios/problems.ts';
import { example } from '../../support/boards.ts';

describe('problemsByPart', () => {
  it("files the scenario lint rules' problems under the part of the form they are about", () => {
    const board: Board = example('order-fulfilment');
    const index = board.elements.findIndex((e) => e.id === 'agg-order-1');
    const aggregate = board.elements[index]!;
    if (aggregate.kind !== 'aggregate') throw new Error('example changed');
    const scenarios = aggregate.scenarios!;
    scenarios[1] = {
      ...scenarios[1]!,
      name: 'an order can be placed',
      given: [{ event: 'Order lost', data: {} }],
      when: { command: 'Ship it', data: {} },
    };
    scenarios[0] = { ...scenarios[0]!, then: [{ event: 'Order placed', data: { orderId: 3 } }] };
    const problems = lintBoard(board);

    const second = problemsByPart(problems, index, 1);
    expect([...second.keys()].sort()).toEqual(['given/0', 'name', 'when']);
    expect(second.get('given/0')!.map((p) => p.rule)).toEqual(['scenario-unknown-event']);
    expect(second.get('when')!.map((p) => p.rule)).toEqual(['scenario-unknown-command']);
    expect(second.get('name')!.map((p) => p.rule)).toEqual(['scenario-duplicate-name']);

    expect(
      problemsByPart(problems, index, 0)
        .get('then/0')!
        .map((p) => p.rule),
    ).toContain('scenario-data-invalid');
    // The form checks payloads itself as they are typed, so it can leave that rule out.
    expect(problemsByPart(problems, index, 0, ['scenario-data-invalid']).size).toBe(0);
    expect(problemsByPart(problems, index, 2).size).toBe(0);
  });
});

describe('messageInScenario', () => {
  it("drops the scenario's and aggregate's names the form already shows, and leaves other messages whole", () => {
    const board: Board = example('order-fulfilment');
    const aggregate = board.elements.find((e) => e.id === 'agg-order-1')!;
    if (aggregate.kind !== 'aggregate') throw new Error('example changed');
    aggregate.scenarios![0] = { ...aggregate.scenarios![0]!, when: { command: 'Ship it', data: {} } };
    const problem = lintBoard(board).find((p) => p.rule === 'scenario-unknown-command')!;
    expect(messageInScenario(problem.message, 'an order can be placed', 'Order', 'agg-order-1')).toBe(
      'It sends the command "Ship it", but the context has no such command.',
    );
    expect(messageInScenario(problem.message, 'another scenario', 'Order', 'agg-order-1')).toBe(problem.message);
  });
});
