import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateStore } from '../../templates/runtime/state-store.ts';

describe('the inbox of accepted commands', () => {
  it('writes the commands accepted in one turn of the event loop in one commit, and tells a repeated id', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sb-inbox-')), 'state.db');
    const store = new StateStore(path);
    const accepted = await Promise.all([
      ...Array.from({ length: 50 }, (_, i) => store.enqueue(`c${i}`, 'Increment', { counterId: `k${i}` })),
      store.enqueue('c7', 'Increment', { counterId: 'other' }),
    ]);
    expect(accepted.slice(0, 50).every((fresh) => fresh)).toBe(true);
    expect(accepted[50]).toBe(false);
    // One transaction: one receipt time for all, where one commit each would give several.
    const times = store.db.prepare('SELECT DISTINCT received_at FROM inbox').all();
    expect(times).toHaveLength(1);
    expect(store.inboxItem('c7')?.payload).toEqual({ counterId: 'k7' });
    store.close();
    const reopened = new StateStore(path);
    expect(reopened.pending(100)).toHaveLength(50);
    reopened.close();
  });
});
