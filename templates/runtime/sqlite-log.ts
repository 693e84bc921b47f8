import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConcurrencyError, type AppendOutcome, type AppendRequest, type EventLog, type StoredEvent } from './log.ts';

interface EventRow {
  position: number;
  id: string;
  context: string;
  stream: string;
  stream_version: number;
  type: string;
  version: number;
  data: string;
  metadata: string;
  recorded_at: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  context TEXT NOT NULL,
  stream TEXT NOT NULL,
  stream_version INTEGER NOT NULL,
  type TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (stream, stream_version)
);
CREATE TABLE IF NOT EXISTS command_outcomes (
  context TEXT NOT NULL,
  command_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  PRIMARY KEY (context, command_id)
);
`;

/**
 * The embedded log: one SQLite file in WAL mode with full synchronous commits, so an append that
 * returned survives a power cut. Several services may open the same file; SQLite serialises their
 * writes, and positions are assigned inside the write transaction, so readers never see a gap
 * filled in later.
 */
export class SqliteLog implements EventLog {
  readonly #db: Database.Database;
  readonly #streamVersion: Database.Statement<[string], { v: number | null }>;
  readonly #insert: Database.Statement;
  readonly #outcome: Database.Statement<[string, string], { outcome: string }>;
  readonly #saveOutcome: Database.Statement;
  readonly #readStream: Database.Statement<[string, number], EventRow>;
  readonly #readAfter: Database.Statement<[number, number], EventRow>;
  readonly #head: Database.Statement<[], { p: number | null }>;
  readonly #appendBatch: (
    requests: AppendRequest[],
  ) => Array<{ ok: true; outcome: AppendOutcome } | { ok: false; error: unknown }>;
  #queue: Array<{
    request: AppendRequest;
    resolve: (outcome: AppendOutcome) => void;
    reject: (error: unknown) => void;
  }> = [];
  #flushScheduled = false;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('busy_timeout = 10000');
    this.#db.exec(SCHEMA);
    this.#streamVersion = this.#db.prepare('SELECT MAX(stream_version) AS v FROM events WHERE stream = ?');
    this.#insert = this.#db.prepare(
      'INSERT INTO events (id, context, stream, stream_version, type, version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#outcome = this.#db.prepare('SELECT outcome FROM command_outcomes WHERE context = ? AND command_id = ?');
    this.#saveOutcome = this.#db.prepare(
      'INSERT INTO command_outcomes (context, command_id, outcome) VALUES (?, ?, ?)',
    );
    this.#readStream = this.#db.prepare(
      'SELECT * FROM events WHERE stream = ? AND stream_version <= ? ORDER BY stream_version',
    );
    this.#readAfter = this.#db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
    this.#head = this.#db.prepare('SELECT MAX(position) AS p FROM events');
    const tx = this.#db.transaction((request: AppendRequest): AppendOutcome => {
      const seen = this.#outcome.get(request.context, request.commandId);
      if (seen) return { ...(JSON.parse(seen.outcome) as AppendOutcome), duplicate: true };
      const actual = this.#streamVersion.get(request.stream)?.v ?? 0;
      if (actual !== request.expectedVersion)
        throw new ConcurrencyError(request.stream, request.expectedVersion, actual);
      const now = new Date().toISOString();
      const positions: number[] = [];
      let version = actual;
      for (const event of request.events) {
        version += 1;
        const info = this.#insert.run(
          event.id,
          request.context,
          request.stream,
          version,
          event.type,
          event.version,
          JSON.stringify(event.data),
          JSON.stringify({ ...event.metadata, commandId: request.commandId }),
          now,
        );
        positions.push(Number(info.lastInsertRowid));
      }
      const outcome: AppendOutcome = {
        positions,
        streamVersion: version,
        duplicate: false,
        ...(request.fingerprint !== undefined ? { fingerprint: request.fingerprint } : {}),
      };
      this.#saveOutcome.run(request.context, request.commandId, JSON.stringify(outcome));
      return outcome;
    });
    // Group commit: the appends that arrive while one commit is under way go into the next
    // transaction together, each in its own savepoint (a refused one leaves the others), so that
    // one fsync serves many commands. IMMEDIATE takes the write lock before any stream's version
    // is read, so two processes cannot both pass the expected-version check.
    const batch = this.#db.transaction((requests: AppendRequest[]) =>
      requests.map((request) => {
        try {
          return { ok: true as const, outcome: tx(request) };
        } catch (error) {
          return { ok: false as const, error };
        }
      }),
    );
    this.#appendBatch = (requests) => batch.immediate(requests);
  }

  append(request: AppendRequest): Promise<AppendOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#flushScheduled = false;
    const items = this.#queue.splice(0);
    if (items.length === 0) return;
    let results: Array<{ ok: true; outcome: AppendOutcome } | { ok: false; error: unknown }>;
    try {
      results = this.#appendBatch(items.map((i) => i.request));
    } catch (error) {
      // The commit itself failed (disk full, lock timeout): nothing of the batch is in the log.
      for (const item of items) item.reject(error);
      return;
    }
    items.forEach((item, index) => {
      const result = results[index]!;
      if (result.ok) item.resolve(result.outcome);
      else item.reject(result.error);
    });
  }

  async outcomeOf(context: string, commandId: string): Promise<AppendOutcome | undefined> {
    const row = this.#outcome.get(context, commandId);
    return row ? { ...(JSON.parse(row.outcome) as AppendOutcome), duplicate: true } : undefined;
  }

  async readStream(stream: string, toVersion = Number.MAX_SAFE_INTEGER): Promise<StoredEvent[]> {
    return this.#readStream.all(stream, toVersion).map(toStored);
  }

  async readAfter(position: number, limit: number): Promise<StoredEvent[]> {
    return this.#readAfter.all(position, limit).map(toStored);
  }

  async head(): Promise<number> {
    return this.#head.get()?.p ?? 0;
  }

  async close(): Promise<void> {
    if (this.#queue.length > 0) this.#flush();
    this.#db.close();
  }
}

function toStored(row: EventRow): StoredEvent {
  return {
    position: row.position,
    id: row.id,
    context: row.context,
    stream: row.stream,
    streamVersion: row.stream_version,
    type: row.type,
    version: row.version,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    recordedAt: row.recorded_at,
  };
}

/** Opens the log a `STORM_LOG` URL names: `sqlite:PATH` (relative to `cwd`). */
export function sqlitePathOf(url: string): string | undefined {
  if (!url.startsWith('sqlite:')) return undefined;
  return url.slice('sqlite:'.length);
}
