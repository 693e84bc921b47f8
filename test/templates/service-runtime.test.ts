import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime, type ServiceRuntime } from '../../templates/runtime/service.ts';
import { SqliteLog } from '../../templates/runtime/sqlite-log.ts';
import { StateStore } from '../../templates/runtime/state-store.ts';
import { counterDefinition } from './fixture-definition.ts';

const running: ServiceRuntime[] = [];
afterEach(async () => {
  for (const runtime of running.splice(0)) await runtime.close();
});

function start(
  dir = mkdtempSync(join(tmpdir(), 'sb-rt-')),
  options: { beforeCheckpoint?: () => void; withPolicy?: boolean } = {},
): ServiceRuntime {
  const definition = counterDefinition();
  if (!options.withPolicy) definition.policies = [];
  const runtime = startRuntime(definition, {
    dataDir: dir,
    log: `sqlite:${join(dir, 'log.db')}`,
    pollMs: 10,
    beforeCheckpoint: options.beforeCheckpoint,
  });
  running.push(runtime);
  return runtime;
}

describe('the service runtime', () => {
  it('decides, appends once, strips undeclared properties and updates the read model', async () => {
    const runtime = start();
    const opened = await runtime.run('OpenCounter', { counterId: 'c1' }, 'cmd-1', true);
    expect(opened).toMatchObject({
      kind: 'done',
      streamVersion: 1,
      duplicate: false,
      state: { exists: true, count: 0 },
    });
    const [stored] = await runtime.log.readAfter(0, 10);
    expect(stored!.data).toEqual({ counterId: 'c1', label: 'none' });
    expect(runtime.store.row('Totals', 'c1')).toEqual({ total: 0, applied: 1, label: 'none' });
    expect(await runtime.run('OpenCounter', { counterId: 'c1' }, 'cmd-2', true)).toEqual({
      kind: 'rejected',
      message: 'the counter is already open',
    });
  });

  it('answers a retried command id with the first answer and appends nothing', async () => {
    const runtime = start();
    await runtime.run('OpenCounter', { counterId: 'c1' }, 'open', true);
    const first = await runtime.run('Increment', { counterId: 'c1', by: 2 }, 'inc', true);
    const retry = await runtime.run('Increment', { counterId: 'c1', by: 2 }, 'inc', true);
    expect(retry).toEqual({ ...first, duplicate: true });
    expect(await runtime.log.head()).toBe(2);
    expect(runtime.store.row('Totals', 'c1')).toMatchObject({ total: 2, applied: 2 });
  });

  it('refuses a command id reused for another payload or another command, and runs nothing for it', async () => {
    const runtime = start();
    await runtime.run('OpenCounter', { counterId: 'c1' }, 'open', true);
    const first = await runtime.run('Increment', { counterId: 'c1', by: 2 }, 'inc', true);
    const reused = {
      kind: 'reused-key',
      message:
        'the Idempotency-Key "inc" was already used for another request (another command or another body); send a new key for a new request',
    };
    expect(await runtime.run('Increment', { counterId: 'c1', by: 3 }, 'inc', true)).toEqual(reused);
    expect(await runtime.run('OpenCounter', { counterId: 'c2' }, 'inc', true)).toEqual(reused);
    expect(await runtime.run('Increment', { by: 2, counterId: 'c1' }, 'inc', true)).toEqual({
      ...first,
      duplicate: true,
    });
    expect(await runtime.log.head()).toBe(2);
    expect(runtime.store.row('Totals', 'c2')).toBeUndefined();
  });

  it('serialises 50 concurrent commands on one aggregate with no lost update', async () => {
    const runtime = start();
    await runtime.run('OpenCounter', { counterId: 'c1' }, 'open', true);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => runtime.run('Increment', { counterId: 'c1', by: 1 }, `inc-${i}`, true)),
    );
    expect(results.every((r) => r.kind === 'done')).toBe(true);
    const versions = results.map((r) => (r.kind === 'done' ? r.streamVersion : 0)).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(runtime.store.row('Totals', 'c1')).toMatchObject({ total: 50, applied: 51 });
  });

  it('resolves a conflict with another process by deciding again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-rt-'));
    const one = start(dir);
    // A second service with its own state, pointed at the same log file: two writers, one log.
    const definition = counterDefinition();
    definition.policies = [];
    const other = startRuntime(definition, {
      dataDir: join(dir, 'other'),
      log: `sqlite:${join(dir, 'log.db')}`,
      pollMs: 10,
    });
    running.push(other);
    await one.run('OpenCounter', { counterId: 'c' }, 'open', false);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : other).run('Increment', { counterId: 'c', by: 1 }, `i-${i}`, false),
      ),
    );
    expect(results.filter((r) => r.kind === 'done')).toHaveLength(20);
    expect((await one.log.readStream('counting.Counter-c')).length).toBe(21);
  });

  it('stores the checkpoint with the batch: a crash before the checkpoint does not apply twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-rt-'));
    // Events already in the log, written before the service starts.
    const log = new SqliteLog(join(dir, 'log.db'));
    await log.append({
      context: 'counting',
      stream: 'counting.Counter-c1',
      expectedVersion: 0,
      commandId: 'x',
      events: [
        { id: 'e1', type: 'CounterOpened', version: 1, data: { counterId: 'c1' } },
        { id: 'e2', type: 'Incremented', version: 1, data: { counterId: 'c1', by: 5 } },
      ],
    });
    await log.close();
    let crashes = 0;
    const runtime = start(dir, {
      beforeCheckpoint: () => {
        // The batch was applied to the read model, and then the process "dies".
        if (crashes++ < 2) throw new Error('simulated crash between apply and checkpoint');
      },
    });
    await runtime.projections.waitFor(2);
    expect(crashes).toBe(3);
    // Delivered three times, applied once; v1 was upcast to v2 on the way (label filled in).
    expect(runtime.store.row('Totals', 'c1')).toEqual({ total: 5, applied: 2, label: 'none' });
    expect(runtime.store.checkpoint('projections')).toBe(2);
  });

  it('re-delivers after a restart from the stored checkpoint and applies each event once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-rt-'));
    const first = start(dir);
    await first.run('OpenCounter', { counterId: 'c1' }, 'open', true);
    await first.run('Increment', { counterId: 'c1', by: 3 }, 'inc', true);
    await first.close();
    running.pop();
    // A checkpoint that lags (as after a kill between a batch and the next poll) means the same
    // events are read again; the store's checkpoint moves only with the rows.
    const state = new StateStore(join(dir, 'counting.state.db'));
    expect(state.checkpoint('projections')).toBe(2);
    state.close();
    const second = start(dir);
    await second.run('Increment', { counterId: 'c1', by: 1 }, 'inc-2', true);
    expect(second.store.row('Totals', 'c1')).toMatchObject({ total: 4, applied: 3 });
  });

  it('runs a policy once per event, with a command id derived from the event', async () => {
    const runtime = start(undefined, { withPolicy: true });
    await runtime.run('OpenCounter', { counterId: 'p' }, 'open', false);
    await waitUntil(async () => (await runtime.log.head()) === 2);
    const events = await runtime.log.readAfter(0, 10);
    expect(events.map((e) => e.type)).toEqual(['CounterOpened', 'Incremented']);
    expect(events[1]!.metadata.commandId).toBe(`StartAtOne:${events[0]!.id}:0`);
    // Reprocessing the event (the policy's checkpoint reset) issues the same command id: no new event.
    runtime.store.setCheckpoint('policies', 0);
    await runtime.policies.stop();
    runtime.policies.start();
    await runtime.policies.waitFor(2);
    expect(await runtime.log.head()).toBe(2);
  });

  it('answers applied as not caught up when a projection keeps failing, instead of hanging', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-rt-'));
    const definition = counterDefinition();
    definition.policies = [];
    definition.readModels[0]!.apply = () => {
      throw new Error('a broken projection');
    };
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const runtime = startRuntime(definition, {
        dataDir: dir,
        log: `sqlite:${join(dir, 'log.db')}`,
        pollMs: 10,
        applyTimeoutMs: 200,
      });
      running.push(runtime);
      const result = await runtime.run('OpenCounter', { counterId: 'x' }, 'open', true);
      expect(result).toMatchObject({ kind: 'done', streamVersion: 1, lagging: true });
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      console.error = original;
    }
  });

  it('processes accepted commands from the durable inbox', async () => {
    const runtime = start();
    runtime.enqueue('OpenCounter', { counterId: 'q' }, 'queued');
    await waitUntil(() => runtime.store.inboxItem('queued')?.status === 'done');
    expect(runtime.store.inboxItem('queued')?.answer).toMatchObject({ kind: 'done', streamVersion: 1 });
  });
});

async function waitUntil(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
