/**
 * The service runtime on NATS JetStream (a real nats-server on a free loopback port): commands,
 * read models and policies through durable consumers; acknowledgement after the checkpoint;
 * restart from the local checkpoint; two services of one context sharing nothing but the stream.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NatsLog } from '../../templates/runtime/nats-log.ts';
import { NatsSubscription } from '../../templates/runtime/nats-subscription.ts';
import { startRuntime, type ServiceRuntime } from '../../templates/runtime/service.ts';
import type { StoredEvent } from '../../templates/runtime/log.ts';
import { positionOf } from '../../templates/runtime/nats-subjects.ts';
import { counterDefinition } from '../templates/fixture-definition.ts';
import { startNats, stopAllNats, type NatsNode } from './server.ts';

const skip = process.env.STORMBENCH_SKIP_NATS === '1';
let server: NatsNode;
let streams = 0;

beforeAll(async () => {
  if (!skip) server = await startNats();
}, 30_000);
afterAll(async () => {
  await stopAllNats();
});

const running: ServiceRuntime[] = [];
afterEach(async () => {
  for (const runtime of running.splice(0)) await runtime.close();
});

function newStream(): string {
  streams += 1;
  return `RUNTIME_${streams}`;
}

async function start(
  stream: string,
  dir = mkdtempSync(join(tmpdir(), 'sb-nats-rt-')),
  withPolicy = true,
  beforeCheckpoint?: () => void,
): Promise<ServiceRuntime> {
  const definition = counterDefinition();
  if (!withPolicy) definition.policies = [];
  const log = await NatsLog.open({ servers: server.url, stream, subjectPrefix: stream.toLowerCase() });
  const runtime = startRuntime(definition, { dataDir: dir, log, pollMs: 10, beforeCheckpoint });
  running.push(runtime);
  return runtime;
}

describe.skipIf(skip)('the service runtime on JetStream', () => {
  it('decides, appends one message per command and updates the read model through a durable consumer', async () => {
    const runtime = await start(newStream());
    expect(runtime.projections).toBeInstanceOf(NatsSubscription);
    const opened = await runtime.run('OpenCounter', { counterId: 'c1' }, 'cmd-1', true);
    expect(opened).toMatchObject({
      kind: 'done',
      streamVersion: 1,
      duplicate: false,
      state: { exists: true, count: 0 },
    });
    expect(runtime.store.row('Totals', 'c1')).toEqual({ total: 0, applied: 1, label: 'none' });
    // The policy (StartAtOne) reacted through its own consumer.
    await expect
      .poll(() => runtime.store.row('Totals', 'c1'), { timeout: 5000 })
      .toMatchObject({ total: 1, applied: 2 });
    expect(await runtime.run('OpenCounter', { counterId: 'c1' }, 'cmd-2', true)).toEqual({
      kind: 'rejected',
      message: 'the counter is already open',
    });
    const retry = await runtime.run('OpenCounter', { counterId: 'c1' }, 'cmd-1', true);
    expect(retry).toMatchObject({ kind: 'done', duplicate: true });

    // Acknowledged only what is committed: once idle, nothing is pending on either consumer.
    const log = runtime.log as NatsLog;
    for (const sub of [runtime.projections, runtime.policies] as NatsSubscription[]) {
      await expect
        .poll(async () => (await log.manager.consumers.info(log.stream, sub.durable)).num_ack_pending, {
          timeout: 5000,
        })
        .toBe(0);
      const info = await log.manager.consumers.info(log.stream, sub.durable);
      // One acknowledgement per batch: its last message acknowledges those before it.
      expect(info.config.ack_policy).toBe('all');
      expect(info.ack_floor.stream_seq).toBe(await log.lastSeq());
    }
  });

  it('refuses a command id reused for another payload or another command, and runs nothing for it', async () => {
    const runtime = await start(newStream(), undefined, false);
    await runtime.run('OpenCounter', { counterId: 'c1' }, 'open', true);
    const first = await runtime.run('Increment', { counterId: 'c1', by: 2 }, 'inc', true);
    expect(await runtime.run('Increment', { counterId: 'c1', by: 3 }, 'inc', true)).toMatchObject({
      kind: 'reused-key',
    });
    expect(await runtime.run('OpenCounter', { counterId: 'c2' }, 'inc', true)).toMatchObject({ kind: 'reused-key' });
    expect(await runtime.run('Increment', { by: 2, counterId: 'c1' }, 'inc', true)).toEqual({
      ...first,
      duplicate: true,
    });
    expect(await (runtime.log as NatsLog).lastSeq()).toBe(2);
  });

  it('serialises 50 concurrent commands on one aggregate with no lost update', async () => {
    const runtime = await start(newStream(), undefined, false);
    await runtime.run('OpenCounter', { counterId: 'c1' }, 'open', true);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => runtime.run('Increment', { counterId: 'c1', by: 1 }, `inc-${i}`, true)),
    );
    expect(results.every((r) => r.kind === 'done')).toBe(true);
    expect(results.map((r) => (r.kind === 'done' ? r.streamVersion : 0)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 2),
    );
    expect(runtime.store.row('Totals', 'c1')).toMatchObject({ total: 50, applied: 51 });
  });

  it('resolves conflicts between two processes of one context by deciding again', async () => {
    const stream = newStream();
    const one = await start(stream, undefined, false);
    const other = await start(stream, undefined, false);
    await one.run('OpenCounter', { counterId: 'c' }, 'open', false);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : other).run('Increment', { counterId: 'c', by: 1 }, `i-${i}`, false),
      ),
    );
    expect(results.filter((r) => r.kind === 'done')).toHaveLength(20);
    expect((await one.log.readStream('counting.Counter-c')).length).toBe(21);
    // Each has its own consumer and its own read model, and both see everything.
    await expect.poll(() => one.store.row('Totals', 'c'), { timeout: 5000 }).toMatchObject({ total: 20, applied: 21 });
    await expect
      .poll(() => other.store.row('Totals', 'c'), { timeout: 5000 })
      .toMatchObject({ total: 20, applied: 21 });
    expect((one.projections as NatsSubscription).durable).not.toBe((other.projections as NatsSubscription).durable);
  });

  it('decides first on what it has seen of a stream, and never refuses on that alone', async () => {
    const stream = newStream();
    const one = await start(stream, undefined, false);
    const other = await start(stream, undefined, false);
    await one.run('OpenCounter', { counterId: 'c' }, 'open', false);
    // `other` has never read the counter: taken as new, Increment is refused there ("not open"),
    // so it reads the stream and decides again instead of answering 422.
    expect(await other.run('Increment', { counterId: 'c', by: 1 }, 'inc', false)).toMatchObject({
      kind: 'done',
      streamVersion: 2,
    });
    // The other way round, the server refuses the append decided on "new" (expected sequence 0).
    expect(await other.run('OpenCounter', { counterId: 'd' }, 'open-d', false)).toMatchObject({
      kind: 'done',
      streamVersion: 1,
    });
    expect(await one.run('OpenCounter', { counterId: 'd' }, 'open-d-again', false)).toEqual({
      kind: 'rejected',
      message: 'the counter is already open',
    });
    expect((await one.log.readStream('counting.Counter-d')).length).toBe(1);
  });

  it('restarts from its local checkpoint, skips what it already applied, and catches up', async () => {
    const stream = newStream();
    const dir = mkdtempSync(join(tmpdir(), 'sb-nats-rt-'));
    const first = await start(stream, dir, false);
    await first.run('OpenCounter', { counterId: 'c' }, 'open', true);
    for (let i = 0; i < 5; i++) await first.run('Increment', { counterId: 'c', by: 2 }, `a-${i}`, true);
    const durable = (first.projections as NatsSubscription).durable;
    await first.close();
    running.splice(running.indexOf(first), 1);
    // Written while the service was down, by another process.
    const writer = await NatsLog.open({ servers: server.url, stream, subjectPrefix: stream.toLowerCase() });
    const head = (await writer.readStream('counting.Counter-c')).length;
    await writer.append({
      context: 'counting',
      stream: 'counting.Counter-c',
      expectedVersion: head,
      commandId: 'offline',
      events: [{ id: 'off-1', type: 'Incremented', version: 1, data: { counterId: 'c', by: 100 } }],
    });
    await writer.close();
    const again = await start(stream, dir, false);
    expect((again.projections as NatsSubscription).durable).toBe(durable);
    await expect
      .poll(() => again.store.row('Totals', 'c'), { timeout: 5000 })
      .toMatchObject({ total: 110, applied: 7 });
  });

  it('does not acknowledge a batch whose commit failed, and applies it once when delivered again', async () => {
    const stream = newStream();
    const writer = await NatsLog.open({ servers: server.url, stream, subjectPrefix: stream.toLowerCase() });
    await writer.append({
      context: 'counting',
      stream: 'counting.Counter-c1',
      expectedVersion: 0,
      commandId: 'x',
      events: [
        { id: 'e1', type: 'CounterOpened', version: 1, data: { counterId: 'c1' } },
        { id: 'e2', type: 'Incremented', version: 1, data: { counterId: 'c1', by: 5 } },
      ],
    });
    await writer.close();
    let crashes = 0;
    const runtime = await start(stream, undefined, false, () => {
      // The batch is applied inside the transaction, and then the commit "fails".
      if (crashes++ < 2) throw new Error('simulated crash between apply and checkpoint');
    });
    await runtime.projections.waitFor(positionOf(1, 1));
    expect(crashes).toBe(3);
    expect(runtime.store.row('Totals', 'c1')).toEqual({ total: 5, applied: 2, label: 'none' });
    expect(runtime.store.checkpoint('projections')).toBe(positionOf(1, 1));
  }, 20_000);

  it('skips what a redelivery brings at or below the checkpoint, even inside one message', async () => {
    const stream = newStream();
    const log = await NatsLog.open({ servers: server.url, stream, subjectPrefix: stream.toLowerCase() });
    await log.append({
      context: 'c',
      stream: 'c.A-1',
      expectedVersion: 0,
      commandId: '1',
      events: [
        { id: 'a', type: 'T', version: 1, data: {} },
        { id: 'b', type: 'T', version: 1, data: {} },
      ],
    });
    await log.append({
      context: 'c',
      stream: 'c.A-1',
      expectedVersion: 2,
      commandId: '2',
      events: [{ id: 'c', type: 'T', version: 1, data: {} }],
    });
    // A policy checkpointed after event a, in the middle of message 1, and then the process died.
    const handled: StoredEvent[] = [];
    const sub = log.subscribe(
      { name: 'policies', log, startAfter: () => positionOf(1, 0), handle: (events) => void handled.push(...events) },
      `test_${stream}`,
    );
    sub.start();
    await sub.waitFor(positionOf(2, 0));
    await sub.stop();
    expect(handled.map((e) => e.id)).toEqual(['b', 'c']);
    // Acknowledgements are sent without waiting for the server's answer: it gets them shortly.
    await expect
      .poll(async () => (await log.manager.consumers.info(log.stream, `test_${stream}`)).num_ack_pending, {
        timeout: 5000,
      })
      .toBe(0);
    await log.close();
  });

  it('knows a command another instance appended, once it read that stream, also after the duplicate window', async () => {
    const stream = newStream();
    const open = () =>
      NatsLog.open({ servers: server.url, stream, subjectPrefix: stream.toLowerCase(), duplicateWindowMs: 300 });
    const [one, other] = [await open(), await open()];
    // `other` has been running a while: it read its context's command ids before `one` appended.
    expect(await other.outcomeOf('c', 'policy-cmd')).toBeUndefined();
    const outcome = await one.append({
      context: 'c',
      stream: 'c.A-1',
      expectedVersion: 0,
      commandId: 'policy-cmd',
      fingerprint: 'f',
      events: [{ id: 'a', type: 'T', version: 1, data: {} }],
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    // `other` issues the same command (its policy handles the same event later): it reads the
    // aggregate's stream to decide, then appends on the newer state. The server's window has passed.
    expect(await other.readStream('c.A-1')).toHaveLength(1);
    expect(await other.outcomeOf('c', 'policy-cmd')).toEqual({ ...outcome, duplicate: true });
    const again = await other.append({
      context: 'c',
      stream: 'c.A-1',
      expectedVersion: 1,
      commandId: 'policy-cmd',
      fingerprint: 'f',
      events: [{ id: 'b', type: 'T', version: 1, data: {} }],
    });
    expect(again).toEqual({ ...outcome, duplicate: true });
    expect(await other.lastSeq()).toBe(1);
    await one.close();
    await other.close();
  });

  it('recognises a retried command after the server forgot its id (duplicate window passed)', async () => {
    const stream = newStream();
    const open = () =>
      NatsLog.open({ servers: server.url, stream, subjectPrefix: stream.toLowerCase(), duplicateWindowMs: 300 });
    const first = await open();
    const outcome = await first.append({
      context: 'c',
      stream: 'c.A-1',
      expectedVersion: 0,
      commandId: 'once',
      events: [{ id: 'a', type: 'T', version: 1, data: {} }],
    });
    await first.close();
    await new Promise((resolve) => setTimeout(resolve, 800));
    const again = await open();
    // Decided again on the newer state (version 1), as a retry after a restart would be.
    const retry = await again.append({
      context: 'c',
      stream: 'c.A-1',
      expectedVersion: 1,
      commandId: 'once',
      events: [{ id: 'b', type: 'T', version: 1, data: {} }],
    });
    expect(retry).toEqual({ ...outcome, duplicate: true });
    expect(await again.lastSeq()).toBe(1);
    await again.close();
  });
});
