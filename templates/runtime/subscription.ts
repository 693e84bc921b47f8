import type { EventLog, StoredEvent } from './log.ts';

interface Waiter {
  position: number;
  resolve: () => void;
}

/** Applies a batch; must store `lastPosition` as its checkpoint together with its effects. */
export type BatchHandler = (events: StoredEvent[], lastPosition: number) => Promise<void> | void;

export interface SubscriptionOptions {
  name: string;
  log: EventLog;
  /** Where this subscription's checkpoint stands when it starts. */
  startAfter: () => number;
  handle: BatchHandler;
  batchSize?: number;
  /** How often the log is polled when nothing woke the loop (other processes append too). */
  pollMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Reads the log after its checkpoint and hands each batch to its handler, forever. Delivery is
 * at least once: after a failure or a restart the batch is read again from the stored
 * checkpoint, so handlers store the checkpoint in the same transaction as what they changed (or
 * are idempotent).
 */
export class Subscription {
  readonly name: string;
  readonly #options: SubscriptionOptions;
  #position = 0;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #waiters: Waiter[] = [];

  constructor(options: SubscriptionOptions) {
    this.name = options.name;
    this.#options = options;
  }

  get position(): number {
    return this.#position;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#position = this.#options.startAfter();
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
  }

  /** Nudges the loop after a local append, so it need not wait for the next poll. */
  wake(): void {
    this.#wake?.();
  }

  /** Resolves once the subscription has handled every event up to `position`. */
  waitFor(position: number): Promise<void> {
    if (this.#position >= position) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiters.push({ position, resolve });
      this.wake();
    });
  }

  async #run(): Promise<void> {
    const { log, handle, batchSize = 256, pollMs = 50 } = this.#options;
    while (this.#running) {
      let events: StoredEvent[];
      try {
        events = await log.readAfter(this.#position, batchSize);
        if (events.length > 0) {
          const last = events[events.length - 1]!.position;
          await handle(events, last);
          this.#position = last;
          this.#release();
          continue;
        }
      } catch (error) {
        (this.#options.onError ?? defaultOnError(this.name))(error);
        // Start again from what was durably stored, after a pause.
        this.#position = this.#options.startAfter();
        await this.#sleep(Math.max(pollMs, 500));
        continue;
      }
      await this.#sleep(pollMs);
    }
  }

  #release(): void {
    if (this.#waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (waiter.position <= this.#position) waiter.resolve();
      else still.push(waiter);
    }
    this.#waiters = still;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }
}

function defaultOnError(name: string): (error: unknown) => void {
  return (error) => {
    console.error(`subscription ${name}: ${error instanceof Error ? error.message : String(error)}; retrying from its checkpoint`);
  };
}
