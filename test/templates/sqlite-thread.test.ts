import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteThread } from '../../templates/runtime/sqlite-thread.ts';

/** A writer that stores numbers, one row each, and answers each with the batch's size. */
const NUMBERS = `(Database, { path }) => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS n (v INTEGER NOT NULL CHECK (v >= 0))');
  const insert = db.prepare('INSERT INTO n (v) VALUES (?)');
  const batch = db.transaction((items) => items.map((v) => (insert.run(v), items.length)));
  return { run: (items) => batch.immediate(items), close: () => db.close() };
}`;

const fresh = () => join(mkdtempSync(join(tmpdir(), 'sb-thread-')), 'n.db');

describe('SqliteThread: durable writes on a thread of their own', () => {
  it('commits what is asked for in one turn together, and the writes of the callers a commit woke together again', async () => {
    const path = fresh();
    const thread = new SqliteThread<number, number>('the numbers', NUMBERS, { path });
    // 20 callers, each writing 5 times in a row, as 20 HTTP connections would: 100 writes in about
    // 5 commits (one per round), where a batch sent with the first write of a round makes 2 per round.
    const sizes: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, caller) => {
        for (let round = 0; round < 5; round++) sizes.push(await thread.write(caller * 10 + round));
      }),
    );
    expect(thread.batches).toBeLessThanOrEqual(6);
    expect(Math.max(...sizes)).toBe(20);
    await thread.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS c FROM n').get()).toEqual({ c: 100 });
    db.close();
  });

  it('commits the writes sent while a commit runs together in the next one, as soon as that one is on disk', async () => {
    const path = fresh();
    // A commit of a batch holding 1000 takes 200 ms (a slow disk).
    const SLOW = NUMBERS.replace(
      'const batch = db',
      'const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);\n  const batch = db',
    ).replace('items.map(', '(items.includes(1000) && sleep(200), items).map(');
    const thread = new SqliteThread<number, number>('the numbers', SLOW, { path });
    await thread.write(0); // the thread started
    const first = thread.write(1000);
    const later: Array<Promise<number>> = [];
    // Three writes, each in its own turn of the event loop, while the first commit takes its time.
    for (const v of [1, 2, 3]) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      later.push(thread.write(v));
    }
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual([3, 3, 3]);
    await thread.close();
  });

  it('refuses every write of a batch whose commit failed, in words, and writes nothing of it', async () => {
    const path = fresh();
    const thread = new SqliteThread<number, number>('the numbers', NUMBERS, { path });
    await thread.write(1);
    // -1 breaks the CHECK: the whole batch (the transaction) is rolled back.
    const results = await Promise.allSettled([thread.write(2), thread.write(-1), thread.write(3)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/the numbers could not be written: CHECK/);
    expect(await thread.write(4)).toBe(1);
    await thread.close();
    await expect(thread.write(5)).rejects.toThrow(/the numbers is closed/);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT v FROM n ORDER BY rowid').all()).toEqual([{ v: 1 }, { v: 4 }]);
    db.close();
  });
});
