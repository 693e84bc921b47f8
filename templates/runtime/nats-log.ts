import {
  AckPolicy,
  connect,
  createInbox,
  DeliverPolicy,
  headers,
  JSONCodec,
  nanos,
  type JetStreamClient,
  type JetStreamManager,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type StoredMsg,
} from 'nats';
import {
  ConcurrencyError,
  LogUnavailableError,
  type AppendOutcome,
  type AppendRequest,
  type EventLog,
  type StoredEvent,
} from './log.ts';
import { apiCode, bodyOf, ensureStream, isUnavailable, messageOf, NOT_FOUND, type Body } from './nats-stream.ts';
import { contextFilter, MAX_EVENTS_PER_APPEND, positionOf, splitPosition, subjectOf } from './nats-subjects.ts';
import { NatsSubscription } from './nats-subscription.ts';
import type { SubscriptionOptions } from './subscription.ts';

export interface NatsLogOptions {
  /** One server URL or several (a cluster), e.g. `nats://127.0.0.1:4222`. */
  servers: string | string[];
  /** The JetStream stream that holds every context's events (created when missing). */
  stream?: string;
  /** The first token of every subject. */
  subjectPrefix?: string;
  /** Replicas when this log creates the stream (3 on a three-node cluster). */
  replicas?: number;
  /** How long the server remembers a command id for dropping a retried append (ms). */
  duplicateWindowMs?: number;
  /** Shown in the server's connection list. */
  name?: string;
}

interface CachedStream {
  lastSeq: number;
  version: number;
  events: StoredEvent[];
  /** Stream sequence of the message that brought each version (index: version - 1). */
  seqOfVersion: number[];
}

/** What the log knows of one command id: its message, and the request's fingerprint. */
interface Known {
  seq: number;
  firstVersion: number;
  count: number;
  fingerprint?: string;
}

const WRONG_LAST_SEQUENCE = 10071;
const CACHED_STREAMS = 1024;
const READ_PARALLEL = 64;
const OUTCOME_SCAN_MS = 120_000;
/** Bodies of this log's own recent appends kept for its consumers, so that they need not decode them again. */
const OWN_BODIES = 8192;
/** How long an append waits for the server's acknowledgement (the client's JetStream default). */
const PUBLISH_TIMEOUT_MS = 5000;
/** How often an append is sent again while no stream leader answers (the client's JetStream retry delay). */
const NO_LEADER_RETRY_MS = 250;

/**
 * The log on NATS JetStream: one stream for every context, one message per command. The command id
 * is the message's `Nats-Msg-Id`, so the server drops a retried append inside its duplicate window;
 * the aggregate's expected version becomes `Nats-Expected-Last-Subject-Sequence` on the
 * aggregate's subject, so the server refuses an append decided on a stale state. Reads go to the
 * stream leader (`STREAM.MSG.GET`), never to a possibly lagging replica.
 */
export class NatsLog implements EventLog {
  readonly nc: NatsConnection;
  readonly stream: string;
  readonly prefix: string;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #codec = JSONCodec<Body>();
  readonly #streams = new Map<string, CachedStream>();
  /**
   * Command ids by context: read once per context (at its first command), then kept by this log's
   * appends and by every message it reads of an aggregate's stream, so that it also knows what
   * other instances appended since (see #extend).
   */
  readonly #known = new Map<string, Map<string, Known>>();
  readonly #loaded = new Map<string, Promise<void>>();
  /**
   * The bodies of this log's latest appends by sequence: the service's consumers receive these
   * messages back from the server moments later and take the events from here instead of parsing
   * the JSON this log just wrote (see eventsOf).
   */
  readonly #own = new Map<number, Body>();
  readonly #publisher: Publisher;

  private constructor(nc: NatsConnection, jsm: JetStreamManager, stream: string, prefix: string) {
    this.nc = nc;
    this.#jsm = jsm;
    this.#js = nc.jetstream();
    this.#publisher = new Publisher(nc);
    this.stream = stream;
    this.prefix = prefix;
  }

  static async open(options: NatsLogOptions): Promise<NatsLog> {
    const stream = options.stream ?? 'STORM';
    const prefix = options.subjectPrefix ?? 'storm';
    let nc: NatsConnection;
    try {
      nc = await connect({
        servers: options.servers,
        name: options.name,
        // A restarted server or a lost cluster node is waited for, not given up on.
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
        waitOnFirstConnect: false,
        // No stack captured per request (an Error each, a tenth of a command's CPU under load);
        // the adapter's own errors say what failed.
        noAsyncTraces: true,
      });
      coalesceWrites(nc);
    } catch (error) {
      throw new Error(
        `cannot reach NATS at ${String(options.servers)}: ${messageOf(error)}; start nats-server with JetStream (nats-server -js) or fix STORM_LOG`,
      );
    }
    try {
      const jsm = await nc.jetstreamManager();
      await ensureStream(jsm, stream, prefix, options);
      return new NatsLog(nc, jsm, stream, prefix);
    } catch (error) {
      await nc.close();
      // No one answers the JetStream API: the server runs without JetStream.
      if (messageOf(error) === '503' || (error as { code?: string }).code === '503') {
        throw new Error(
          `the NATS server at ${String(options.servers)} does not have JetStream enabled; start it with nats-server -js (or jetstream {} in its configuration)`,
        );
      }
      throw error;
    }
  }

  append(request: AppendRequest): Promise<AppendOutcome> {
    return whileAvailable(`take the append to ${request.stream}`, this.#append(request));
  }

  async #append(request: AppendRequest): Promise<AppendOutcome> {
    if (request.events.length > MAX_EVENTS_PER_APPEND)
      throw new Error(`one command may append at most ${MAX_EVENTS_PER_APPEND} events, not ${request.events.length}`);
    // A command id this log already knows (read at the start, or appended since) is answered
    // here, also after the server's duplicate window has passed.
    const known = (await this.#outcomesOf(request.context)).get(request.commandId);
    if (known) return { ...outcomeOf(known), duplicate: true };
    // A stream this log has not read is taken to be new when the decision was made on it being
    // new: the server's expected sequence 0 refuses the append if it is not.
    const cached =
      !this.#streams.has(request.stream) && request.expectedVersion === 0 && request.events.length > 0
        ? this.#fresh(request.stream)
        : await this.#cached(request.stream, false);
    if (request.events.length === 0) {
      // Nothing to write: only the version check, and no message (a retry decides again).
      const current = await this.#cached(request.stream, true);
      if (current.version !== request.expectedVersion)
        throw new ConcurrencyError(request.stream, request.expectedVersion, current.version);
      return { positions: [], streamVersion: current.version, duplicate: false };
    }
    const entry = cached.version >= request.expectedVersion ? cached : await this.#cached(request.stream, true);
    // The message that brought the expected version; a version no message ends on cannot match,
    // but is still sent so that the server reports a duplicate command before the stale version.
    const expectedSeq =
      request.expectedVersion === 0 ? 0 : (entry.seqOfVersion[request.expectedVersion - 1] ?? Number.MAX_SAFE_INTEGER);
    const endsThere = request.expectedVersion === 0 || entry.seqOfVersion[request.expectedVersion] !== expectedSeq;
    const body: Body = {
      context: request.context,
      stream: request.stream,
      commandId: request.commandId,
      ...(request.fingerprint !== undefined ? { fingerprint: request.fingerprint } : {}),
      firstVersion: request.expectedVersion + 1,
      recordedAt: new Date().toISOString(),
      events: request.events.map((e) => ({
        id: e.id,
        type: e.type,
        version: e.version,
        data: e.data,
        metadata: { ...e.metadata, commandId: request.commandId },
      })),
    };
    const h = headers();
    h.set('Storm-Context', request.context);
    h.set('Storm-Command', request.commandId);
    h.set('Storm-Events', String(request.events.length));
    let ack;
    try {
      h.set('Nats-Msg-Id', msgIdOf(request.context, request.commandId));
      h.set('Nats-Expected-Last-Subject-Sequence', String(endsThere ? expectedSeq : Number.MAX_SAFE_INTEGER));
      ack = await this.#publisher.publish(subjectOf(this.prefix, request.stream), this.#codec.encode(body), h);
    } catch (error) {
      if (apiCode(error) === WRONG_LAST_SEQUENCE) {
        const current = await this.#cached(request.stream, true);
        throw new ConcurrencyError(request.stream, request.expectedVersion, current.version);
      }
      if (isUnavailable(error)) throw error;
      throw new Error(`appending to ${request.stream} on JetStream failed: ${messageOf(error)}`);
    }
    if (ack.duplicate) {
      const first = this.#decode(await this.#jsm.streams.getMessage(this.stream, { seq: ack.seq }));
      return { ...outcomeOf(this.#record(ack.seq, first.body)), duplicate: true };
    }
    if (entry.lastSeq === expectedSeq && entry.version === request.expectedVersion) {
      this.#extend(entry, ack.seq, body);
    }
    this.#own.set(ack.seq, body);
    if (this.#own.size > OWN_BODIES) this.#own.delete(this.#own.keys().next().value!);
    return { ...outcomeOf(this.#record(ack.seq, body)), duplicate: false };
  }

  async outcomeOf(context: string, commandId: string): Promise<AppendOutcome | undefined> {
    const known = await whileAvailable(`read the command ids of ${context}`, this.#outcomesOf(context));
    const found = known.get(commandId);
    return found ? { ...outcomeOf(found), duplicate: true } : undefined;
  }

  async readStream(stream: string, toVersion = Number.MAX_SAFE_INTEGER): Promise<StoredEvent[]> {
    // Events never change: a cached stream that already reaches toVersion needs no request.
    const known = this.#streams.get(stream);
    const entry =
      known && toVersion !== Number.MAX_SAFE_INTEGER && known.version >= toVersion
        ? known
        : await whileAvailable(`read ${stream}`, this.#cached(stream, true));
    return entry.events.filter((e) => e.streamVersion <= toVersion);
  }

  readStreamSeen(stream: string): StoredEvent[] {
    return this.#streams.get(stream)?.events ?? [];
  }

  readAfter(position: number, limit: number): Promise<StoredEvent[]> {
    return whileAvailable('read the log', this.#readAfter(position, limit));
  }

  async #readAfter(position: number, limit: number): Promise<StoredEvent[]> {
    if (limit <= 0) return [];
    const { seq, covered } = splitPosition(Math.max(0, position));
    const last = (await this.#jsm.streams.info(this.stream)).state.last_seq;
    const out: StoredEvent[] = [];
    let next = covered > 0 ? seq : seq + 1;
    while (next <= last && out.length < limit) {
      const upTo = Math.min(last, next + Math.min(READ_PARALLEL, limit) - 1);
      const messages = await Promise.all(range(next, upTo).map((s) => this.#message(s)));
      for (const message of messages) {
        if (!message) continue;
        for (const event of message.events) if (event.position > position && out.length < limit) out.push(event);
      }
      next = upTo + 1;
    }
    return out;
  }

  async head(): Promise<number> {
    const last = (await this.#jsm.streams.info(this.stream)).state.last_seq;
    if (last === 0) return 0;
    const message = await this.#message(last);
    return message ? positionOf(last, message.events.length - 1) : positionOf(last, 0);
  }

  /** A subscription on a durable consumer of this stream, named `durable` (unique per service instance). */
  subscribe(options: SubscriptionOptions, durable: string): NatsSubscription {
    return new NatsSubscription(this, options, durable);
  }

  get manager(): JetStreamManager {
    return this.#jsm;
  }

  get client(): JetStreamClient {
    return this.#js;
  }

  /** The stream sequence of the last message (0 for an empty stream). */
  async lastSeq(): Promise<number> {
    return (await this.#jsm.streams.info(this.stream)).state.last_seq;
  }

  async hasMessage(seq: number): Promise<boolean> {
    return (await this.#message(seq)) !== undefined;
  }

  /** The events of one message as the log returns them. */
  eventsOf(seq: number, data: Uint8Array): StoredEvent[] {
    // A message this log appended: its body is still here (the server holds the same bytes).
    const own = this.#own.get(seq);
    if (own) return storedEvents(seq, own);
    return this.#decode({ seq, data } as StoredMsg).events;
  }

  async close(): Promise<void> {
    this.#publisher.close();
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }

  /** A message by sequence, or undefined for a sequence the stream no longer holds. */
  async #message(seq: number): Promise<{ body: Body; events: StoredEvent[] } | undefined> {
    try {
      return this.#decode(await this.#jsm.streams.getMessage(this.stream, { seq }));
    } catch (error) {
      if (apiCode(error) === NOT_FOUND) return undefined;
      throw error;
    }
  }

  #decode(message: StoredMsg): { body: Body; events: StoredEvent[] } {
    const body = bodyOf(this.#codec, message.data);
    return { body, events: storedEvents(message.seq, body) };
  }

  /** A cache entry for a stream with nothing read of it yet, the most recently used. */
  #fresh(stream: string): CachedStream {
    const entry: CachedStream = { lastSeq: 0, version: 0, events: [], seqOfVersion: [] };
    this.#streams.set(stream, entry);
    if (this.#streams.size > CACHED_STREAMS) this.#streams.delete(this.#streams.keys().next().value!);
    return entry;
  }

  /** The stream as cached, brought up to date from the server when `refresh`. */
  async #cached(stream: string, refresh: boolean): Promise<CachedStream> {
    let entry = this.#streams.get(stream);
    if (entry) {
      this.#streams.delete(stream);
      this.#streams.set(stream, entry);
    } else {
      entry = this.#fresh(stream);
      refresh = true;
    }
    if (!refresh) return entry;
    const subject = subjectOf(this.prefix, stream);
    for (;;) {
      let message: StoredMsg;
      try {
        message = await this.#jsm.streams.getMessage(this.stream, {
          seq: entry.lastSeq + 1,
          next_by_subj: subject,
        } as unknown as { seq: number });
      } catch (error) {
        if (apiCode(error) === NOT_FOUND) return entry;
        throw error;
      }
      // Another read of the same stream may have got here first.
      if (message.seq > entry.lastSeq) this.#extend(entry, message.seq, this.#decode(message).body);
    }
  }

  #extend(entry: CachedStream, seq: number, body: Body): void {
    // Every message read of an aggregate's stream names its command: another instance of this
    // service may have appended it after this log read the context's ids. Remembering it here
    // lets the retry of that command (a policy handling the same event later, a client retrying
    // through another instance) be recognised after the server's duplicate window has passed,
    // because the command is decided on this very stream first.
    this.#record(seq, body);
    if (body.firstVersion !== entry.version + 1) {
      // Cannot happen while the server checks the expected sequence; start over rather than lie.
      entry.lastSeq = 0;
      entry.version = 0;
      entry.events = [];
      entry.seqOfVersion = [];
      return;
    }
    for (const event of storedEvents(seq, body)) {
      entry.events.push(event);
      entry.seqOfVersion.push(seq);
    }
    entry.lastSeq = seq;
    entry.version += body.events.length;
  }

  /** Remembers the command a message holds, under its context. */
  #record(seq: number, body: Body): Known {
    const known: Known = {
      seq,
      firstVersion: body.firstVersion,
      count: body.events.length,
      ...(body.fingerprint !== undefined ? { fingerprint: body.fingerprint } : {}),
    };
    if (body.events.length > 0) this.#knownOf(body.context).set(body.commandId, known);
    return known;
  }

  #knownOf(context: string): Map<string, Known> {
    let known = this.#known.get(context);
    if (!known) {
      known = new Map();
      this.#known.set(context, known);
    }
    return known;
  }

  /** The context's command ids, read from the stream once (at the first command after a start). */
  async #outcomesOf(context: string): Promise<Map<string, Known>> {
    let loading = this.#loaded.get(context);
    if (!loading) {
      loading = this.#loadOutcomes(context);
      loading.catch(() => this.#loaded.delete(context));
      this.#loaded.set(context, loading);
    }
    await loading;
    return this.#knownOf(context);
  }

  async #loadOutcomes(context: string): Promise<void> {
    const record = (seq: number, data: Uint8Array) => {
      const body = bodyOf(this.#codec, data);
      if (body.context === context) this.#record(seq, body);
    };
    const filter = contextFilter(this.prefix, context);
    let first: StoredMsg;
    try {
      first = await this.#jsm.streams.getMessage(this.stream, { seq: 1, next_by_subj: filter } as unknown as {
        seq: number;
      });
    } catch (error) {
      if (apiCode(error) === NOT_FOUND) return;
      throw error;
    }
    // The context has messages: read them all through a consumer of their own (batched, not one
    // request each), until the server says none is pending. Not an ordered consumer: that one has
    // a single replica, which a cluster may place on a node that is down; this one has the
    // stream's replicas, like the services' durable consumers.
    const created = await this.#jsm.consumers.add(this.stream, {
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: first.seq,
      filter_subject: filter,
      inactive_threshold: nanos(OUTCOME_SCAN_MS),
    });
    const consumer = await this.#js.consumers.get(this.stream, created.name);
    const messages = await consumer.consume({ max_messages: 1000 });
    const timer = setTimeout(
      () =>
        messages.stop(
          new Error(
            `reading the command ids of ${context} from ${this.stream} took longer than ${OUTCOME_SCAN_MS / 1000} s`,
          ),
        ),
      OUTCOME_SCAN_MS,
    );
    try {
      for await (const message of messages) {
        record(message.seq, message.data);
        if (message.info.pending === 0) return;
      }
      throw new Error(`the consumer reading the command ids of ${context} stopped early`);
    } finally {
      clearTimeout(timer);
      messages.stop();
      await this.#jsm.consumers.delete(this.stream, created.name).catch(() => undefined);
    }
  }
}

const TEXT = new TextDecoder();

/** A JetStream acknowledgement, or the API error the server answered instead. */
interface PubAck {
  seq: number;
  duplicate?: boolean;
  error?: { code: number; err_code?: number; description?: string };
}

/** An append on its way: what to send again while no stream leader answers, and whom to tell. */
interface Waiting {
  subject: string;
  data: Uint8Array;
  headers: MsgHdrs;
  resolve: (ack: PubAck) => void;
  reject: (e: Error) => void;
  /** When it was first sent: the deadline counts from here, across resends. */
  at: number;
}

/**
 * JetStream publishes as the client's `js.publish` makes them (a message with a reply subject, the
 * server's acknowledgement or API error as the reply), without its per-request costs: one
 * subscription on a wildcard inbox for every append, no Error captured per request, one timer for
 * all pending appends. While no stream leader answers (a cluster electing one after losing it), an
 * append is sent again every NO_LEADER_RETRY_MS instead of failing at once. An append that gets no
 * answer within PUBLISH_TIMEOUT_MS of its first send fails as unavailable (it may still have been
 * appended: a retry with the same command id is then a duplicate, as with the client).
 */
class Publisher {
  readonly #nc: NatsConnection;
  readonly #inbox = `${createInbox()}.`;
  readonly #pending = new Map<number, Waiting>();
  /** Appends waiting to be sent again. */
  readonly #resends = new Map<NodeJS.Timeout, Waiting>();
  readonly #sweeper: NodeJS.Timeout;
  #next = 0;

  constructor(nc: NatsConnection) {
    this.#nc = nc;
    nc.subscribe(`${this.#inbox}*`, { callback: (_error, message) => this.#answer(message) });
    this.#sweeper = setInterval(() => {
      const before = Date.now() - PUBLISH_TIMEOUT_MS;
      for (const [id, waiting] of this.#pending) {
        if (waiting.at > before) continue;
        this.#pending.delete(id);
        waiting.reject(unavailable('TIMEOUT', `no acknowledgement from the server within ${PUBLISH_TIMEOUT_MS} ms`));
      }
    }, 250);
    this.#sweeper.unref();
  }

  publish(subject: string, data: Uint8Array, headers: MsgHdrs): Promise<PubAck> {
    return new Promise<PubAck>((resolve, reject) =>
      this.#send({ subject, data, headers, resolve, reject, at: Date.now() }),
    );
  }

  #send(waiting: Waiting): void {
    const id = ++this.#next;
    this.#pending.set(id, waiting);
    try {
      this.#nc.publish(waiting.subject, waiting.data, { reply: `${this.#inbox}${id}`, headers: waiting.headers });
    } catch (error) {
      this.#pending.delete(id);
      waiting.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #answer(message: Msg): void {
    const id = Number(message.subject.slice(this.#inbox.length));
    const waiting = this.#pending.get(id);
    if (!waiting) return; // timed out already
    this.#pending.delete(id);
    if (message.data.length === 0) {
      // No JetStream behind the subject right now (503: no responders): the stream has no leader
      // while the cluster elects one. Nothing was stored, so sending again is safe (and would be
      // recognised by its message id if it were not).
      const code = String(message.headers?.code ?? 0);
      if (code === '503' && Date.now() - waiting.at + NO_LEADER_RETRY_MS < PUBLISH_TIMEOUT_MS) {
        const timer = setTimeout(() => {
          this.#resends.delete(timer);
          this.#send(waiting);
        }, NO_LEADER_RETRY_MS);
        this.#resends.set(timer, waiting);
        return;
      }
      waiting.reject(
        code === '503'
          ? unavailable('503', `no stream leader answered within ${PUBLISH_TIMEOUT_MS} ms`)
          : Object.assign(new Error(code === '0' ? 'empty acknowledgement' : code), { code }),
      );
      return;
    }
    let ack: PubAck;
    try {
      ack = JSON.parse(TEXT.decode(message.data)) as PubAck;
    } catch {
      waiting.reject(new Error('the server answered the append with something other than JSON'));
      return;
    }
    if (ack.error)
      waiting.reject(
        Object.assign(new Error(ack.error.description ?? `error ${ack.error.code}`), { api_error: ack.error }),
      );
    else if (typeof ack.seq !== 'number') waiting.reject(new Error('invalid acknowledgement from the server'));
    else waiting.resolve(ack);
  }

  close(): void {
    clearInterval(this.#sweeper);
    for (const timer of this.#resends.keys()) clearTimeout(timer);
    const closed = unavailable('CONNECTION_CLOSED', 'the log was closed');
    for (const waiting of [...this.#resends.values(), ...this.#pending.values()]) waiting.reject(closed);
    this.#resends.clear();
    this.#pending.clear();
  }
}

/**
 * The request's result; when it failed because JetStream could not answer now, a
 * LogUnavailableError saying what could not be done (the service answers it with 503, the inbox
 * keeps its command pending); any other failure as it is.
 */
async function whileAvailable<T>(what: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof LogUnavailableError || !isUnavailable(error)) throw error;
    throw new LogUnavailableError(
      `JetStream could not ${what} now (${messageOf(error)}); retry with the same Idempotency-Key, a command is appended once`,
    );
  }
}

/** An error isUnavailable recognises, as the client's own would carry the code. */
function unavailable(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * The client writes what it has to send at the end of each microtask checkpoint: one write to the
 * socket (one TCP segment, NODELAY) per HTTP request under load, as each request's publish runs
 * in a callback of its own. Written once per turn of the event loop instead, the publishes and
 * acknowledgements of every request read in that turn go out together: fewer system calls here
 * and fewer reads for the server. Nothing waits longer than the rest of the current turn.
 * (`flushPending` is the client's internal; when it is absent the client is left as it is.)
 */
function coalesceWrites(nc: NatsConnection): void {
  const protocol = (nc as unknown as { protocol?: { flushPending?: () => void } }).protocol;
  if (!protocol || typeof protocol.flushPending !== 'function') return;
  const flush = protocol.flushPending.bind(protocol);
  let scheduled = false;
  protocol.flushPending = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      flush();
    });
  };
}

function outcomeOf(known: Known): Omit<AppendOutcome, 'duplicate'> {
  return {
    positions: range(0, known.count - 1).map((i) => positionOf(known.seq, i)),
    streamVersion: known.firstVersion + known.count - 1,
    ...(known.fingerprint !== undefined ? { fingerprint: known.fingerprint } : {}),
  };
}

/** Command ids are scoped per context, as in the SQLite log. */
function msgIdOf(context: string, commandId: string): string {
  return `${context}:${commandId}`;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

/** The events one message (one command's append) carries, as the log hands them out. */
function storedEvents(seq: number, body: Body): StoredEvent[] {
  return body.events.map((event, index) => ({
    position: positionOf(seq, index),
    id: event.id,
    context: body.context,
    stream: body.stream,
    streamVersion: body.firstVersion + index,
    type: event.type,
    version: event.version,
    data: event.data,
    metadata: event.metadata ?? {},
    recordedAt: body.recordedAt,
  }));
}
