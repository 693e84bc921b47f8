import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../../templates/runtime/keyed-lock.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedLock', () => {
  it('runs work on one key one at a time, in arrival order, and other keys alongside', async () => {
    const lock = new KeyedLock();
    const trace: string[] = [];
    let inside = 0;
    let most = 0;
    const work = (key: string, name: string, ms: number) =>
      lock.run(key, async () => {
        if (key === 'a') most = Math.max(most, ++inside);
        trace.push(`start ${name}`);
        await tick(ms);
        trace.push(`end ${name}`);
        if (key === 'a') inside--;
      });
    await Promise.all([work('a', 'a1', 20), work('a', 'a2', 1), work('b', 'b1', 5), work('a', 'a3', 1)]);
    expect(most).toBe(1);
    expect(trace.filter((t) => t.includes(' a'))).toEqual([
      'start a1',
      'end a1',
      'start a2',
      'end a2',
      'start a3',
      'end a3',
    ]);
    expect(trace.indexOf('end b1')).toBeLessThan(trace.indexOf('end a1'));
    expect(lock.size).toBe(0);
  });

  it('keeps going after a failed piece of work', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('k', async () => 7)).resolves.toBe(7);
  });
});
