import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** One write to the inbox: a command accepted (true when its id was new), or commands finished. */
export type InboxWrite =
  | { kind: 'enqueue'; commandId: string; command: string; payload: string }
  | { kind: 'finish'; commandId: string; answer: string };

/**
 * The inbox's writes run on a thread of their own. An accepted command must be on disk before its
 * 202 (synchronous=FULL), and better-sqlite3 commits synchronously: on the event loop, every fsync
 * stopped HTTP parsing and every other command for its whole length (measured with --cpu-prof in
 * bench/http.ts: 38% of the service's time in `accepted` mode). Here the loop goes on while the
 * disk works, and what arrives meanwhile goes into the next commit together (group commit).
 * The code is plain JavaScript run with `eval`, so that it needs no file of its own to be found
 * next to this one, whether the service runs from dist/ or from TypeScript (tsx, vitest).
 */
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
// A batch that accepts commands waits for the disk; one that only finishes them need not (losing
// it runs those commands again, which their ids make harmless), and costs no fsync.
const durable = new Database(workerData.path);
durable.pragma('synchronous = FULL');
const relaxed = new Database(workerData.path);
relaxed.pragma('synchronous = NORMAL');
const writers = [durable, relaxed].map((db) => {
  db.pragma('busy_timeout = 10000');
  const enqueue = db.prepare("INSERT INTO inbox (command_id, command, payload, status, received_at) VALUES (?, ?, ?, 'pending', ?) ON CONFLICT (command_id) DO NOTHING");
  const finish = db.prepare("UPDATE inbox SET status = 'done', answer = ? WHERE command_id = ?");
  return db.transaction((writes) => {
    const at = new Date().toISOString();
    return writes.map((w) => (w.kind === 'enqueue' ? enqueue.run(w.commandId, w.command, w.payload, at).changes === 1 : finish.run(w.answer, w.commandId).changes === 1));
  });
});
parentPort.on('message', (writes) => {
  if (writes === 'close') {
    durable.close();
    relaxed.close();
    parentPort.close();
    return;
  }
  try {
    const write = writes.some((w) => w.kind === 'enqueue') ? writers[0] : writers[1];
    parentPort.postMessage({ ok: true, results: write.immediate(writes) });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
`;

interface Waiting {
  write: InboxWrite;
  resolve: (changed: boolean) => void;
  reject: (error: unknown) => void;
}

/** Writes to the inbox file `path` (its tables made already) from a worker thread, one commit per batch. */
export class InboxWriter {
  readonly #path: string;
  #worker: Worker | undefined;
  #queue: Waiting[] = [];
  /** The batch being committed; the next one waits for it, so commits keep their order. */
  #inFlight: Waiting[] | undefined;
  #closing: Promise<void> | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  /** Resolves once the write is on disk: true when it changed a row (a new command id; a pending command finished). */
  write(write: InboxWrite): Promise<boolean> {
    if (this.#closing) return Promise.reject(new Error('the inbox is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ write, resolve, reject });
      this.#send();
    });
  }

  /** Waits for every write asked for, then stops the thread. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      while (this.#inFlight || this.#queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 1));
      const worker = this.#worker;
      if (!worker) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref();
      worker.postMessage('close');
      await exited;
    })();
    return this.#closing;
  }

  #send(): void {
    if (this.#inFlight || this.#queue.length === 0) return;
    this.#inFlight = this.#queue;
    this.#queue = [];
    const worker = this.#started();
    // A write under way keeps the process alive until it is on disk; an idle thread does not.
    worker.ref();
    worker.postMessage(this.#inFlight.map((w) => w.write));
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WRITER, {
      eval: true,
      workerData: { path: this.#path, sqlite: createRequire(import.meta.url).resolve('better-sqlite3') },
    });
    worker.on('message', (reply: { ok: true; results: boolean[] } | { ok: false; message: string }) => {
      const batch = this.#inFlight ?? [];
      this.#inFlight = undefined;
      // A failed commit (disk full, a lock held too long) wrote nothing of the batch: each waiting
      // request is refused with the reason, none is answered as if it were stored.
      if (reply.ok) batch.forEach((w, i) => w.resolve(reply.results[i]!));
      else for (const w of batch) w.reject(new Error(`the inbox ${this.#path} could not be written: ${reply.message}`));
      this.#send();
      if (!this.#inFlight) worker.unref();
    });
    worker.on('error', (error) => {
      const batch = [...(this.#inFlight ?? []), ...this.#queue];
      this.#inFlight = undefined;
      this.#queue = [];
      this.#worker = undefined;
      for (const w of batch) w.reject(error);
    });
    this.#worker = worker;
    return worker;
  }
}
