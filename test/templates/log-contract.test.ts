/**
 * What every log adapter promises the runtime, run against the embedded SQLite log and against
 * NATS JetStream (a real nats-server this file starts on a free loopback port).
 * STORMBENCH_SKIP_NATS=1 runs the SQLite half only (say so when you do).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, type EventLog, type NewEvent } from '../../templates/runtime/log.ts';
import { NatsLog } from '../../templates/runtime/nats-log.ts';
import { SqliteLog } from '../../templates/runtime/sqlite-log.ts';
import { startNats, stopAllNats, type NatsNode } from '../nats/server.ts';

/** Opens handles on one fresh log; every call of `open` is another handle on the same log. */
type Fixture = () => { open: () => Promise<EventLog> };

const skipNats = process.env.STORMBENCH_SKIP_NATS === '1';
let server: NatsNode | undefined;
let fresh = 0;

beforeAll(async () => {
  if (!skipNats) server = await startNats();
}, 30_000);
afterAll(async () => {
  await stopAllNats();
});

const opened: EventLog[] = [];
afterEach(async () => {
  for (const log of opened.splice(0)) await log.close();
});

const adapters: Array<[string, Fixture]> = [
  [
    'SQLite',
    () => {
      const path = join(mkdtempSync(join(tmpdir(), 'sb-contract-')), 'log.db');
      return { open: async () => new SqliteLog(path) };
    },
  ],
];
if (!skipNats) {
  adapters.push([
    'NATS JetStream',
    () => {
      fresh += 1;
      const stream = `CONTRACT_${fresh}`;
      return { open: () => NatsLog.open({ servers: server!.url, stream, subjectPrefix: `contract${fresh}` }) };
    },
  ]);
}

const event = (id: string, data: unknown = { n: id }): NewEvent => ({ id, type: 'Happened', version: 1, data });

describe.each(adapters)('the log contract: %s', (_name, fixture) => {
  async function newLog(): Promise<{ log: EventLog; open: () => Promise<EventLog> }> {
    const { open } = fixture();
    const handle = async () => {
      const log = await open();
      opened.push(log);
      return log;
    };
    return { log: await handle(), open: handle };
  }

  it('appends with the expected version and refuses a stale one, writing nothing of it', async () => {
    const { log } = await newLog();
    const first = await log.append({
      context: 'c',
      stream: 'c.S-1',
      expectedVersion: 0,
      events: [event('a'), event('b')],
      commandId: 'cmd-1',
    });
    expect(first.duplicate).toBe(false);
    expect(first.streamVersion).toBe(2);
    expect(first.positions).toHaveLength(2);
    expect(first.positions[0]!).toBeGreaterThan(0);
    expect(first.positions[1]!).toBeGreaterThan(first.positions[0]!);
    const head = await log.head();
    expect(head).toBe(first.positions[1]);

    const stale = log.append({
      context: 'c',
      stream: 'c.S-1',
      expectedVersion: 1,
      events: [event('c')],
      commandId: 'cmd-2',
    });
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(stale).rejects.toMatchObject({ stream: 'c.S-1', expected: 1, actual: 2 });
    await expect(
      log.append({ context: 'c', stream: 'c.S-1', expectedVersion: 0, events: [event('c')], commandId: 'cmd-2' }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(
      log.append({ context: 'c', stream: 'c.S-1', expectedVersion: 5, events: [event('c')], commandId: 'cmd-2' }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await log.head()).toBe(head);
    expect(await log.outcomeOf('c', 'cmd-2')).toBeUndefined();

    const third = await log.append({
      context: 'c',
      stream: 'c.S-1',
      expectedVersion: 2,
      events: [event('c')],
      commandId: 'cmd-2',
    });
    expect(third.streamVersion).toBe(3);
    expect((await log.readStream('c.S-1')).map((e) => [e.id, e.streamVersion])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect((await log.readStream('c.S-1', 2)).map((e) => e.id)).toEqual(['a', 'b']);
    expect(await log.readStream('c.S-404')).toEqual([]);
  });

  it('returns the first outcome for a retried command id and appends nothing', async () => {
    const { log } = await newLog();
    const first = await log.append({
      context: 'c',
      stream: 'c.S-1',
      expectedVersion: 0,
      events: [event('a')],
      commandId: 'same',
    });
    // The retry was decided on a newer state and carries a new event id: still nothing is appended.
    const retry = await log.append({
      context: 'c',
      stream: 'c.S-1',
      expectedVersion: 1,
      events: [event('b')],
      commandId: 'same',
    });
    expect(retry).toEqual({ ...first, duplicate: true });
    // Even when the retry's expected version is stale, it is recognised as the same command.
    const staleRetry = await log.append({
      context: 'c',
      stream: 'c.S-1',
      expectedVersion: 0,
      events: [event('b2')],
      commandId: 'same',
    });
    expect(staleRetry).toEqual({ ...first, duplicate: true });
    expect(await log.outcomeOf('c', 'same')).toEqual({ ...first, duplicate: true });
    expect(await log.head()).toBe(first.positions[0]);
    // Another context may use the same command id: ids are scoped per service.
    const other = await log.append({
      context: 'd',
      stream: 'd.S-2',
      expectedVersion: 0,
      events: [event('b')],
      commandId: 'same',
    });
    expect(other.duplicate).toBe(false);
    expect(await log.outcomeOf('e', 'same')).toBeUndefined();
  });

  it("keeps the request's fingerprint with the outcome: a retry, another handle and a reopen get the first one", async () => {
    const { log, open } = await newLog();
    const other = await open();
    const first = await log.append({
      context: 'c',
      stream: 'c.S-1',
      expectedVersion: 0,
      events: [event('a')],
      commandId: 'fp',
      fingerprint: 'first-request',
    });
    expect(first.fingerprint).toBe('first-request');
    // The same id for another request (another stream, another fingerprint): the first outcome, with its fingerprint.
    const reused = await log.append({
      context: 'c',
      stream: 'c.S-2',
      expectedVersion: 0,
      events: [event('b')],
      commandId: 'fp',
      fingerprint: 'another-request',
    });
    expect(reused).toEqual({ ...first, duplicate: true });
    const racing = await other.append({
      context: 'c',
      stream: 'c.S-3',
      expectedVersion: 0,
      events: [event('b2')],
      commandId: 'fp',
      fingerprint: 'a-third-request',
    });
    expect(racing).toEqual({ ...first, duplicate: true });
    expect(await other.outcomeOf('c', 'fp')).toEqual({ ...first, duplicate: true });
    expect(await log.readStream('c.S-2')).toEqual([]);
    await log.close();
    opened.splice(opened.indexOf(log), 1);
    expect(await (await open()).outcomeOf('c', 'fp')).toEqual({ ...first, duplicate: true });
    // An append without a fingerprint (a caller of the log itself) stores none.
    expect(
      (
        await other.append({
          context: 'c',
          stream: 'c.S-4',
          expectedVersion: 0,
          events: [event('d')],
          commandId: 'bare',
        })
      ).fingerprint,
    ).toBeUndefined();
  });

  it('keeps outcomes and events for another handle and after a reopen', async () => {
    const { log, open } = await newLog();
    const first = await log.append({
      context: 'c',
      stream: 'c.S-1',
      expectedVersion: 0,
      events: [event('a'), event('b')],
      commandId: 'k',
    });
    await log.close();
    opened.splice(opened.indexOf(log), 1);
    const again = await open();
    expect(await again.outcomeOf('c', 'k')).toEqual({ ...first, duplicate: true });
    expect((await again.readStream('c.S-1')).map((e) => e.id)).toEqual(['a', 'b']);
    expect(await again.head()).toBe(first.positions[1]);
  });

  it('knows every command id after a reopen, also beyond the first thousand', async () => {
    const { log, open } = await newLog();
    for (let chunk = 0; chunk < 12; chunk++) {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          const n = chunk * 100 + i;
          // Two contexts interleaved: each must find only its own ids.
          const context = n % 2 ? 'odd' : 'even';
          return log.append({
            context,
            stream: `${context}.Item-${n}`,
            expectedVersion: 0,
            events: [event(`e${n}`)],
            commandId: `cmd-${n}`,
          });
        }),
      );
    }
    await log.close();
    opened.splice(opened.indexOf(log), 1);
    const again = await open();
    expect(await again.outcomeOf('odd', 'cmd-1199')).toMatchObject({ streamVersion: 1, duplicate: true });
    expect(await again.outcomeOf('even', 'cmd-0')).toMatchObject({ streamVersion: 1, duplicate: true });
    expect(await again.outcomeOf('even', 'cmd-1199')).toBeUndefined();
    const retry = await again.append({
      context: 'odd',
      stream: 'odd.Item-1001',
      expectedVersion: 0,
      events: [event('again')],
      commandId: 'cmd-1001',
    });
    expect(retry.duplicate).toBe(true);
  }, 30_000);

  it('holds the version check across two handles on one log', async () => {
    const { log: one, open } = await newLog();
    const two = await open();
    await one.append({ context: 'c', stream: 'c.S-1', expectedVersion: 0, events: [event('a')], commandId: '1' });
    await expect(
      two.append({ context: 'c', stream: 'c.S-1', expectedVersion: 0, events: [event('b')], commandId: '2' }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    // `one` still has version 1 in mind; `two` moves the stream on.
    await two.append({ context: 'c', stream: 'c.S-1', expectedVersion: 1, events: [event('b')], commandId: '2' });
    await expect(
      one.append({ context: 'c', stream: 'c.S-1', expectedVersion: 1, events: [event('c')], commandId: '3' }),
    ).rejects.toMatchObject({ actual: 2 });
    expect((await one.readStream('c.S-1')).map((e) => e.id)).toEqual(['a', 'b']);
    expect((await two.readAfter(0, 10)).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('lets exactly one of many concurrent appends on the same version win', async () => {
    const { log, open } = await newLog();
    const other = await open();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? log : other).append({
          context: 'c',
          stream: 'c.Race-1',
          expectedVersion: 0,
          events: [event(`r${i}`)],
          commandId: `race-${i}`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
    expect(await log.readStream('c.Race-1')).toHaveLength(1);
  });

  it('reads the whole log after any position, in order, across streams and contexts, page by page', async () => {
    const { log } = await newLog();
    const appended: string[] = [];
    for (let i = 0; i < 12; i++) {
      const context = i % 3 === 0 ? 'other' : 'c';
      const ids = Array.from({ length: (i % 3) + 1 }, (_, j) => `e${i}-${j}`);
      const stream = `${context}.Thing-${i % 4}`;
      const version = (await log.readStream(stream)).length;
      await log.append({
        context,
        stream,
        expectedVersion: version,
        events: ids.map((id) => event(id, { i, j: id })),
        commandId: `cmd-${i}`,
      });
      appended.push(...ids);
    }
    const all = await log.readAfter(0, 1000);
    expect(all.map((e) => e.id)).toEqual(appended);
    const positions = all.map((e) => e.position);
    for (let i = 1; i < positions.length; i++) expect(positions[i]!).toBeGreaterThan(positions[i - 1]!);
    expect(await log.head()).toBe(positions.at(-1));

    // Paging with a small limit, from wherever the last page ended (also inside one command's events).
    const paged: string[] = [];
    let after = 0;
    for (let page = 0; page < 100; page++) {
      const events = await log.readAfter(after, 4);
      if (events.length === 0) break;
      expect(events.length).toBeLessThanOrEqual(4);
      paged.push(...events.map((e) => e.id));
      after = events.at(-1)!.position;
    }
    expect(paged).toEqual(appended);
    expect(await log.readAfter(positions.at(-1)!, 10)).toEqual([]);
    // From the middle: exactly what comes after that event.
    expect((await log.readAfter(positions[5]!, 3)).map((e) => e.id)).toEqual(appended.slice(6, 9));
  });

  it('returns events as written: ids, types, schema versions, data, metadata with the command id', async () => {
    const { log } = await newLog();
    const data = { text: 'ünïcode ✓', nested: { list: [1, 2, 3] }, none: null };
    await log.append({
      context: 'sales',
      stream: 'sales.Order-o.1 x',
      expectedVersion: 0,
      events: [{ id: 'ev-1', type: 'OrderPlaced', version: 2, data, metadata: { by: 'test' } }],
      commandId: 'c-1',
    });
    const [stored] = await log.readAfter(0, 10);
    expect(stored).toMatchObject({
      id: 'ev-1',
      context: 'sales',
      stream: 'sales.Order-o.1 x',
      streamVersion: 1,
      type: 'OrderPlaced',
      version: 2,
      data,
      metadata: { by: 'test', commandId: 'c-1' },
    });
    expect(new Date(stored!.recordedAt).toISOString()).toBe(stored!.recordedAt);
    expect(await log.readStream('sales.Order-o.1 x')).toEqual([stored]);
    // A stream name of another shape still works, and never mixes with the well-formed one.
    await log.append({
      context: 'sales',
      stream: 'odd name',
      expectedVersion: 0,
      events: [event('x')],
      commandId: 'c-2',
    });
    expect((await log.readStream('odd name')).map((e) => e.id)).toEqual(['x']);
    expect((await log.readStream('sales.Order-o.1 x')).map((e) => e.id)).toEqual(['ev-1']);
  });

  it('is empty at first', async () => {
    const { log } = await newLog();
    expect(await log.head()).toBe(0);
    expect(await log.readAfter(0, 10)).toEqual([]);
    expect(await log.outcomeOf('c', 'nothing')).toBeUndefined();
  });
});
