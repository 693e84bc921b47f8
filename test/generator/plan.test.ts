import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { versionsOf } from '../../model/board/events.ts';
import { BoardGraph } from '../../model/board/graph.ts';
import { parseBoard } from '../../model/board/load.ts';
import type { Board, EventElement } from '../../model/board/types.ts';
import { planService } from '../../generator/plan/plan.ts';
import { pendingScenarios } from '../../generator/plan/scenarios.ts';
import { decideStep } from '../../generator/plan/steps.ts';

function fixture(): Board {
  const result = parseBoard(readFileSync(new URL('./fixtures/shop.storm.json', import.meta.url), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.board;
}

describe('planning a service', () => {
  it('names the files and types from the board', () => {
    const result = planService(fixture(), 'orders');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const plan = result.plan;
    expect(plan.packageName).toBe('orders-service');
    expect(plan.responseMode).toBe('applied');
    expect(plan.commands.map((c) => [c.type, c.tsName, c.path, c.aggregate, c.emits])).toEqual([
      ['PlaceOrder', 'PlaceOrderCommand', 'place-order', 'Order', ['OrderPlaced']],
    ]);
    expect(plan.aggregates.map((a) => [a.type, a.kebab, a.camel, a.idField])).toEqual([
      ['Order', 'order', 'order', 'orderId'],
    ]);
    expect(plan.events[0]!.steps).toEqual([
      { from: 1, to: 2, mechanical: true, fill: [{ pointer: '/currency', value: 'EUR' }], drop: [] },
    ]);
    expect(plan.readModels).toEqual([
      {
        name: 'Orders',
        type: 'Orders',
        kebab: 'orders',
        events: [{ context: 'orders', type: 'OrderPlaced', tsName: 'OrderPlaced' }],
        keyFields: ['orderId'],
        elementIds: ['rm-orders'],
      },
    ]);
    // The scenario with a refusal needs a rule; the other one the default decider meets.
    expect(plan.aggregates[0]!.scenarios.map((s) => s.pending === undefined)).toEqual([true, false]);
    expect(plan.aggregates[0]!.scenarios[1]!.pending).toContain('already placed');
  });

  it("runs a policy in the service of the command it issues, reading the other context's event", () => {
    const result = planService(fixture(), 'billing');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.policies).toEqual([
      {
        name: 'Invoice placed orders',
        type: 'InvoicePlacedOrders',
        kebab: 'invoice-placed-orders',
        triggers: [{ context: 'orders', type: 'OrderPlaced', tsName: 'OrdersOrderPlaced' }],
        issues: ['CreateInvoice'],
        elementIds: ['pol-invoice'],
      },
    ]);
    const foreign = result.plan.events.find((e) => !e.own)!;
    expect([foreign.tsName, foreign.kebab, foreign.versions.length]).toEqual([
      'OrdersOrderPlaced',
      'orders-order-placed',
      2,
    ]);
  });

  it('makes hostile names harmless, or refuses them with a reason', () => {
    const board = fixture();
    const order = board.elements.find((e) => e.id === 'agg-order')!;
    order.name = '"; process.exit(1); //';
    const readModel = board.elements.find((e) => e.id === 'rm-orders')!;
    readModel.name = '../../etc/passwd';
    const result = planService(board, 'orders');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.aggregates[0]!.type).toBe('ProcessExit1');
    expect(result.plan.readModels[0]!.kebab).toBe('etc-passwd');

    board.elements.find((e) => e.id === 'evt-order-placed')!.name = '%%%';
    const refused = planService(board, 'orders');
    expect(refused.ok).toBe(false);
    // Reached from the aggregate and the read model, the unnamable event is reported once.
    if (!refused.ok) {
      expect(refused.errors.map((e) => [e.code, e.severity, e.elementIds, e.contextId])).toEqual([
        ['name-cannot-become-code', 'error', ['evt-order-placed'], 'orders'],
        // Its scenarios name an event the context no longer has (under that name): on the aggregate sticky.
        ['scenario-event-unknown', 'error', ['agg-order'], 'orders'],
        ['scenario-event-unknown', 'error', ['agg-order'], 'orders'],
      ]);
    }

    // The same board with a good package name plans; with one that would lead out of --out it does not.
    expect(planService(fixture(), 'orders').ok).toBe(true);
    const evil = planService(
      { ...fixture(), contexts: [{ ...fixture().contexts[0]!, service: { packageName: '../../evil' } }] },
      'orders',
    );
    expect(evil.ok).toBe(false);
    // About the frame's settings, not a sticky: no element, the context to go to.
    if (!evil.ok)
      expect(evil.errors.map((e) => [e.code, e.elementIds, e.contextId])).toEqual([
        ['package-name-invalid', [], 'orders'],
      ]);
  });

  it('says what is left to a person as data, pointing at exactly the stickies concerned', () => {
    const board = fixture();
    // A command with no aggregate in the context, and a step no machine can take (total: number → string).
    board.elements.push({
      id: 'cmd-refund',
      kind: 'command',
      name: 'Refund order',
      context: 'orders',
      x: 0,
      y: 0,
      width: 10,
      height: 10,
    });
    board.elements.push({
      id: 'evt-order-placed-2',
      kind: 'event',
      name: 'Order placed',
      context: 'orders',
      x: 0,
      y: 0,
      width: 10,
      height: 10,
    });
    const placed = board.elements.find((e) => e.id === 'evt-order-placed') as EventElement;
    placed.versions!.push({
      version: 3,
      schema: {
        type: 'object',
        properties: {
          orderId: { type: 'string' },
          total: { type: 'string' },
          currency: { type: 'string', default: 'EUR' },
        },
        required: ['orderId', 'total'],
      },
    });
    const result = planService(board, 'orders');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    // The upcaster is about the history, which one of the event's two stickies carries.
    expect(result.plan.notes.map((n) => [n.code, n.severity, n.elementIds, n.contextId])).toEqual([
      ['upcaster-needs-person', 'warning', ['evt-order-placed'], 'orders'],
      ['command-without-aggregate', 'warning', ['cmd-refund'], 'orders'],
    ]);
    // A scenario the default decider cannot meet is on the aggregate sticky that holds it.
    expect(pendingScenarios(result.plan).map((n) => [n.code, n.elementIds])).toEqual([
      ['scenario-pending', ['agg-order']],
    ]);
  });

  it('refuses a command with two aggregates, naming the command and both aggregates', () => {
    const board = fixture();
    board.elements.push({
      id: 'agg-basket',
      kind: 'aggregate',
      name: 'Basket',
      context: 'orders',
      x: 0,
      y: 0,
      width: 10,
      height: 10,
    });
    board.links.push({ id: 'x1', from: 'cmd-place-order', to: 'agg-basket' });
    const result = planService(board, 'orders');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => [e.code, e.elementIds])).toEqual([
        ['command-with-two-aggregates', ['cmd-place-order', 'agg-order', 'agg-basket']],
      ]);
  });

  it('refuses two parts that become one name in code, naming the stickies of both', () => {
    const board = fixture();
    board.elements.push({
      id: 'evt-clash',
      kind: 'event',
      name: 'Place order command',
      context: 'orders',
      x: 0,
      y: 0,
      width: 10,
      height: 10,
    });
    const result = planService(board, 'orders');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => [e.code, e.elementIds])).toEqual([
        ['name-collision', ['evt-clash', 'cmd-place-order']],
      ]);
    const unknown = planService(board, 'nowhere');
    expect(unknown.ok ? [] : unknown.errors.map((e) => [e.code, e.elementIds, e.contextId])).toEqual([
      ['unknown-context', [], undefined],
    ]);
  });

  it("takes an event's history from the sticky the linter and the dock take it from", () => {
    const board = fixture();
    const placed = board.elements.find((e) => e.id === 'evt-order-placed') as EventElement;
    // The same event drawn again, earlier on the board, with a shorter history of its own.
    board.elements.unshift({
      ...placed,
      id: 'evt-order-placed-again',
      x: placed.x + 400,
      versions: [placed.versions![0]!],
    });
    const result = planService(board, 'orders');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const identity = new BoardGraph(board).identityOf('evt-order-placed')!;
    expect(result.plan.events.find((e) => e.type === 'OrderPlaced')!.versions.map((v) => v.version)).toEqual(
      versionsOf(identity).map((v) => v.version),
    );
    expect(versionsOf(identity).map((v) => v.version)).toEqual([1]);
  });

  it('asks the schema engine which upcasting steps need a person', () => {
    expect(
      decideStep(
        { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'] },
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
      ),
    ).toEqual({ mechanical: true, fill: [], drop: ['/b'] });
    const manual = decideStep(
      { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
      { type: 'object', properties: { a: { type: 'number' }, c: { type: 'string' } }, required: ['a', 'c'] },
    );
    expect(manual.mechanical).toBe(false);
    if (!manual.mechanical)
      expect(manual.reasons).toEqual([
        expect.stringContaining('The type of the property "a" changed'),
        expect.stringContaining('adds the required property "c"'),
      ]);
  });
});
