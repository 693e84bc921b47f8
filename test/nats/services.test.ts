/**
 * The generated services of examples/order-fulfilment.storm.json (sales, payments, shipping) as
 * real processes on one real NATS JetStream server: the HTTP scenario of the generator's e2e test,
 * policies across the three contexts, kill -9 of a service in the middle of a stream of commands,
 * and the NATS server stopped and started again under load. After each fault: every acknowledged
 * command's events are in the stream exactly once, and the read models equal a replay from
 * scratch (a fresh instance with empty local state).
 *
 * STORMBENCH_SKIP_NATS=1 skips it (say so when you do).
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNats, stopAllNats, type NatsNode } from './server.ts';
import {
  allEvents,
  caughtUp,
  eventually,
  generateFulfilment,
  get,
  post,
  rows,
  startService,
  stopAllServices,
  stopService,
  type Generated,
  type Running,
} from './service-process.ts';

const skip = process.env.STORMBENCH_SKIP_NATS === '1';
let nats: NatsNode;
let generated: Generated;
let data: string;
let sales: Running;
let payments: Running;
let shipping: Running;

const log = () => nats.url;
const dataDir = (name: string) => join(data, name);

beforeAll(async () => {
  if (skip) return;
  [nats, generated] = await Promise.all([startNats(), generateFulfilment()]);
  data = mkdtempSync(join(generated.root, 'data-'));
  // Sales goes the user's way, `npm start` (which builds it); the others run from source.
  [sales, payments, shipping] = await Promise.all([
    startService(generated.dirs.sales, { dataDir: dataDir('sales'), log: log() }, 'npm-start'),
    startService(generated.dirs.payments, { dataDir: dataDir('payments'), log: log() }),
    startService(generated.dirs.shipping, { dataDir: dataDir('shipping'), log: log() }),
  ]);
}, 150_000);

afterAll(async () => {
  await stopAllServices();
  await stopAllNats();
});

/** Posts PlaceOrder commands with idempotency keys until stopped; remembers which were acknowledged (200). */
function sender(base: () => string, prefix: string, max = 3000) {
  const acknowledged: string[] = [];
  let failures = 0;
  let stop = false;
  const done = (async () => {
    for (let i = 0; !stop && i < max; i++) {
      const key = `${prefix}-${i}`;
      try {
        const answer = await post(
          base(),
          '/commands/place-order',
          { orderId: `${prefix}-o${i % 13}`, customerId: 'c', total: i },
          { 'idempotency-key': key, 'response-mode': 'appended' },
        );
        if (answer.status === 200) acknowledged.push(key);
        else failures += 1;
      } catch {
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  })();
  return {
    acknowledged,
    failures: () => failures,
    stop: async () => {
      stop = true;
      await done;
    },
  };
}

/** Every acknowledged command's events are in the log exactly once; no event id twice. */
function expectExactlyOnce(events: any[], acknowledged: string[]): void {
  const byCommand = new Map<string, number>();
  for (const e of events) byCommand.set(e.metadata.commandId, (byCommand.get(e.metadata.commandId) ?? 0) + 1);
  for (const key of acknowledged) expect(byCommand.get(key), key).toBe(1);
  const ids = events.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
}

/** A fresh instance (empty local state) replays the whole log; its read models equal the live ones. */
async function expectReplayEquals(live: Running, dir: string, models: string[]): Promise<void> {
  const replay = await startService(dir, { dataDir: mkdtempSync(join(data, 'replay-')), log: log() });
  try {
    await caughtUp(live.url);
    await caughtUp(replay.url);
    for (const model of models) expect(await rows(replay.url, model), model).toEqual(await rows(live.url, model));
  } finally {
    await stopService(replay);
  }
}

describe.skipIf(skip)('generated services on NATS JetStream', () => {
  it('answer the HTTP scenario in every response mode (sales started with npm start)', async () => {
    const base = sales.url;
    expect(sales.output()).toMatch(/log nats:\/\/127\.0\.0\.1:\d+/);
    const applied = await post(
      base,
      '/commands/place-order',
      { orderId: 'o-1', customerId: 'c-1', total: 10, undeclared: 'dropped' },
      { 'idempotency-key': 'first' },
    );
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({
      status: 'applied',
      duplicate: false,
      streamVersion: 1,
      state: { exists: true },
    });
    // applied: the read model already has it (the policies may have confirmed it since).
    expect(await get(base, '/read-models/my-orders/o-1')).toMatchObject({
      orderId: 'o-1',
      total: 10,
      currency: 'EUR',
      lastEvent: expect.stringMatching(/^Order(Placed|Confirmed)$/),
    });

    const appended = await post(
      base,
      '/commands/place-order',
      { orderId: 'o-2', customerId: 'c-1', total: 5 },
      { 'response-mode': 'appended' },
    );
    expect(appended.status).toBe(200);
    expect(appended.body.events[0].position).toBeGreaterThan(0);

    const accepted = await post(
      base,
      '/commands/place-order',
      { orderId: 'o-3', customerId: 'c-2', total: 7 },
      { 'response-mode': 'accepted', 'idempotency-key': 'queued-1' },
    );
    expect(accepted.status).toBe(202);
    expect(
      (
        await eventually(
          () => get(base, '/commands/queued-1'),
          (s) => s.status === 'done',
        )
      ).result,
    ).toMatchObject({ kind: 'done', streamVersion: 1 });

    // A retry is the same request (the same body, its keys in any order); another body with the key is 422.
    const again = await post(
      base,
      '/commands/place-order',
      { undeclared: 'dropped', total: 10, customerId: 'c-1', orderId: 'o-1' },
      { 'idempotency-key': 'first' },
    );
    expect(again.body).toMatchObject({ duplicate: true, events: applied.body.events });
    const reused = await post(
      base,
      '/commands/place-order',
      { orderId: 'o-1', customerId: 'c-1', total: 10 },
      { 'idempotency-key': 'first' },
    );
    expect(reused).toMatchObject({ status: 422, body: { error: 'idempotency-key-reused' } });
    // (The head may move meanwhile: the other services' policies are reacting to these orders.)
    expect((await allEvents(base)).filter((e) => e.metadata.commandId === 'first')).toHaveLength(1);
    const invalid = await post(base, '/commands/place-order', { orderId: '', total: 'ten' });
    expect(invalid.status).toBe(400);

    const busy = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(base, '/commands/cancel-order', { orderId: 'busy', reason: `r${i}` }, { 'response-mode': 'appended' }),
      ),
    );
    expect(busy.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(busy.map((r) => r.body.streamVersion).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  }, 60_000);

  it('integrate through the stream: an order placed in sales is charged, confirmed and prepared for shipping', async () => {
    await post(
      sales.url,
      '/commands/place-order',
      { orderId: 'flow-1', customerId: 'c-9', total: 42 },
      { 'response-mode': 'appended' },
    );
    // payments charges it (policy on sales' OrderPlaced), sales confirms it (policy on PaymentReceived),
    // shipping prepares a shipment (policy on OrderConfirmed).
    await eventually(
      () => get(sales.url, '/read-models/my-orders/flow-1'),
      (row) => row.lastEvent === 'OrderConfirmed',
    );
    const picks = await eventually(
      () => rows(shipping.url, 'pick-list'),
      (r) => r.some((x: any) => x.row.orderId === 'flow-1'),
    );
    expect(picks.filter((x: any) => x.row.orderId === 'flow-1')).toHaveLength(1);
    const events = await allEvents(payments.url);
    const charged = events.filter((e) => e.context === 'payments' && e.data.orderId === 'flow-1');
    expect(charged.map((e) => [e.type, e.data.total])).toEqual([['PaymentReceived', 42]]);
  }, 60_000);

  it('survive kill -9 of a service in the middle of a stream of commands', async () => {
    const load = sender(() => sales.url, 'k9');
    await eventually(
      async () => load.acknowledged.length,
      (n) => n >= 30,
    );
    await stopService(sales, 'SIGKILL');
    await load.stop();
    expect(load.acknowledged.length).toBeGreaterThan(0);
    console.log(`kill -9: ${load.acknowledged.length} commands acknowledged, ${load.failures()} not`);
    // Restarted on the same local state: it resumes from its checkpoint (built by npm start before).
    sales = await startService(generated.dirs.sales, { dataDir: dataDir('sales'), log: log() }, 'dist');
    // A retried acknowledged command is recognised after the restart.
    // The same request as the sender's (its body follows from the key's number).
    const first = Number(load.acknowledged[0]!.slice('k9-'.length));
    const retry = await post(
      sales.url,
      '/commands/place-order',
      { orderId: `k9-o${first % 13}`, customerId: 'c', total: first },
      { 'idempotency-key': load.acknowledged[0]!, 'response-mode': 'appended' },
    );
    expect(retry.body.duplicate).toBe(true);
    expectExactlyOnce(await allEvents(sales.url), load.acknowledged);
    await expectReplayEquals(sales, generated.dirs.sales, ['my-orders']);
  }, 90_000);

  it('survive the NATS server stopped and started again under load', async () => {
    const load = sender(() => sales.url, 'restart');
    await eventually(
      async () => load.acknowledged.length,
      (n) => n >= 20,
    );
    await nats.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await nats.start();
    const before = load.acknowledged.length;
    // Commands are acknowledged again once the client reconnected.
    await eventually(
      async () => load.acknowledged.length,
      (n) => n >= before + 20,
      30_000,
    );
    await load.stop();
    console.log(
      `NATS restart: ${load.acknowledged.length} commands acknowledged, ${load.failures()} not (refused or failed during the outage)`,
    );
    expectExactlyOnce(await allEvents(sales.url), load.acknowledged);
    // The services' consumers came back too: the policies still carry an order through.
    await post(
      sales.url,
      '/commands/place-order',
      { orderId: 'flow-2', customerId: 'c-9', total: 8 },
      { 'response-mode': 'appended' },
    );
    await eventually(
      () => rows(shipping.url, 'pick-list'),
      (r) => r.some((x: any) => x.row.orderId === 'flow-2'),
      30_000,
    );
    await expectReplayEquals(sales, generated.dirs.sales, ['my-orders']);
    await expectReplayEquals(shipping, generated.dirs.shipping, ['pick-list', 'delivery-status']);
  }, 120_000);
});
