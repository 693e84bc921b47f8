import type { Board } from '../../../model/board/types.ts';
import type { Problem } from '../../../model/lint/problem.ts';
import type { Linter } from './board-store.svelte.ts';

/**
 * The store's linter for big boards, in a Web Worker (lint-worker.ts). Only the newest board's
 * answer is passed on. Should the worker fail to start or to answer, the board is linted on the
 * page instead (as before there was a worker), and so is every board after it.
 */
export function workerLinter(): Linter | undefined {
  if (typeof Worker === 'undefined') return undefined;
  let worker: Worker | undefined;
  let failed = false;
  let latest = 0;
  let waiting: { id: number; board: Board; done: (problems: Problem[]) => void; fallback: () => void } | undefined;
  const giveUp = () => {
    failed = true;
    worker?.terminate();
    worker = undefined;
    const stuck = waiting;
    waiting = undefined;
    stuck?.fallback();
  };
  return (board, done, fallback) => {
    if (failed) return fallback();
    try {
      worker ??= new Worker(new URL('./lint-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      failed = true;
      return fallback();
    }
    worker.onmessage = (event: MessageEvent<{ id: number; problems: Problem[] }>) => {
      if (event.data.id !== latest || !waiting) return;
      const answered = waiting;
      waiting = undefined;
      answered.done(event.data.problems);
    };
    worker.onerror = giveUp;
    worker.onmessageerror = giveUp;
    const id = ++latest;
    waiting = { id, board, done, fallback };
    // When the page has a moment (a board just opened has drawn its first frame), and as text: a
    // structured clone of 20,000 stickies took the page 0.2 to 0.5 s, JSON.stringify 25 ms.
    const post = () => {
      if (id !== latest || !worker) return;
      try {
        worker.postMessage({ id, text: JSON.stringify(board) });
      } catch {
        giveUp();
      }
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(post, { timeout: 1000 });
    else post();
  };
}
