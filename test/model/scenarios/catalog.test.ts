import { describe, expect, it } from 'vitest';
import { BoardGraph } from '../../../model/board/graph.ts';
import { resolveOption, scenarioCatalog } from '../../../model/scenarios/catalog.ts';
import { emptyBoard, example } from '../../support/boards.ts';
import type { Board, Element } from '../../../model/board/types.ts';

const at = { x: 0, y: 0, width: 100, height: 100 };

describe('scenarioCatalog', () => {
  it('offers the commands and events linked to any sticky of the aggregate first, then the rest of its context', () => {
    const graph = new BoardGraph(example('order-fulfilment'));
    // agg-order-2 is the second "Order" sticky: it handles Confirm order; agg-order-1 the others.
    const catalog = scenarioCatalog(graph, 'agg-order-2')!;
    expect(catalog.commands.map((c) => [c.name, c.linked])).toEqual([
      ['Place order', true],
      ['Cancel order', true],
      ['Confirm order', true],
    ]);
    expect(catalog.events.map((e) => [e.name, e.linked])).toEqual([
      ['Order placed', true],
      ['Order cancelled', true],
      ['Order confirmed', true],
    ]);
    expect(catalog.idField).toBe('orderId');
    expect(catalog.contextId).toBe('sales');
    // Scenarios live on agg-order-1; selecting the other sticky still finds them.
    expect(catalog.scenarios.map((p) => [p.stickyId, p.index, p.scenario.name])).toEqual([
      ['agg-order-1', 0, 'an order can be placed'],
      ['agg-order-1', 1, 'a paid order is confirmed'],
      ['agg-order-1', 2, 'a confirmed order cannot be cancelled'],
    ]);
  });

  it("gives each option its current schema: an event's latest version, a command's own", () => {
    const graph = new BoardGraph(example('order-fulfilment'));
    const catalog = scenarioCatalog(graph, 'agg-order-1')!;
    const placed = catalog.events.find((e) => e.name === 'Order placed')!;
    expect(placed.version).toBe(2);
    expect(Object.keys((placed.schema as { properties: object }).properties)).toContain('currency');
    expect((catalog.commands[0]!.schema as { required: string[] }).required).toEqual([
      'orderId',
      'customerId',
      'total',
    ]);
  });

  it('puts unlinked commands and events of the context after the linked ones, and leaves other contexts out', () => {
    const board: Board = emptyBoard();
    board.contexts.push({ id: 'd', name: 'Other', x: 2000, y: 0, width: 100, height: 100 });
    const el = (id: string, kind: Element['kind'], name: string, context = 'c') =>
      ({ id, kind, name, context, ...at }) as Element;
    board.elements = [
      el('c1', 'command', 'Audit order'),
      el('c2', 'command', 'Ship order'),
      el('a', 'aggregate', 'Order'),
      el('e1', 'event', 'Order audited'),
      el('e2', 'event', 'Order shipped'),
      el('x', 'command', 'Ship order', 'd'),
      el('blank', 'event', '  '),
    ];
    board.links = [
      { id: 'l1', from: 'c2', to: 'a' },
      { id: 'l2', from: 'a', to: 'e2' },
    ];
    const catalog = scenarioCatalog(new BoardGraph(board), 'a')!;
    expect(catalog.commands.map((c) => `${c.name}:${c.linked}`)).toEqual(['Ship order:true', 'Audit order:false']);
    expect(catalog.events.map((e) => `${e.name}:${e.linked}`)).toEqual(['Order shipped:true', 'Order audited:false']);
    // The generator's default id field: the aggregate's name in camelCase + Id.
    expect(catalog.idField).toBe('orderId');
    expect(catalog.commands[0]!.schema).toBeUndefined();
  });

  it('resolves names as the generator does (same identifier), and not across kinds', () => {
    const graph = new BoardGraph(example('order-fulfilment'));
    const catalog = scenarioCatalog(graph, 'agg-order-1')!;
    expect(resolveOption(graph, catalog, 'event', 'order PLACED')?.name).toBe('Order placed');
    expect(resolveOption(graph, catalog, 'event', 'Place order')).toBeUndefined();
    expect(resolveOption(graph, catalog, 'command', 'Charge payment')).toBeUndefined();
  });

  it('is undefined for a sticky that is not an aggregate', () => {
    expect(scenarioCatalog(new BoardGraph(example('order-fulfilment')), 'cmd-place-order')).toBeUndefined();
  });
});
