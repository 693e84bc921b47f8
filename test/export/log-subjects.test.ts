import { describe, expect, it } from 'vitest';
import { planService } from '../../generator/plan/plan.ts';
import { BoardGraph } from '../../model/board/graph.ts';
import { encodeToken, logAddress, logChannelOf, streamSubject } from '../../model/export/log-channels.ts';
import * as runtime from '../../templates/runtime/nats-subjects.ts';
import { example } from '../support/boards.ts';

// model/ keeps its own copy of the runtime's subject naming (it cannot import templates/); the
// exports' addresses are only true while the two give the same answers, odd names included.
const ODD = [
  'sales',
  'Order',
  'o-17',
  'a.b',
  'a-b.c',
  'x.-y',
  '',
  '~',
  'two words',
  'продажи',
  'Заказ',
  '注文',
  'emoji 📦',
  '>',
  '*',
  'tab\there',
];

describe('log subjects', () => {
  it('encode tokens and stream names exactly as the runtime does', () => {
    for (const text of ODD) expect(encodeToken(text), text).toBe(runtime.encodeToken(text));
    for (const a of ODD)
      for (const b of ODD) {
        const stream = `${a}.${b}-${a}`;
        expect(streamSubject('storm', stream), stream).toBe(runtime.subjectOf('storm', stream));
      }
  });

  it('give an address whose parameter, filled with an encoded id, is the subject the runtime appends to', () => {
    for (const context of ODD) {
      for (const aggregate of ['Order', 'Заказ', 'Line_item']) {
        const address = logAddress(context, aggregate, 'orderId');
        expect(address.endsWith('{orderId}'), address).toBe(true);
        for (const id of ['o-1', 'a.b', '42', 'ü', '~', 'x-y.z']) {
          // The command bus names the stream `<context>.<Aggregate>-<id>` (templates/runtime/command-bus.ts).
          expect(address.replace('{orderId}', runtime.encodeToken(id)), `${context} ${aggregate} ${id}`).toBe(
            runtime.subjectOf('storm', `${context}.${aggregate}-${id}`),
          );
        }
      }
    }
    expect(logAddress('sales', 'Order', 'orderId')).toBe('storm.sales.Order.{orderId}');
    expect(logAddress('a.b', 'Order', 'orderId')).toBe('storm.a.b~2eOrder.{orderId}');
  });

  it("take each aggregate's id field and events as the generator's plan does", () => {
    for (const name of ['order-fulfilment', 'workshop', 'small']) {
      const board = example(name);
      const graph = new BoardGraph(board);
      for (const context of board.contexts) {
        const plan = planService(board, context.id, graph);
        if (!plan.ok) throw new Error(plan.errors.map((e) => e.message).join('; '));
        const aggregates = [...graph.identities()].filter((i) => i.kind === 'aggregate' && i.contextId === context.id);
        expect(aggregates.length, `${name} ${context.id}`).toBe(plan.plan.aggregates.length);
        for (const planned of plan.plan.aggregates) {
          const log = logChannelOf(
            graph,
            aggregates.find((a) => a.identifier.pascal === planned.type)!,
          );
          expect([log.idField, log.events.map((e) => e.identifier.pascal).sort()], `${name} ${planned.type}`).toEqual([
            planned.idField,
            [...planned.events].sort(),
          ]);
        }
      }
    }
  });
});
