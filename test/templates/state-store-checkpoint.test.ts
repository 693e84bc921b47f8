import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateStore } from '../../templates/runtime/state-store.ts';

const MB = 1024 * 1024;

describe("StateStore: the state file's write-ahead log is copied in off the event loop", () => {
  it('commits without copying the WAL into the file, and a thread copies it in shortly after', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sb-state-ckpt-')), 'ctx.state.db');
    const store = new StateStore(path);
    const doc = { text: 'x'.repeat(1000) };
    // 6,000 rows of 1 kB: a WAL past SQLite's 1,000 pages, which a commit on the event loop
    // would copy into the file itself (page writes and an fsync in the middle of a request).
    store.applyBatch('read-models', 6000, (tx) => {
      for (let i = 0; i < 6000; i++) tx.put('Orders', `order-${i}`, doc, i + 1);
    });
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(5 * MB);
    expect(statSync(path).size).toBeLessThan(MB);
    const deadline = Date.now() + 5000;
    while (statSync(path).size < 5 * MB && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(statSync(path).size).toBeGreaterThan(5 * MB);
    expect(store.row('Orders', 'order-5999')).toEqual(doc);
    await store.close();
    const reopened = new StateStore(path);
    expect(reopened.checkpoint('read-models')).toBe(6000);
    expect(reopened.rows('Orders', 1)).toEqual([{ id: 'order-0', row: doc }]);
    await reopened.close();
  });
});
