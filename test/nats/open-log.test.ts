import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { natsUrlOf, openLog } from '../../templates/runtime/open-log.ts';
import { encodeToken, positionOf, splitPosition, subjectOf } from '../../templates/runtime/nats-subjects.ts';
import { SqliteLog } from '../../templates/runtime/sqlite-log.ts';

describe('STORM_LOG', () => {
  it('reads a nats:// URL: servers, stream and options', () => {
    expect(natsUrlOf('nats://127.0.0.1:4222')).toEqual({ servers: ['nats://127.0.0.1:4222'] });
    expect(natsUrlOf('nats://a:1,b:2,c:3/ORDERS?replicas=3&prefix=shop&duplicateWindow=120')).toEqual({
      servers: ['nats://a:1', 'nats://b:2', 'nats://c:3'],
      stream: 'ORDERS',
      subjectPrefix: 'shop',
      replicas: 3,
      duplicateWindowMs: 120_000,
    });
    expect(natsUrlOf('tls://nats.example.com:4222/')).toEqual({ servers: ['tls://nats.example.com:4222'] });
    expect(natsUrlOf('sqlite:./data/log.db')).toBeUndefined();
  });

  it('refuses what it cannot use, in words', () => {
    expect(() => natsUrlOf('nats://h:1?replica=3')).toThrow(
      'unknown option "replica"; use replicas, prefix or duplicateWindow',
    );
    expect(() => natsUrlOf('nats://h:1?replicas=two')).toThrow('replicas must be a positive whole number, not "two"');
    expect(() => natsUrlOf('nats://h:1/my.stream')).toThrow('may hold only letters, digits, _ and -');
    expect(() => natsUrlOf('nats://h:1?prefix=a.b')).toThrow('prefix may hold only letters, digits, _ and -');
  });

  it('opens SQLite by default and for sqlite:PATH, and names what it cannot open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-open-'));
    const fallback = await openLog(undefined, dir);
    expect(fallback).toBeInstanceOf(SqliteLog);
    await fallback.close();
    const named = await openLog('sqlite:sub/log.db', dir);
    expect(named).toBeInstanceOf(SqliteLog);
    await named.close();
    await expect(openLog('kafka://localhost:9092', dir)).rejects.toThrow(
      'STORM_LOG=kafka://localhost:9092 is not a log this service can open; use sqlite:PATH or nats://HOST:PORT',
    );
  });
});

describe('subjects and positions on JetStream', () => {
  it('puts context, aggregate and id in the subject, and never lets two stream names share one', () => {
    expect(subjectOf('storm', 'sales.Order-o-17')).toBe('storm.sales.Order.o-17');
    expect(subjectOf('storm', 'sales.Order-o.1 x*>')).toBe('storm.sales.Order.o~2e1~20x~2a~3e');
    expect(subjectOf('storm', 'odd name')).toBe('storm.~.~.odd~20name');
    expect(encodeToken('')).toBe('~');
    expect(encodeToken('ü')).toBe('~c3~bc');
    const names = ['a.B-c', 'a.B-c.', 'a.B-c-d', 'a.B-~', 'a.B-~7e', 'a.Bc', 'a.B', '.a.B-c', 'a.B- c', 'a.B-_c'];
    expect(new Set(names.map((n) => subjectOf('p', n))).size).toBe(names.length);
  });

  it('counts positions inside messages', () => {
    expect(positionOf(17, 1)).toBe(17002);
    expect(splitPosition(17002)).toEqual({ seq: 17, covered: 2 });
    expect(splitPosition(0)).toEqual({ seq: 0, covered: 0 });
  });
});
