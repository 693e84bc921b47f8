import { AckPolicy, DeliverPolicy, nanos, type ConsumerMessages, type JsMsg } from 'nats';
import type { StoredEvent } from './log.ts';
import type { NatsLog } from './nats-log.ts';
import { splitPosition } from './nats-subjects.ts';
import { Progress } from './progress.ts';
import { defaultOnError, Subscription, type SubscriptionOptions } from './subscription.ts';

const BATCH_MESSAGES = 256;
/** Handled messages are acknowledged once this many are unacknowledged, or this long after the first of them. */
const ACK_EVERY = 256;
const ACK_AFTER_MS = 100;
/** Idle this long while the stream holds messages it has not delivered: the consumer is renewed. */
const STALL_MS = 3000;

class Gap extends Error {}

/**
 * A subscription on a durable JetStream pull consumer, acknowledged per batch (ack-all). The local
 * checkpoint (in the service's SQLite file) stays the truth: at every start the consumer is made
 * again from the message after the checkpoint, a batch is acknowledged only after its handler
 * committed the state and the checkpoint, and a redelivery at or below the checkpoint is skipped.
 * Messages are handled strictly in stream order: a gap (an earlier message coming back later, as
 * a redelivery after a lost acknowledgement can) renews the consumer from the checkpoint.
 */
export class NatsSubscription extends Subscription {
  readonly #log: NatsLog;
  readonly #options: SubscriptionOptions;
  readonly #durable: string;
  #position = 0;
  /** The stream sequence expected next. */
  #next = 1;
  #running = false;
  #loop: Promise<void> | undefined;
  readonly #progress = new Progress();
  #queue: JsMsg[] = [];
  #messages: ConsumerMessages | undefined;
  /** The highest message handled and not yet acknowledged, and how many are waiting with it. */
  #unacked: JsMsg | undefined;
  #unackedCount = 0;
  #ackTimer: NodeJS.Timeout | undefined;

  constructor(log: NatsLog, options: SubscriptionOptions, durable: string) {
    super(options);
    this.#log = log;
    this.#options = options;
    this.#durable = durable;
  }

  override get position(): number {
    return this.#position;
  }

  get durable(): string {
    return this.#durable;
  }

  override start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  override async stop(): Promise<void> {
    this.#running = false;
    this.#messages?.stop();
    this.#progress.wake();
    await this.#loop;
  }

  override wake(): void {
    this.#progress.wake();
  }

  override waitFor(position: number): Promise<void> {
    if (this.#position >= position) return Promise.resolve();
    const reached = this.#progress.until(position);
    this.wake();
    return reached;
  }

  async #run(): Promise<void> {
    const { pollMs = 50 } = this.#options;
    while (this.#running) {
      try {
        await this.#open();
        let idleSince = Date.now();
        while (this.#running) {
          if (this.#queue.length === 0) {
            if (Date.now() - idleSince > STALL_MS) {
              idleSince = Date.now();
              if ((await this.#log.lastSeq()) >= this.#next)
                throw new Gap(`${this.name}: the consumer stalled before message ${this.#next}`);
            }
            await this.#progress.sleep(Math.max(pollMs, 250));
            continue;
          }
          idleSince = Date.now();
          // The rest of this turn of the event loop first: the answers to the commands whose
          // acknowledgements came with these messages are written before the batch's commit, and
          // what else arrives in this turn joins the batch.
          await new Promise((resolve) => setImmediate(resolve));
          if (!this.#running) break;
          await this.#handle(this.#queue.splice(0, BATCH_MESSAGES));
        }
      } catch (error) {
        if (!this.#running) break;
        if (!(error instanceof Gap)) (this.#options.onError ?? defaultOnError(this.name))(error);
        await this.#progress.sleep(error instanceof Gap ? 50 : 500);
      } finally {
        // What was handled is acknowledged before the consumer goes (it is made again from the
        // checkpoint anyway; this keeps the server from redelivering it meanwhile).
        this.#ackNow();
        this.#messages?.stop();
        this.#messages = undefined;
        this.#queue = [];
      }
    }
  }

  /** A durable consumer that starts after the stored checkpoint, and its messages flowing in. */
  async #open(): Promise<void> {
    this.#position = this.#options.startAfter();
    const { seq, covered } = splitPosition(this.#position);
    // A checkpoint inside a message (a policy handled part of it) starts at that message again.
    this.#next = covered > 0 ? seq : seq + 1;
    const jsm = this.#log.manager;
    await jsm.consumers.delete(this.#log.stream, this.#durable).catch(() => undefined);
    await jsm.consumers.add(this.#log.stream, {
      durable_name: this.#durable,
      // One acknowledgement per batch (its last message covers those before it), not one message
      // to the server per event: messages are handled strictly in order, so nothing unhandled
      // lies below the last one handled.
      ack_policy: AckPolicy.All,
      ack_wait: nanos(30_000),
      max_ack_pending: 4096,
      ...(this.#next > 1
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.#next }
        : { deliver_policy: DeliverPolicy.All }),
      filter_subject: `${this.#log.prefix}.>`,
      // A consumer whose service is gone for a day is removed; a start makes it again.
      inactive_threshold: nanos(24 * 3600_000),
    });
    const consumer = await this.#log.client.consumers.get(this.#log.stream, this.#durable);
    this.#messages = await consumer.consume({
      max_messages: 512,
      callback: (message) => {
        this.#queue.push(message);
        this.#progress.wake();
      },
    });
  }

  async #handle(batch: JsMsg[]): Promise<void> {
    const events: StoredEvent[] = [];
    for (const message of batch) {
      if (message.seq < this.#next) continue; // a redelivery of what is already handled
      if (message.seq > this.#next && !(await this.#onlyDeletedBefore(message.seq))) {
        // Handle what came in order, then start again from the checkpoint.
        await this.#apply(
          events,
          batch.filter((m) => m.seq < message.seq),
        );
        throw new Gap(`${this.name}: message ${message.seq} came before ${this.#next}`);
      }
      for (const event of this.#log.eventsOf(message.seq, message.data))
        if (event.position > this.#position) events.push(event);
      this.#next = message.seq + 1;
    }
    await this.#apply(events, batch);
  }

  async #apply(events: StoredEvent[], messages: JsMsg[]): Promise<void> {
    if (events.length > 0) await this.#options.handle(events, events[events.length - 1]!.position);
    // Only now, with the state and checkpoint committed, may the server forget these messages.
    // The highest one: a redelivery of an earlier message may come after it in the batch.
    const highest = messages.reduce<JsMsg | undefined>((last, m) => (last && last.seq > m.seq ? last : m), undefined);
    if (highest) this.#ackLater(highest, messages.length);
    if (events.length === 0) return;
    this.#position = events[events.length - 1]!.position;
    this.#progress.release(this.#position);
  }

  /**
   * Acknowledges a handled message (and with it every one below it, ack-all) shortly, together
   * with those handled meanwhile: one acknowledgement for many commands under load, instead of a
   * message to the server and a consumer update there per batch. Only handled messages are ever
   * acknowledged; the local checkpoint stays the truth, and an acknowledgement lost or late costs
   * at most a redelivery that is skipped.
   */
  #ackLater(message: JsMsg, count: number): void {
    if (!this.#unacked || message.seq > this.#unacked.seq) this.#unacked = message;
    this.#unackedCount += count;
    if (this.#unackedCount >= ACK_EVERY) this.#ackNow();
    else this.#ackTimer ??= setTimeout(() => this.#ackNow(), ACK_AFTER_MS);
  }

  #ackNow(): void {
    clearTimeout(this.#ackTimer);
    this.#ackTimer = undefined;
    try {
      this.#unacked?.ack();
    } catch {
      // The connection is closed: nothing to acknowledge to any more (the checkpoint is the truth).
    }
    this.#unacked = undefined;
    this.#unackedCount = 0;
  }

  /** True when every message between the expected one and `seq` was deleted from the stream. */
  async #onlyDeletedBefore(seq: number): Promise<boolean> {
    for (let s = this.#next; s < seq; s++) if (await this.#log.hasMessage(s)) return false;
    return true;
  }
}
