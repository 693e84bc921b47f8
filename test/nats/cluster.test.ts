/**
 * A three-node JetStream cluster on loopback with a replicated stream (R3): the generated sales
 * and payments services write and react through it while the stream's leader is killed (-9) in the
 * middle of a stream of commands. Afterwards every acknowledged command's events are in the
 * stream exactly once, every order placed was charged exactly once by the payments policy, and
 * the read models equal a replay from scratch.
 *
 * STORMBENCH_SKIP_NATS=1 skips it (say so when you do).
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsLog } from '../../templates/runtime/nats-log.ts';
import { startCluster, stopAllNats, type NatsNode } from './server.ts';
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
} from './service-process.ts';

const skip = process.env.STORMBENCH_SKIP_NATS === '1';
let nodes: NatsNode[];
let generated: Generated;
let storm: string;

beforeAll(async () => {
  if (skip) return;
  [nodes, generated] = await Promise.all([startCluster(), generateFulfilment()]);
  storm = `nats://${nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}?replicas=3`;
  // The cluster elects its JetStream meta leader after the routes are up; create the R3 stream then.
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const log = await NatsLog.open({ servers: nodes.map((n) => n.url), replicas: 3 });
      await log.close();
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}, 90_000);

afterAll(async () => {
  await stopAllServices();
  await stopAllNats();
});

describe.skipIf(skip)('generated services on a three-node JetStream cluster', () => {
  it('lose the stream leader mid-stream: acknowledged once, charged once, read models equal a replay', async () => {
    const data = mkdtempSync(join(generated.root, 'data-'));
    const [sales, payments] = await Promise.all([
      startService(generated.dirs.sales, { dataDir: join(data, 'sales'), log: storm }),
      startService(generated.dirs.payments, { dataDir: join(data, 'payments'), log: storm }),
    ]);
    const probe = await NatsLog.open({ servers: nodes.map((n) => n.url) });
    const info = await probe.manager.streams.info(probe.stream);
    expect(info.config.num_replicas).toBe(3);
    expect(info.cluster?.replicas).toHaveLength(2);

    const acknowledged: string[] = [];
    // What was answered instead of 200, by status and message: while the cluster elects a new
    // leader the service says the log is unavailable for now (503, Retry-After), nothing else.
    const refusals = new Map<string, number>();
    let failures = 0;
    let stop = false;
    const sending = (async () => {
      // A client that keeps sending until told to stop, pausing after a refusal as Retry-After
      // asks (shortened); a count of attempts would run out while a slow election refuses them.
      for (let i = 0; !stop; i++) {
        const key = `r3-${i}`;
        let refusal: string | undefined;
        try {
          const answer = await post(
            sales.url,
            '/commands/place-order',
            { orderId: `r3-o${i % 11}`, customerId: 'c', total: i },
            { 'idempotency-key': key, 'response-mode': 'appended' },
          );
          if (answer.status === 200) acknowledged.push(key);
          else refusal = `${answer.status} ${String(answer.body?.error)}`;
        } catch (error) {
          refusal = `no answer: ${(error as Error).message}`;
        }
        if (refusal !== undefined) {
          failures += 1;
          refusals.set(refusal, (refusals.get(refusal) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    })();
    try {
      await eventually(
        async () => acknowledged.length,
        (n) => n >= 30,
      );
      const leader = info.cluster!.leader;
      const victim = nodes.find((n) => n.name === leader)!;
      await victim.stop('SIGKILL');
      const before = acknowledged.length;
      await eventually(
        async () => acknowledged.length,
        (n) => n >= before + 30,
        45_000,
      );
    } finally {
      stop = true;
      await sending;
    }
    const after = await probe.manager.streams.info(probe.stream);
    console.log(
      `R3 leader loss: ${acknowledged.length} commands acknowledged, ${failures} not (${[...refusals].map(([r, n]) => `${n}× ${r}`).join(', ') || 'none'}); leader ${info.cluster!.leader} → ${after.cluster?.leader}`,
    );
    expect([...refusals.keys()].filter((r) => r !== '503 log-unavailable')).toEqual([]);
    expect(after.cluster?.leader).not.toBe(info.cluster!.leader);
    await probe.close();

    const events = await allEvents(sales.url);
    const byCommand = new Map<string, number>();
    for (const e of events) byCommand.set(e.metadata.commandId, (byCommand.get(e.metadata.commandId) ?? 0) + 1);
    for (const key of acknowledged) expect(byCommand.get(key), key).toBe(1);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

    // Every order placed is charged exactly once (the policy's command id derives from the event's id).
    await caughtUp(payments.url, 45_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${payments.output().slice(-3000)}`);
    });
    const charges = (await allEvents(payments.url)).filter((e) => e.context === 'payments');
    const placed = events.filter((e) => e.type === 'OrderPlaced');
    const chargedFor = new Map<string, number>();
    for (const e of charges) chargedFor.set(e.metadata.commandId, (chargedFor.get(e.metadata.commandId) ?? 0) + 1);
    for (const e of placed) expect(chargedFor.get(`ChargePlacedOrders:${e.id}:0`), e.id).toBe(1);

    const replay = await startService(generated.dirs.sales, { dataDir: join(data, 'sales-replay'), log: storm });
    for (const service of [sales, replay]) {
      await caughtUp(service.url, 45_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${service.output().slice(-3000)}`);
      });
    }
    expect(await rows(replay.url, 'my-orders')).toEqual(await rows(sales.url, 'my-orders'));
    await Promise.all([stopService(replay), stopService(sales), stopService(payments)]);
  }, 150_000);
});
