import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqliteThread, type WriterSource } from './sqlite-thread.ts';
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
 * One append per request, on the writer's own connection (see SqliteLog): the command id checked
 * first (a retry appends nothing and gets the first outcome), then the stream's expected version,
 * then the events and the outcome, all in one savepoint. A batch is one IMMEDIATE transaction (group
 * commit: one fsync serves many commands; a refused append leaves the others); IMMEDIATE takes the
 * write lock before any stream's version is read, so two processes cannot both pass the check.
 */
const LOG_WRITER: WriterSource = `(Database, { path }) => {
  // The file, in WAL mode and with its tables, is SqliteLog's constructor's work: this connection
  // only sets what is its own.
  const db = new Database(path);
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  const outcomeOf = db.prepare('SELECT outcome FROM command_outcomes WHERE context = ? AND command_id = ?');
  const streamVersion = db.prepare('SELECT MAX(stream_version) AS v FROM events WHERE stream = ?');
  const insert = db.prepare('INSERT INTO events (id, context, stream, stream_version, type, version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const saveOutcome = db.prepare('INSERT INTO command_outcomes (context, command_id, outcome) VALUES (?, ?, ?)');
  const append = db.transaction((request) => {
    const seen = outcomeOf.get(request.context, request.commandId);
    if (seen) return { ok: true, outcome: { ...JSON.parse(seen.outcome), duplicate: true } };
    const actual = streamVersion.get(request.stream)?.v ?? 0;
    if (actual !== request.expectedVersion) return { ok: false, stream: request.stream, expected: request.expectedVersion, actual };
    const now = new Date().toISOString();
    const positions = [];
    let version = actual;
    for (const event of request.events) {
      version += 1;
      const info = insert.run(event.id, request.context, request.stream, version, event.type, event.version, JSON.stringify(event.data), JSON.stringify({ ...event.metadata, commandId: request.commandId }), now);
      positions.push(Number(info.lastInsertRowid));
    }
    const outcome = { positions, streamVersion: version, duplicate: false, ...(request.fingerprint !== undefined ? { fingerprint: request.fingerprint } : {}) };
    saveOutcome.run(request.context, request.commandId, JSON.stringify(outcome));
    return { ok: true, outcome };
  });
  const batch = db.transaction((requests) =>
    requests.map((request) => {
      try {
        return append(request);
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return { run: (requests) => batch.immediate(requests), close: () => db.close() };
}`;

/** What the writer answers for one append: its outcome, the version that refused it, or why it failed. */
type Appended =
  | { ok: true; outcome: AppendOutcome }
  | { ok: false; stream: string; expected: number; actual: number }
  | { ok: false; message: string };

/**
 * The embedded log: one SQLite file in WAL mode with full synchronous commits, so an append that
 * returned survives a power cut. Several services may open the same file; SQLite serialises their
 * writes, and positions are assigned inside the write transaction, so readers never see a gap
 * filled in later. Appends are committed by a thread of their own (sqlite-thread.ts), so that the
 * event loop reads, decides and answers HTTP while the disk syncs; this connection only reads.
 */
export class SqliteLog implements EventLog {
  readonly #db: Database.Database;
  readonly #writer: SqliteThread<AppendRequest, Appended>;
  readonly #outcome: Database.Statement<[string, string], { outcome: string }>;
  readonly #readStream: Database.Statement<[string, number], EventRow>;
  readonly #readAfter: Database.Statement<[number, number], EventRow>;
  readonly #head: Database.Statement<[], { p: number | null }>;

  constructor(path: string) {
    // Appends are written by another connection: an in-memory database would be another one there.
    if (path === ':memory:') throw new Error('the SQLite log is a file; give it a path, not :memory:');
    mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('busy_timeout = 10000');
    this.#db.exec(SCHEMA);
    this.#writer = new SqliteThread(`the log ${path}`, LOG_WRITER, { path });
    this.#outcome = this.#db.prepare('SELECT outcome FROM command_outcomes WHERE context = ? AND command_id = ?');
    this.#readStream = this.#db.prepare(
      'SELECT * FROM events WHERE stream = ? AND stream_version <= ? ORDER BY stream_version',
    );
    this.#readAfter = this.#db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?');
    this.#head = this.#db.prepare('SELECT MAX(position) AS p FROM events');
  }

  async append(request: AppendRequest): Promise<AppendOutcome> {
    const appended = await this.#writer.write(request);
    if (appended.ok) return appended.outcome;
    if ('message' in appended) throw new Error(appended.message);
    throw new ConcurrencyError(appended.stream, appended.expected, appended.actual);
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
    await this.#writer.close();
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
