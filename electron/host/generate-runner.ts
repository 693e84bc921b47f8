import { Worker } from 'node:worker_threads';
import { HostError } from './board-folder.ts';
import { generateContext, previewGeneration } from './generate-host.ts';
import type { GenerateOutcome, GeneratePreview } from '../../contract/generate.ts';

/**
 * Where the generate dialog's work runs. Rendering a service is synchronous (ts-morph) and takes
 * up to a second per service, which would stall everything else the host serves meanwhile: a
 * workshop's relay, autosaves. `stormbench serve` therefore runs it in a worker thread; the
 * desktop window (its main process is bundled, without the TypeScript loader a worker needs) and
 * the tests of the host itself run it in place.
 */
export interface GenerateRunner {
  preview(folder: string, text: string, out: string, contexts: string[]): Promise<GeneratePreview>;
  generate(folder: string, text: string, out: string, context: string): Promise<GenerateOutcome>;
  close(): Promise<void>;
}

export const inPlaceRunner: GenerateRunner = {
  preview: previewGeneration,
  generate: generateContext,
  close: async () => undefined,
};

/** A request to the worker, and its answer: a result, or a refusal to pass on as a HostError. */
export type WorkerRequest =
  | { id: number; op: 'preview'; args: [string, string, string, string[]] }
  | { id: number; op: 'generate'; args: [string, string, string, string] };
export type WorkerReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string; status?: number };

/** A worker that lives while it has work, and a little after (its render cache stays warm). */
const IDLE_MS = 5 * 60_000;

export function workerRunner(): GenerateRunner {
  let worker: Worker | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let next = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  function failAll(error: Error): void {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  }

  function start(): Worker {
    if (worker) return worker;
    const started = new Worker(new URL('./generate-worker.mjs', import.meta.url));
    started.on('message', (reply: WorkerReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if (reply.ok) entry.resolve(reply.result);
      else entry.reject(new HostError(reply.message, reply.status ?? 500));
      if (waiting.size === 0) idle = setTimeout(() => void stop(), IDLE_MS).unref();
    });
    started.on('error', (error) => failAll(new HostError(`Generation stopped unexpectedly: ${error.message}`, 500)));
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      failAll(new HostError('Generation stopped unexpectedly; try again.', 500));
    });
    worker = started;
    return started;
  }

  async function stop(): Promise<void> {
    clearTimeout(idle);
    const running = worker;
    worker = undefined;
    await running?.terminate();
  }

  function ask<T>(request: Omit<WorkerRequest, 'id'>): Promise<T> {
    clearTimeout(idle);
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      start().postMessage({ ...request, id });
    });
  }

  return {
    preview: (folder, text, out, contexts) =>
      ask<GeneratePreview>({ op: 'preview', args: [folder, text, out, contexts] }),
    generate: (folder, text, out, context) =>
      ask<GenerateOutcome>({ op: 'generate', args: [folder, text, out, context] }),
    close: stop,
  };
}
