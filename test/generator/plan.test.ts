import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { versionsOf } from '../../model/board/events.ts';
import { BoardGraph } from '../../model/board/graph.ts';
import { parseBoard } from '../../model/board/load.ts';
import type { Board, EventElement } from '../../model/board/types.ts';
import { planService } from '../../generator/plan/plan.ts';
import { decideStep } from '../../generator/plan/steps.ts';

function fixture(): Board {
  const result = parseBoard(readFileSync(new URL('./fixtures/shop.storm.json', import.meta.url), 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.board;
}

describe('planning a service', () => {
  it('names the files and types from the board', () => {
    const result = planService(fixture(), 'orders');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const plan = result.plan;
    expect(plan.packageName).toBe('orders-service');
    expect(plan.responseMode).toBe('applied');
    expect(plan.commands.map((c) => [c.type, c.tsName, c.path, c.aggregate, c.emits])).toEqual([['PlaceOrder', 'PlaceOrderCommand', 'place-order', 'Order', ['OrderPlaced']]]);
    expect(plan.aggregates.map((a) => [a.type, a.kebab, a.camel, a.idField])).toEqual([['Order', 'order', 'order', 'orderId']]);
    expect(plan.events[0]!.steps).toEqual([{ from: 1, to: 2, mechanical: true, fill: [{ pointer: '/currency', value: 'EUR' }], drop: [] }]);
    expect(plan.readModels).toEqual([{ name: 'Orders', type: 'Orders', kebab: 'orders', events: [{ context: 'orders', type: 'OrderPlaced', tsName: 'OrderPlaced' }], keyFields: ['orderId'] }]);
    // The scenario with a refusal needs a rule; the other one the default decider meets.
    expect(plan.aggregates[0]!.scenarios.map((s) => s.pending === undefined)).toEqual([true, false]);
    expect(plan.aggregates[0]!.scenarios[1]!.pending).toContain('already placed');
  });

  it('runs a policy in the service of the command it issues, reading the other context\'s event', () => {
    const result = planService(fixture(), 'billing');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.plan.policies).toEqual([
      { name: 'Invoice placed orders', type: 'InvoicePlacedOrders', kebab: 'invoice-placed-orders', triggers: [{ context: 'orders', type: 'OrderPlaced', tsName: 'OrdersOrderPlaced' }], issues: ['CreateInvoice'] },
    ]);
    const foreign = result.plan.events.find((e) => !e.own)!;
    expect([foreign.tsName, foreign.kebab, foreign.versions.length]).toEqual(['OrdersOrderPlaced', 'orders-order-placed', 2]);
  });

  it('makes hostile names harmless, or refuses them with a reason', () => {
    const board = fixture();
    const order = board.elements.find((e) => e.id === 'agg-order')!;
    order.name = '"; process.exit(1); //';
    const readModel = board.elements.find((e) => e.id === 'rm-orders')!;
    readModel.name = '../../etc/passwd';
    const result = planService(board, 'orders');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.plan.aggregates[0]!.type).toBe('ProcessExit1');
    expect(result.plan.readModels[0]!.kebab).toBe('etc-passwd');

    board.elements.find((e) => e.id === 'evt-order-placed')!.name = '%%%';
    const refused = planService(board, 'orders');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.join('\n')).toContain('has no letters or digits');

    board.contexts[0]!.service = { packageName: '../../evil' };
    const badPackage = planService(fixture(), 'orders');
    expect(badPackage.ok).toBe(true);
    const evil = planService({ ...fixture(), contexts: [{ ...fixture().contexts[0]!, service: { packageName: '../../evil' } }] }, 'orders');
    expect(evil.ok).toBe(false);
    if (!evil.ok) expect(evil.errors[0]).toContain('not a valid npm package name');
  });

  it('takes an event\'s history from the sticky the linter and the dock take it from', () => {
    const board = fixture();
    const placed = board.elements.find((e) => e.id === 'evt-order-placed') as EventElement;
    // The same event drawn again, earlier on the board, with a shorter history of its own.
    board.elements.unshift({ ...placed, id: 'evt-order-placed-again', x: placed.x + 400, versions: [placed.versions![0]!] });
    const result = planService(board, 'orders');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const identity = new BoardGraph(board).identityOf('evt-order-placed')!;
    expect(result.plan.events.find((e) => e.type === 'OrderPlaced')!.versions.map((v) => v.version)).toEqual(versionsOf(identity).map((v) => v.version));
    expect(versionsOf(identity).map((v) => v.version)).toEqual([1]);
  });

  it('asks the schema engine which upcasting steps need a person', () => {
    expect(decideStep({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'] }, { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] })).toEqual({ mechanical: true, fill: [], drop: ['/b'] });
    const manual = decideStep({ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { type: 'object', properties: { a: { type: 'number' }, c: { type: 'string' } }, required: ['a', 'c'] });
    expect(manual.mechanical).toBe(false);
    if (!manual.mechanical) expect(manual.reasons).toEqual([expect.stringContaining('The type of the property "a" changed'), expect.stringContaining('adds the required property "c"')]);
  });
});
