import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../../templates/runtime/log.ts';
import { SqliteLog } from '../../templates/runtime/sqlite-log.ts';

const open: SqliteLog[] = [];
function newLog(path = join(mkdtempSync(join(tmpdir(), 'sb-log-')), 'log.db')): SqliteLog {
  const log = new SqliteLog(path);
  open.push(log);
  return log;
}
afterEach(async () => {
  for (const log of open.splice(0)) await log.close();
});

const event = (id: string) => ({ id, type: 'Happened', version: 1, data: { n: id } });

describe('SqliteLog', () => {
  it('appends with the expected version and refuses a stale one', async () => {
    const log = newLog();
    const first = await log.append({
      context: 'c',
      stream: 's-1',
      expectedVersion: 0,
      events: [event('a'), event('b')],
      commandId: 'cmd-1',
    });
    expect(first).toEqual({ positions: [1, 2], streamVersion: 2, duplicate: false });
    await expect(
      log.append({ context: 'c', stream: 's-1', expectedVersion: 1, events: [event('c')], commandId: 'cmd-2' }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    // Nothing of the refused append is in the log, not even its command id.
    expect(await log.head()).toBe(2);
    expect(await log.outcomeOf('c', 'cmd-2')).toBeUndefined();
    const third = await log.append({
      context: 'c',
      stream: 's-1',
      expectedVersion: 2,
      events: [event('c')],
      commandId: 'cmd-2',
    });
    expect(third.streamVersion).toBe(3);
    expect((await log.readStream('s-1')).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
  });

  it('returns the first outcome for a retried command id and appends nothing', async () => {
    const log = newLog();
    const first = await log.append({
      context: 'c',
      stream: 's-1',
      expectedVersion: 0,
      events: [event('a')],
      commandId: 'same',
    });
    // The retry was decided on a newer state and carries a new event id: still nothing is appended.
    const retry = await log.append({
      context: 'c',
      stream: 's-1',
      expectedVersion: 1,
      events: [event('b')],
      commandId: 'same',
    });
    expect(retry).toEqual({ ...first, duplicate: true });
    expect(await log.head()).toBe(1);
    // Another context may use the same command id: ids are scoped per service.
    const other = await log.append({
      context: 'd',
      stream: 's-2',
      expectedVersion: 0,
      events: [event('b')],
      commandId: 'same',
    });
    expect(other.duplicate).toBe(false);
  });

  it('is shared by two handles on one file, and the check holds across them', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sb-log-')), 'log.db');
    const one = newLog(path);
    const two = newLog(path);
    await one.append({ context: 'c', stream: 's', expectedVersion: 0, events: [event('a')], commandId: '1' });
    await expect(
      two.append({ context: 'c', stream: 's', expectedVersion: 0, events: [event('b')], commandId: '2' }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await two.readAfter(0, 10)).map((e) => e.id)).toEqual(['a']);
  });

  it('commits the appends of one moment together, and a refused one leaves the others in', async () => {
    const log = newLog();
    await log.append({ context: 'c', stream: 'taken', expectedVersion: 0, events: [event('t')], commandId: 'first' });
    const results = await Promise.allSettled([
      log.append({ context: 'c', stream: 's-1', expectedVersion: 0, events: [event('a')], commandId: 'a' }),
      log.append({ context: 'c', stream: 'taken', expectedVersion: 0, events: [event('x')], commandId: 'stale' }),
      log.append({ context: 'c', stream: 's-2', expectedVersion: 0, events: [event('b')], commandId: 'b' }),
      log.append({ context: 'c', stream: 's-2', expectedVersion: 1, events: [event('c')], commandId: 'c' }),
      log.append({ context: 'c', stream: 's-3', expectedVersion: 0, events: [event('d')], commandId: 'b' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    // Within one commit, a later append sees the earlier ones: its stream's version and its command id.
    expect((results[3] as PromiseFulfilledResult<{ streamVersion: number }>).value.streamVersion).toBe(2);
    expect((results[4] as PromiseFulfilledResult<{ duplicate: boolean }>).value.duplicate).toBe(true);
    expect((await log.readAfter(0, 10)).map((e) => e.id)).toEqual(['t', 'a', 'b', 'c']);
  });

  it('reads the same log through every handle on the file, whichever appended what, in pages of any size', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sb-log-')), 'log.db');
    const mine = newLog(path);
    const theirs = newLog(path);
    const put = (log: SqliteLog, stream: string, expectedVersion: number, ids: string[], commandId: string) =>
      log.append({ context: stream[0]!, stream, expectedVersion, events: ids.map(event), commandId });
    // Interleaved: mine 1-2, theirs 3, mine 4, a retry of mine (nothing), theirs 5-6, mine 7.
    await put(mine, 'm-1', 0, ['a', 'b'], 'x1');
    await put(theirs, 't-1', 0, ['c'], 'y1');
    await put(mine, 'm-1', 2, ['d'], 'x2');
    await put(mine, 'm-1', 2, ['d2'], 'x2');
    await put(theirs, 't-1', 1, ['e', 'f'], 'y2');
    await put(mine, 'm-2', 0, ['g'], 'x3');
    // A third handle has appended nothing: it reads everything from the file.
    const file = newLog(path);
    const expected = await file.readAfter(0, 100);
    expect(expected.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    for (const log of [mine, theirs]) {
      // From every position, in pages of every size, as a subscription reads: the same events.
      for (const limit of [1, 2, 3, 100]) {
        const read = [];
        for (let at = 0; ;) {
          const page = await log.readAfter(at, limit);
          if (page.length === 0) break;
          read.push(...page);
          at = page[page.length - 1]!.position;
        }
        expect(read).toEqual(expected);
      }
    }
  });
});
