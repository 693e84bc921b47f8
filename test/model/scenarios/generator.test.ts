import { describe, expect, it } from 'vitest';
import { planService } from '../../../generator/plan/plan.ts';
import { BoardGraph } from '../../../model/board/graph.ts';
import type { AggregateElement, Board } from '../../../model/board/types.ts';
import { scenarioCatalog } from '../../../model/scenarios/catalog.ts';
import { newScenario, newScenarioEvent } from '../../../model/scenarios/edit.ts';
import { example } from '../../support/boards.ts';

/** The board with one scenario more on the aggregate sticky, built as the form builds it. */
function withScenario(board: Board, stickyId: string, command: string | undefined, event: string): Board {
  const catalog = scenarioCatalog(new BoardGraph(board), stickyId)!;
  let scenario = newScenario(catalog);
  if (command) scenario = { ...scenario, when: { ...scenario.when, command } };
  scenario = {
    ...scenario,
    given: [newScenarioEvent(catalog, scenario, event)],
    then: [newScenarioEvent(catalog, scenario, event)],
  };
  return {
    ...board,
    elements: board.elements.map((e) =>
      e.id === stickyId ? { ...e, scenarios: [...((e as AggregateElement).scenarios ?? []), scenario] } : e,
    ),
  };
}

// The form offers what generator/plan accepts: every pairing of a linked command with an event of
// the context plans, and a command the aggregate does not handle is refused, as its group says.
describe('scenarios made from the catalog, planned by the generator', () => {
  const board = example('order-fulfilment');
  const aggregates = board.elements.filter((e) => e.kind === 'aggregate');
  // A loop over no aggregate would make no test at all: the stickies it covers, named.
  it('covers every aggregate sticky of the example', () => {
    expect(aggregates.map((a) => a.id)).toEqual([
      'agg-order-1',
      'agg-order-2',
      'agg-payment',
      'agg-shipment',
      'agg-shipment-2',
    ]);
  });
  for (const aggregate of aggregates) {
    it(`plans every offered pairing for ${aggregate.id}`, () => {
      const catalog = scenarioCatalog(new BoardGraph(board), aggregate.id)!;
      let pairings = 0;
      for (const command of catalog.commands.filter((c) => c.linked)) {
        for (const event of catalog.events) {
          const planned = planService(withScenario(board, aggregate.id, command.name, event.name), aggregate.context!);
          expect(
            planned.ok,
            `${command.name} / ${event.name}: ${planned.ok ? '' : planned.errors.map((e) => e.message).join('; ')}`,
          ).toBe(true);
          if (!planned.ok) continue;
          const plan = planned.plan.aggregates.find((a) => a.name === aggregate.name)!;
          expect(plan.scenarios.at(-1)!.name).toBe('new scenario');
          pairings++;
        }
      }
      // A loop that never ran would pass: each aggregate of the example offers at least one pairing.
      expect(pairings).toBeGreaterThan(0);
    });
  }

  it('is refused for a command of the context that the aggregate does not handle', () => {
    const small: Board = {
      ...board,
      elements: [
        ...board.elements,
        {
          id: 'cmd-audit',
          kind: 'command',
          name: 'Audit order',
          context: 'sales',
          x: 0,
          y: 900,
          width: 160,
          height: 100,
        },
      ],
    };
    const catalog = scenarioCatalog(new BoardGraph(small), 'agg-order-1')!;
    expect(catalog.commands.find((c) => c.name === 'Audit order')!.linked).toBe(false);
    const planned = planService(withScenario(small, 'agg-order-1', 'Audit order', 'Order placed'), 'sales');
    expect(planned.ok).toBe(false);
    expect(planned.ok ? [] : planned.errors.map((e) => [e.code, e.elementIds])).toEqual([
      ['scenario-command-not-handled', ['agg-order-1']],
    ]);
  });
});
