/**
 * The log every generated service writes to and subscribes to. Kept small on purpose: a second
 * engine (NATS JetStream) implements the same five methods. Every method is async even though the
 * SQLite adapter is synchronous underneath, so a networked adapter fits without changing callers.
 */

/** An event on its way into the log. */
export interface NewEvent {
  id: string;
  type: string;
  /** The schema version the payload was written with. */
  version: number;
  data: unknown;
  metadata?: Record<string, unknown>;
}

/** An event as the log returns it. */
export interface StoredEvent {
  /** Global order in the log, strictly increasing, starting at 1. */
  position: number;
  id: string;
  /** The bounded context (service) that wrote it. */
  context: string;
  stream: string;
  /** 1 for the first event of a stream. */
  streamVersion: number;
  type: string;
  version: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string;
}

export interface AppendRequest {
  context: string;
  stream: string;
  /** The stream's version the decision was made on (0: the stream must not exist yet). */
  expectedVersion: number;
  events: NewEvent[];
  /**
   * The command's id. The log remembers the outcome under (context, commandId) in the same
   * transaction as the events, so a retried command appends nothing and gets the first outcome.
   */
  commandId: string;
  /**
   * What identifies the request behind the command id (fingerprint.ts), stored with the outcome
   * so that the id reused for another request can be told from a retry.
   */
  fingerprint?: string;
}

export interface AppendOutcome {
  positions: number[];
  /** The stream's version after the append. */
  streamVersion: number;
  /** True when this command id had been appended before and nothing was appended now. */
  duplicate: boolean;
  /** The fingerprint stored with the command id: the first request's, for a duplicate. */
  fingerprint?: string;
}

/** The stream moved on since the decision was made; the caller decides again and retries. */
export class ConcurrencyError extends Error {
  readonly stream: string;
  readonly expected: number;
  readonly actual: number;
  constructor(stream: string, expected: number, actual: number) {
    super(`stream ${stream} is at version ${actual}, not the expected ${expected}`);
    this.name = 'ConcurrencyError';
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * The log cannot take or give events right now (a JetStream cluster electing a stream leader, a
 * server being restarted), and did not within the log's own wait. Nothing is lost: a command
 * whose append met this may or may not be in the log, and the same command id retried later is
 * appended once. The HTTP edge answers 503 with Retry-After; the inbox keeps the command pending.
 */
export class LogUnavailableError extends Error {
  /** Seconds after which a retry is worth it. */
  readonly retryAfter: number;
  constructor(message: string, retryAfter = 1) {
    super(message);
    this.name = 'LogUnavailableError';
    this.retryAfter = retryAfter;
  }
}

export interface EventLog {
  /** Appends all events or none, checking the expected version and the command id. */
  append(request: AppendRequest): Promise<AppendOutcome>;
  /** The outcome recorded for a command id, if it was appended before. */
  outcomeOf(context: string, commandId: string): Promise<AppendOutcome | undefined>;
  /** The events of one stream, in order, up to `toVersion` when given. */
  readStream(stream: string, toVersion?: number): Promise<StoredEvent[]>;
  /**
   * The events of one stream as far as this log has seen them, without asking the server: possibly
   * behind (another instance appended since), and empty for a stream it has not read. Only for a
   * decision whose append checks the expected version anyway (command-bus.ts). A log that reads
   * locally at no cost (SQLite) leaves it out.
   */
  readStreamSeen?(stream: string): StoredEvent[];
  /** Up to `limit` events after `position`, across all streams and contexts, in log order. */
  readAfter(position: number, limit: number): Promise<StoredEvent[]>;
  /** The position of the last event (0 for an empty log). */
  head(): Promise<number>;
  close(): Promise<void>;
}
