import type { EventLog, StoredEvent } from './log.ts';
import { Progress } from './progress.ts';

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
  readonly #progress = new Progress();

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
    this.#progress.wake();
    await this.#loop;
  }

  /** Nudges the loop after a local append, so it need not wait for the next poll. */
  wake(): void {
    this.#progress.wake();
  }

  /** Resolves once the subscription has handled every event up to `position`. */
  waitFor(position: number): Promise<void> {
    if (this.#position >= position) return Promise.resolve();
    const reached = this.#progress.until(position);
    this.wake();
    return reached;
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
          this.#progress.release(this.#position);
          continue;
        }
      } catch (error) {
        (this.#options.onError ?? defaultOnError(this.name))(error);
        // Start again from what was durably stored, after a pause.
        this.#position = this.#options.startAfter();
        await this.#progress.sleep(Math.max(pollMs, 500));
        continue;
      }
      await this.#progress.sleep(pollMs);
    }
  }
}

export function defaultOnError(name: string): (error: unknown) => void {
  return (error) => {
    console.error(
      `subscription ${name}: ${error instanceof Error ? error.message : String(error)}; retrying from its checkpoint`,
    );
  };
}
