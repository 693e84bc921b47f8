import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Durable SQLite writes on a thread of their own, committed in groups. better-sqlite3 commits
 * synchronously: on the event loop every fsync stops HTTP parsing and every other command for its
 * whole length (measured with --cpu-prof in bench/http.ts: 38% of a service's time in `accepted`
 * mode went to the inbox's commits, a quarter in `appended` to the log's). Here the loop goes on
 * while the disk works, and what is asked for meanwhile goes into the next commit together, in
 * the order asked.
 *
 * What a thread does is a `WRITER`: the JavaScript source of a function
 * `(Database, options) => ({ run(batch) { return results }, close() })`, which opens its own
 * connection(s) and returns one result per item of a batch. Items and results are JSON values. It is source text, not a module, so
 * that it runs the same from dist/ and from TypeScript (tsx, vitest) without a file to be found
 * next to this one. (So a file, never `:memory:`: the thread's connection is not the caller's.)
 */
export type WriterSource = string;

const HOST = `
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const writer = (0, eval)(workerData.source)(Database, workerData.options);
parentPort.on('message', (first) => {
  // Whatever was sent while the last commit ran is waiting here: it is committed together, at
  // once, without asking the event loop for it (the disk is never idle while writes wait).
  const messages = [first];
  for (let next = receiveMessageOnPort(parentPort); next; next = receiveMessageOnPort(parentPort)) messages.push(next.message);
  const batches = messages.filter((m) => m !== 'close').map((m) => JSON.parse(m));
  if (batches.length > 0) {
    let replies;
    try {
      const results = writer.run(batches.flat());
      let at = 0;
      replies = batches.map((batch) => ({ ok: true, results: results.slice(at, (at += batch.length)) }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      replies = batches.map(() => ({ ok: false, message }));
    }
    for (const reply of replies) parentPort.postMessage(JSON.stringify(reply));
  }
  if (messages.includes('close')) {
    writer.close();
    parentPort.close();
  }
});
`;

interface Waiting<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** Items of type I written by `source` on a thread, each answered with its R once its batch is committed. */
export class SqliteThread<I, R> {
  readonly #what: string;
  readonly #source: WriterSource;
  readonly #options: Record<string, unknown>;
  #worker: Worker | undefined;
  /** Asked for in this turn of the event loop, not yet sent. */
  #queue: Array<Waiting<I, R>> = [];
  /** Sent to the thread and not yet answered, oldest first: the thread answers them in that order. */
  #sent: Array<Array<Waiting<I, R>>> = [];
  #closing: Promise<void> | undefined;
  #scheduled = false;
  /** How many batches were sent to the thread (it may commit several in one): tells group commits from a commit per write. */
  batches = 0;

  /** `what` names the file in errors ("the inbox /data/x.inbox.db"); `options.path` is the file. */
  constructor(what: string, source: WriterSource, options: { path: string } & Record<string, unknown>) {
    this.#what = what;
    this.#source = source;
    this.#options = options;
  }

  /** Resolves with the item's result once its batch is on disk; rejects when the commit failed (nothing of it was written). */
  write(item: I): Promise<R> {
    if (this.#closing) return Promise.reject(new Error(`${this.#what} is closed`));
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Waits for every write asked for, then stops the thread. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      while (this.#sent.length > 0 || this.#scheduled || this.#queue.length > 0)
        await new Promise((resolve) => setTimeout(resolve, 1));
      const worker = this.#worker;
      if (!worker) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.ref();
      worker.postMessage('close');
      await exited;
    })();
    return this.#closing;
  }

  /**
   * The writes asked for in one turn of the event loop leave together, at its end; the callers a
   * commit's answers wake ask in the microtasks after it, and go together too. They are sent while
   * an earlier batch is still being committed: the thread takes all that waits for it into its next
   * commit as soon as the last one is on disk (the group commit happens there, with no round trip
   * through this loop between two commits: an idle millisecond of the disk per commit when the
   * next batch waited for the last one's answer, measured with bench/http.ts).
   */
  #schedule(): void {
    if (this.#scheduled || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#send();
    });
  }

  #send(): void {
    if (this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    this.#sent.push(batch);
    this.batches += 1;
    const worker = this.#started();
    // A write under way keeps the process alive until it is on disk; an idle thread does not.
    worker.ref();
    // As one JSON text: a string crosses to the thread as one copy, where a structured clone of
    // every request's objects cost a tenth of the event loop's time (--cpu-prof, bench/http.ts).
    worker.postMessage(JSON.stringify(batch.map((w) => w.item)));
  }

  #settle(reply: { ok: true; results: R[] } | { ok: false; message: string }): void {
    const batch = this.#sent.shift() ?? [];
    // A failed commit (disk full, a lock held too long) wrote nothing of the batch: each waiting
    // request is refused with the reason, none is answered as if it were stored.
    if (reply.ok) batch.forEach((w, i) => w.resolve(reply.results[i]!));
    else for (const w of batch) w.reject(new Error(`${this.#what} could not be written: ${reply.message}`));
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(HOST, {
      eval: true,
      workerData: {
        sqlite: createRequire(import.meta.url).resolve('better-sqlite3'),
        source: this.#source,
        options: this.#options,
      },
    });
    worker.on('message', (reply: string) => {
      this.#settle(JSON.parse(reply) as { ok: true; results: R[] } | { ok: false; message: string });
      if (this.#sent.length === 0) worker.unref();
    });
    worker.on('error', (error) => {
      const waiting = [...this.#sent.flat(), ...this.#queue];
      this.#sent = [];
      this.#queue = [];
      this.#worker = undefined;
      for (const w of waiting) w.reject(error);
    });
    this.#worker = worker;
    return worker;
  }
}
