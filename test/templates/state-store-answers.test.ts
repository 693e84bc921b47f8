import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateStore } from '../../templates/runtime/state-store.ts';

describe('the answers a service remembers for GET /commands/{id}', () => {
  it('are readable at once, written in one batch, and kept across a restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sb-answers-')), 'state.db');
    const store = new StateStore(path);
    const count = () => (store.db.prepare('SELECT count(*) AS n FROM answered').get() as { n: number }).n;
    store.remember('a', 'Increment', { kind: 'rejected', message: 'no' });
    store.remember('b', 'Increment', { kind: 'invalid', message: 'bad', errors: ['bad'] });
    expect(store.answered('a')).toEqual({
      commandId: 'a',
      command: 'Increment',
      answer: { kind: 'rejected', message: 'no' },
    });
    expect(count()).toBe(0);
    await expect.poll(count, { timeout: 2000 }).toBe(2);
    store.remember('c', 'Increment', { kind: 'rejected', message: 'later' });
    store.close();
    const reopened = new StateStore(path);
    expect(reopened.answered('c')?.answer).toEqual({ kind: 'rejected', message: 'later' });
    expect(reopened.answered('b')?.command).toBe('Increment');
    reopened.close();
  });
});
