import { describe, expect, it } from 'vitest';
import { BoardGraph } from '../../../model/board/graph.ts';
import type { Scenario } from '../../../model/board/types.ts';
import { scenarioCatalog, type PlacedScenario } from '../../../model/scenarios/catalog.ts';
import {
  append,
  idValueOf,
  insertAfter,
  newScenario,
  newScenarioEvent,
  removeAt,
  replaceAt,
  shareIdValue,
  swap,
  uniqueName,
} from '../../../model/scenarios/edit.ts';
import { example } from '../../support/boards.ts';

const s = (name: string): Scenario => ({ name, when: { command: 'Place order', data: {} } });
// Two stickies of one aggregate: A holds a1, a2; B holds b1.
const placed: PlacedScenario[] = [
  { stickyId: 'A', index: 0, scenario: s('a1') },
  { stickyId: 'A', index: 1, scenario: s('a2') },
  { stickyId: 'B', index: 0, scenario: s('b1') },
];
const names = (list: Scenario[] | undefined) => list?.map((x) => x.name);

describe('scenario list edits', () => {
  it('replaces, inserts after and removes on the sticky that holds the scenario', () => {
    expect(replaceAt(placed, 2, s('b1!')).map((p) => [p.stickyId, names(p.scenarios)])).toEqual([['B', ['b1!']]]);
    expect(insertAfter(placed, 0, s('copy')).map((p) => [p.stickyId, names(p.scenarios)])).toEqual([
      ['A', ['a1', 'copy', 'a2']],
    ]);
    expect(removeAt(placed, 1).map((p) => [p.stickyId, names(p.scenarios)])).toEqual([['A', ['a1']]]);
    // The last scenario of a sticky goes with its key, so the file does not keep an empty list.
    expect(removeAt(placed, 2)).toEqual([{ stickyId: 'B', scenarios: undefined }]);
    expect(append(placed, 'C', s('new')).map((p) => [p.stickyId, names(p.scenarios)])).toEqual([['C', ['new']]]);
  });

  it('swaps within a sticky, and across stickies by trading slots so the order seen is the order stored', () => {
    expect(swap(placed, 0, 1).map((p) => [p.stickyId, names(p.scenarios)])).toEqual([['A', ['a2', 'a1']]]);
    expect(swap(placed, 1, 2).map((p) => [p.stickyId, names(p.scenarios)])).toEqual([
      ['A', ['a1', 'b1']],
      ['B', ['a2']],
    ]);
    expect(swap(placed, 2, 3)).toEqual([]);
  });
});

describe('ids shared across a scenario', () => {
  const scenario: Scenario = {
    name: 'x',
    given: [{ event: 'Order placed', data: { orderId: 'o-1', total: 3 } }],
    when: { command: 'Ship order', data: { orderId: 'o-1' } },
    then: [{ event: 'Order shipped', data: { orderId: 'o-2' } }],
  };

  it('reads the id from the first payload that has one', () => {
    expect(idValueOf(scenario, 'orderId')).toBe('o-1');
    expect(idValueOf({ name: 'y', when: { command: 'c' } }, 'orderId')).toBeUndefined();
  });

  it('moves the payloads that had the old id to the new one, and leaves others alone', () => {
    const next = shareIdValue(scenario, 'orderId', 'o-1', 'o-9');
    expect(next.given![0]!.data).toEqual({ orderId: 'o-9', total: 3 });
    expect(next.when.data).toEqual({ orderId: 'o-9' });
    expect(next.then![0]!.data).toEqual({ orderId: 'o-2' });
    expect(shareIdValue(scenario, 'orderId', 'o-1', 'o-1')).toBe(scenario);
  });
});

describe('new scenarios', () => {
  it('start with the first linked command, its payload filled in, under a name no other scenario has', () => {
    const catalog = scenarioCatalog(new BoardGraph(example('order-fulfilment')), 'agg-order-1')!;
    expect(newScenario(catalog)).toEqual({
      name: 'new scenario',
      given: [],
      when: { command: 'Place order', data: { orderId: 'order-1', customerId: '', total: 0 } },
      then: [],
    });
    expect(uniqueName('new scenario', ['New scenario', 'new scenario 2'])).toBe('new scenario 3');
  });

  it("give a new event the scenario's id", () => {
    const catalog = scenarioCatalog(new BoardGraph(example('order-fulfilment')), 'agg-order-1')!;
    const scenario = catalog.scenarios[1]!.scenario;
    expect(newScenarioEvent(catalog, scenario, 'Order confirmed')).toEqual({
      event: 'Order confirmed',
      data: { orderId: 'o-1' },
    });
    expect(newScenarioEvent(catalog, scenario).event).toBe('Order placed');
  });
});
