import { describe, expect, it } from 'vitest';
import { encodeToken, logAddress, streamSubject } from '../../model/export/log-channels.ts';
import * as runtime from '../../templates/runtime/nats-subjects.ts';

// model/ keeps its own copy of the runtime's subject naming (it cannot import templates/); the
// exports' addresses are only true while the two give the same answers, odd names included.
const ODD = ['sales', 'Order', 'o-17', 'a.b', 'a-b.c', 'x.-y', '', '~', 'two words', 'продажи', 'Заказ', '注文', 'emoji 📦', '>', '*', 'tab\there'];

describe('log subjects', () => {
  it('encode tokens and stream names exactly as the runtime does', () => {
    for (const text of ODD) expect(encodeToken(text), text).toBe(runtime.encodeToken(text));
    for (const a of ODD) for (const b of ODD) {
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
          expect(address.replace('{orderId}', runtime.encodeToken(id)), `${context} ${aggregate} ${id}`).toBe(runtime.subjectOf('storm', `${context}.${aggregate}-${id}`));
        }
      }
    }
    expect(logAddress('sales', 'Order', 'orderId')).toBe('storm.sales.Order.{orderId}');
    expect(logAddress('a.b', 'Order', 'orderId')).toBe('storm.a.b~2eOrder.{orderId}');
  });
});
