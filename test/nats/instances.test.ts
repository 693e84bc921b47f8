/**
 * Several instances of one service on one JetStream, as a deployment: three instances of the
 * generated sales service (each with its own DATA_DIR, so its own consumers and read models) behind
 * a client that spreads commands over them and retries a failed one, with the same
 * Idempotency-Key, on the next; the payments service beside them. One sales instance is killed
 * (-9) under load; another is stopped (SIGSTOP) while orders are paid and confirmed, and continued
 * after the stream's duplicate window has passed, so its policy meets those payments when the
 * server has forgotten the command ids; the killed one is started again after the window too.
 *
 * Afterwards every acknowledged command's events are in the stream exactly once, every order is
 * charged once, every payment confirms its order once (across the three instances' policies), and
 * the three instances' read models are equal.
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
  post,
  rows,
  startService,
  stopAllServices,
  stopService,
  type Generated,
  type Running,
} from './service-process.ts';

const skip = process.env.STORMBENCH_SKIP_NATS === '1';
/** Seconds: short, so that the test can wait it out. */
const DUPLICATE_WINDOW = 2;

let nats: NatsNode;
let generated: Generated;
let data: string;
let storm: string;

beforeAll(async () => {
  if (skip) return;
  [nats, generated] = await Promise.all([startNats(), generateFulfilment()]);
  data = mkdtempSync(join(generated.root, 'data-'));
  storm = `${nats.url}?duplicateWindow=${DUPLICATE_WINDOW}`;
}, 60_000);

afterAll(async () => {
  await stopAllServices();
  await stopAllNats();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client in front of the instances: round robin; a failed attempt is retried on the next one with the same key. */
function spread(instances: () => Running[], workers = 4) {
  const acknowledged = new Map<string, number>();
  const sent = new Set<string>();
  let retried = 0;
  let gaveUp = 0;
  let next = 0;
  let stop = false;
  const work = async () => {
    while (!stop) {
      const i = next++;
      const key = `multi-${i}`;
      sent.add(key);
      let ok = false;
      for (let attempt = 0; attempt < 6 && !ok; attempt++) {
        const live = instances();
        try {
          const answer = await post(
            live[(i + attempt) % live.length]!.url,
            '/commands/place-order',
            { orderId: `m-${i}`, customerId: 'c', total: i + 1 },
            { 'idempotency-key': key, 'response-mode': 'appended' },
          );
          ok = answer.status === 200;
        } catch {
          ok = false;
        }
        if (!ok) {
          retried += 1;
          await sleep(20);
        }
      }
      if (ok) acknowledged.set(key, i);
      else gaveUp += 1;
    }
  };
  const done = Promise.all(Array.from({ length: workers }, work));
  return {
    acknowledged,
    sent,
    figures: () => ({ acknowledged: acknowledged.size, retried, gaveUp }),
    stop: async () => {
      stop = true;
      await done;
    },
  };
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe.skipIf(skip)('three instances of one service on one JetStream', () => {
  it('kill -9 of one under load, one paused past the duplicate window: nothing lost or doubled, policies once', async () => {
    const started = Date.now();
    const dirs = ['a', 'b', 'c'].map((name) => join(data, `sales-${name}`));
    const [a, b, c, payments] = await Promise.all([
      ...dirs.map((dataDir) => startService(generated.dirs.sales, { dataDir, log: storm })),
      startService(generated.dirs.payments, { dataDir: join(data, 'payments'), log: storm }),
    ]);
    const sales: Running[] = [a!, b!, c!];

    // Under load, through all three; then b is killed and the client carries on with a and c.
    let live = [...sales];
    const load = spread(() => live);
    await eventually(
      async () => load.acknowledged.size,
      (n) => n >= 40,
      30_000,
    );
    await stopService(b!, 'SIGKILL');
    live = [a!, c!];
    const atKill = load.acknowledged.size;
    await eventually(
      async () => load.acknowledged.size,
      (n) => n >= atKill + 40,
      30_000,
    );
    await load.stop();

    // c is paused while orders are placed, paid and confirmed by a's policy, until the server has
    // forgotten those command ids; then c's policy meets the same payments.
    process.kill(-c!.child.pid!, 'SIGSTOP');
    const paused: string[] = [];
    for (let i = 0; i < 15; i++) {
      const orderId = `paused-${i}`;
      expect(
        (
          await post(
            a!.url,
            '/commands/place-order',
            { orderId, customerId: 'c', total: 5 },
            { 'response-mode': 'appended' },
          )
        ).status,
      ).toBe(200);
      paused.push(orderId);
    }
    await eventually(
      () => allEvents(a!.url),
      (events) =>
        paused.every((orderId) => events.some((e) => e.type === 'OrderConfirmed' && e.data.orderId === orderId)),
      30_000,
    );
    await sleep(DUPLICATE_WINDOW * 1000 + 1000);
    process.kill(-c!.child.pid!, 'SIGCONT');
    // b comes back on its own DATA_DIR, its policy far behind, also after the window.
    const b2 = await startService(generated.dirs.sales, { dataDir: dirs[1]!, log: storm });
    const all = [a!, b2, c!, payments!];
    for (const service of all) {
      await caughtUp(service.url, 45_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${service.output().slice(-3000)}`);
      });
    }

    const events = await allEvents(a!.url);
    const figures = load.figures();
    console.log(
      `three instances: ${figures.acknowledged} commands acknowledged (${atKill} before the kill), ${figures.retried} attempts retried on another instance, ` +
        `${figures.gaveUp} given up; ${events.length} events; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    // Nothing lost or doubled: each acknowledged command once, each command sent at most once.
    const byCommand = countBy(events, (e) => e.metadata.commandId as string);
    for (const key of load.acknowledged.keys()) expect(byCommand.get(key), key).toBe(1);
    for (const key of load.sent) expect(byCommand.get(key) ?? 0, key).toBeLessThanOrEqual(1);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

    // Policies exactly once across instances: every order charged once, every payment confirming once.
    const placed = events.filter((e) => e.type === 'OrderPlaced');
    const received = events.filter((e) => e.type === 'PaymentReceived');
    expect(placed.length).toBeGreaterThanOrEqual(load.acknowledged.size + paused.length);
    for (const e of placed)
      expect(
        events.some((x) => x.metadata.commandId === `ChargePlacedOrders:${e.id}:0`),
        e.id,
      ).toBe(true);
    expect(received.length).toBe(placed.length);
    const confirmations = countBy(
      events.filter((e) => e.type === 'OrderConfirmed'),
      (e) => e.metadata.commandId as string,
    );
    for (const e of received)
      expect(confirmations.get(`ConfirmPaidOrders:${e.id}:0`), `confirmation of ${e.data.orderId}`).toBe(1);
    expect([...confirmations.values()].reduce((sum, n) => sum + n, 0)).toBe(received.length);

    // Each instance keeps the whole read model, and they agree.
    const models = await Promise.all([a!, b2, c!].map((service) => rows(service.url, 'my-orders')));
    expect(models[1]).toEqual(models[0]);
    expect(models[2]).toEqual(models[0]);
    await Promise.all(all.map((service) => stopService(service)));
  }, 150_000);
});
