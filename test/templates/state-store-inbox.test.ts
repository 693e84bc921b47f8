import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inboxPath, StateStore } from '../../templates/runtime/state-store.ts';

describe('the inbox of accepted commands', () => {
  it('commits the commands accepted while a commit is under way together, and tells a repeated id', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sb-inbox-')), 'state.db');
    const store = new StateStore(path);
    const accepted = await Promise.all([
      ...Array.from({ length: 50 }, (_, i) => store.enqueue(`c${i}`, 'Increment', { counterId: `k${i}` })),
      store.enqueue('c7', 'Increment', { counterId: 'other' }),
    ]);
    expect(accepted.slice(0, 50).every((fresh) => fresh)).toBe(true);
    expect(accepted[50]).toBe(false);
    // The first goes alone, the 50 that came meanwhile in one more commit (one receipt time per
    // commit), where a commit each gave 50.
    const inbox = new Database(inboxPath(path), { readonly: true });
    expect(inbox.prepare('SELECT DISTINCT received_at FROM inbox').all().length).toBeLessThanOrEqual(2);
    inbox.close();
    expect(store.inboxItem('c7')?.payload).toEqual({ counterId: 'k7' });
    await store.close();
    const reopened = new StateStore(path);
    expect(reopened.pending(100)).toHaveLength(50);
    await reopened.close();
  });

  it('finds the pending commands without reading every command ever accepted', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sb-inbox-')), 'state.db');
    const store = new StateStore(path);
    const inbox = new Database(inboxPath(path), { readonly: true });
    const plan = inbox
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM inbox WHERE status = 'pending' ORDER BY seq LIMIT 64")
      .all() as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join('; ')).toMatch(/USING INDEX inbox_pending/);
    inbox.close();
    await store.close();
  });

  it('moves the pending commands of an inbox kept in the state file (services made before) into its own file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sb-inbox-')), 'sales.state.db');
    const old = new Database(path);
    old.exec(
      'CREATE TABLE inbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, command_id TEXT NOT NULL UNIQUE, command TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, answer TEXT, received_at TEXT NOT NULL)',
    );
    old
      .prepare(
        'INSERT INTO inbox (command_id, command, payload, status, answer, received_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('done-1', 'Increment', '{}', 'done', '{"kind":"done"}', 'then');
    old
      .prepare(
        'INSERT INTO inbox (command_id, command, payload, status, answer, received_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('waiting', 'Increment', '{"counterId":"w"}', 'pending', null, 'then');
    old.close();
    const store = new StateStore(path);
    expect(store.pending(10).map((i) => i.commandId)).toEqual(['waiting']);
    expect(store.inboxItem('done-1')?.answer).toEqual({ kind: 'done' });
    expect(await store.enqueue('waiting', 'Increment', {})).toBe(false);
    await store.finish([{ commandId: 'waiting', answer: { kind: 'done' } }]);
    expect(store.pending(10)).toEqual([]);
    await store.close();
    const state = new Database(path, { readonly: true });
    expect(state.prepare("SELECT name FROM sqlite_master WHERE name = 'inbox'").all()).toEqual([]);
    state.close();
  });
});
