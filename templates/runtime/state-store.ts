import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InboxWriter } from './inbox-writer.ts';
import { jsonProblem } from './json-values.ts';
import { SqliteThread, type WriterSource } from './sqlite-thread.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  subscription TEXT PRIMARY KEY,
  position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS read_model_rows (
  model TEXT NOT NULL,
  id TEXT NOT NULL,
  doc TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (model, id)
);
CREATE TABLE IF NOT EXISTS answered (
  command_id TEXT PRIMARY KEY,
  command TEXT NOT NULL,
  answer TEXT NOT NULL,
  answered_at TEXT NOT NULL
);
`;

/** The inbox of accepted commands, in a file of its own: its writer is a thread of its own (inbox-writer.ts). */
const INBOX_SCHEMA = `
CREATE TABLE IF NOT EXISTS inbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  command_id TEXT NOT NULL UNIQUE,
  command TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  answer TEXT,
  received_at TEXT NOT NULL
);
-- The drain asks for the oldest pending commands: without this it read every command ever
-- accepted each time (--cpu-prof, bench/http.ts: a tenth of the loop's time after 4 s).
CREATE INDEX IF NOT EXISTS inbox_pending ON inbox (seq) WHERE status = 'pending';
`;

/** How long remembered answers wait to be written together (see StateStore.remember). */
const ANSWER_BATCH_MS = 50;

/**
 * How long after a write the state file's log (WAL) is copied into it, off the event loop (see
 * CHECKPOINTER): a second, not less, for the pages every batch rewrites (a checkpoint row, an
 * index's top) are copied once per checkpoint; every 100 ms cost 7% more CPU per request than
 * SQLite's own checkpoints, every second 1-2% less (bench/http.ts, 64 connections, alternated).
 */
const CHECKPOINT_AFTER_MS = 1000;

/**
 * Copies the state file's write-ahead log into the file, on a thread of its own connection: as
 * SQLite would at a commit that finds the log long (every 1,000 pages), but there it ran on the
 * event loop, page copies and fsync, in the middle of a request (a tenth of the requests per second
 * at 64 connections, bench/http.ts, alternated with and without). PASSIVE: it waits for no reader
 * or writer of the file; what it cannot copy now is copied next time.
 */
const CHECKPOINTER: WriterSource = `(Database, { path }) => {
  const db = new Database(path);
  return {
    run: (asks) => {
      db.pragma('wal_checkpoint(PASSIVE)');
      return asks.map(() => true);
    },
    close: () => db.close(),
  };
}`;

/** Where a service keeps its local state inside DATA_DIR. */
export function statePath(dataDir: string, context: string): string {
  return join(dataDir, `${context}.state.db`);
}

/** The inbox's file beside the state file: `DATA_DIR/<context>.inbox.db`. */
export function inboxPath(statePath: string): string {
  return statePath.endsWith('.state.db') ? `${statePath.slice(0, -'.state.db'.length)}.inbox.db` : `${statePath}.inbox`;
}

export interface InboxItem {
  seq: number;
  commandId: string;
  command: string;
  payload: unknown;
  status: 'pending' | 'done';
  answer: unknown;
}

/** The rows of read models as a projection sees them, inside the subscription's transaction. */
export interface ReadModelTx {
  get(model: string, id: string): unknown;
  put(model: string, id: string, doc: unknown, position: number): void;
  delete(model: string, id: string): void;
}

/**
 * The service's own local state, never in the shared log: read models, subscription checkpoints
 * and remembered answers in one SQLite file, the inbox of accepted commands in another beside it.
 * A batch of events and the checkpoint that covers it are written in one transaction.
 */
export class StateStore {
  readonly db: Database.Database;
  readonly #getCheckpoint: Database.Statement<[string], { position: number }>;
  readonly #setCheckpoint: Database.Statement;
  readonly #getRow: Database.Statement<[string, string], { doc: string }>;
  readonly #putRow: Database.Statement;
  readonly #deleteRow: Database.Statement;
  readonly #listRows: Database.Statement<[string, number, number], { id: string; doc: string }>;
  readonly #inboxItem: Database.Statement<[string], InboxRow>;
  readonly #pending: Database.Statement<[number], InboxRow>;
  readonly #remember: Database.Statement;
  readonly #unsaved = new Map<string, { command: string; answer: string; at: string }>();
  #flushTimer: NodeJS.Timeout | undefined;
  /** The inbox, read here; written only by #inboxWriter's thread. */
  readonly #inboxDb: Database.Database;
  readonly #inboxWriter: InboxWriter;
  /** True while the inbox has no row: only this store's enqueue adds any (one service owns its DATA_DIR). */
  #inboxEmpty: boolean;
  readonly #answered: Database.Statement<[string], { command_id: string; command: string; answer: string }>;
  /** Checkpoints the state file's WAL off the event loop; none for an in-memory file. */
  readonly #checkpointer: SqliteThread<null, boolean> | undefined;
  #checkpointTimer: NodeJS.Timeout | undefined;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    // Everything in this file but the inbox follows from the log, so its commits do not wait for
    // the disk (WAL, synchronous=NORMAL: still all or nothing, a power cut may only undo the last
    // ones): read models and their checkpoint roll back together and are applied again from the
    // log; finished inbox items run again, which their ids make harmless; remembered answers were
    // never promised to survive a crash (see remember). Measured with --cpu-prof (bench/http.ts):
    // on JetStream a fifth of the service's time went to these fsyncs, on the event loop, so HTTP
    // waited on them. A checkpoint can fall behind the log this way, never ahead of it (log-guard.ts).
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(SCHEMA);
    if (path !== ':memory:') {
      this.db.pragma('wal_autocheckpoint = 0');
      this.#checkpointer = new SqliteThread(`the state file ${path}`, CHECKPOINTER, { path });
    }
    // The inbox is no copy of anything: a 202 promises the command is on disk. Its own file, so
    // that its writer thread never waits for this connection's lock, nor this one for its fsync.
    const inbox = inboxPath(path);
    this.#inboxDb = new Database(inbox);
    this.#inboxDb.pragma('journal_mode = WAL');
    this.#inboxDb.pragma('synchronous = FULL');
    this.#inboxDb.pragma('busy_timeout = 10000');
    this.#inboxDb.exec(INBOX_SCHEMA);
    moveInbox(this.db, this.#inboxDb);
    this.#inboxWriter = new InboxWriter(inbox);
    this.#inboxEmpty = this.#inboxDb.prepare('SELECT 1 FROM inbox LIMIT 1').get() === undefined;
    this.#getCheckpoint = this.db.prepare('SELECT position FROM checkpoints WHERE subscription = ?');
    this.#setCheckpoint = this.db.prepare(
      'INSERT INTO checkpoints (subscription, position) VALUES (?, ?) ON CONFLICT (subscription) DO UPDATE SET position = excluded.position',
    );
    this.#getRow = this.db.prepare('SELECT doc FROM read_model_rows WHERE model = ? AND id = ?');
    this.#putRow = this.db.prepare(
      'INSERT INTO read_model_rows (model, id, doc, position) VALUES (?, ?, ?, ?) ON CONFLICT (model, id) DO UPDATE SET doc = excluded.doc, position = excluded.position',
    );
    this.#deleteRow = this.db.prepare('DELETE FROM read_model_rows WHERE model = ? AND id = ?');
    this.#listRows = this.db.prepare(
      'SELECT id, doc FROM read_model_rows WHERE model = ? ORDER BY id LIMIT ? OFFSET ?',
    );
    this.#inboxItem = this.#inboxDb.prepare('SELECT * FROM inbox WHERE command_id = ?');
    this.#pending = this.#inboxDb.prepare("SELECT * FROM inbox WHERE status = 'pending' ORDER BY seq LIMIT ?");
    this.#remember = this.db.prepare(
      'INSERT INTO answered (command_id, command, answer, answered_at) VALUES (?, ?, ?, ?) ON CONFLICT (command_id) DO UPDATE SET command = excluded.command, answer = excluded.answer, answered_at = excluded.answered_at',
    );
    this.#answered = this.db.prepare('SELECT command_id, command, answer FROM answered WHERE command_id = ?');
  }

  checkpoint(subscription: string): number {
    return this.#getCheckpoint.get(subscription)?.position ?? 0;
  }

  setCheckpoint(subscription: string, position: number): void {
    this.#setCheckpoint.run(subscription, position);
    this.#wrote();
  }

  /** A write committed: the WAL is checkpointed a little later, with the writes made meanwhile. */
  #wrote(): void {
    const checkpointer = this.#checkpointer;
    if (!checkpointer || this.#checkpointTimer) return;
    this.#checkpointTimer = setTimeout(() => {
      this.#checkpointTimer = undefined;
      checkpointer.write(null).catch((error: unknown) => {
        // Nothing is lost: the writes are in the WAL, and the next checkpoint (or closing) copies them.
        console.error(`could not checkpoint the state file: ${error instanceof Error ? error.message : String(error)}`);
      });
    }, CHECKPOINT_AFTER_MS);
    this.#checkpointTimer.unref();
  }

  /** Runs `work` and then stores the checkpoint, all in one transaction: both or neither. */
  applyBatch(subscription: string, position: number, work: (tx: ReadModelTx) => void, beforeCommit?: () => void): void {
    this.db.transaction(() => {
      work(this.#tx);
      beforeCommit?.();
      this.#setCheckpoint.run(subscription, position);
    })();
    this.#wrote();
  }

  readonly #tx: ReadModelTx = {
    get: (model, id) => {
      const row = this.#getRow.get(model, id);
      return row ? JSON.parse(row.doc) : undefined;
    },
    put: (model, id, doc, position) => {
      // Refused, not stored as null: the batch fails and is retried, as for any failing projection.
      const unfit = jsonProblem(doc);
      if (unfit)
        throw new Error(
          `the read model ${model} got a row for ${JSON.stringify(id)} in which ${unfit}; fix its apply in src/projections/`,
        );
      this.#putRow.run(model, id, JSON.stringify(doc), position);
    },
    delete: (model, id) => {
      this.#deleteRow.run(model, id);
    },
  };

  row(model: string, id: string): unknown {
    return this.#tx.get(model, id);
  }

  rows(model: string, limit = 100, offset = 0): Array<{ id: string; row: unknown }> {
    return this.#listRows.all(model, limit, offset).map((r) => ({ id: r.id, row: JSON.parse(r.doc) }));
  }

  /**
   * Durably records an accepted command; false when this id was already in the inbox. The commands
   * accepted while one commit is on its way to the disk are committed together in the next one.
   */
  enqueue(commandId: string, command: string, payload: unknown): Promise<boolean> {
    this.#inboxEmpty = false;
    return this.#inboxWriter.write({ kind: 'enqueue', commandId, command, payload: JSON.stringify(payload) });
  }

  inboxItem(commandId: string): InboxItem | undefined {
    // Asked for every command run at once: a service that never accepted one reads nothing.
    if (this.#inboxEmpty) return undefined;
    const row = this.#inboxItem.get(commandId);
    return row ? toItem(row) : undefined;
  }

  pending(limit: number): InboxItem[] {
    return this.#pending.all(limit).map(toItem);
  }

  /**
   * Marks inbox items done with their answers, in one commit. Losing it in a crash only means
   * running those commands again, which their ids make harmless.
   */
  async finish(answers: Array<{ commandId: string; answer: unknown }>): Promise<void> {
    await Promise.all(
      answers.map(({ commandId, answer }) =>
        this.#inboxWriter.write({ kind: 'finish', commandId, answer: JSON.stringify(answer) }),
      ),
    );
  }

  /**
   * Records the answer to a command run at once (appended and applied modes, policies), so its
   * fate can be asked later. Written in batches, not one durable transaction per command: the
   * command's events and outcome are already durable in the log, and a synchronous commit each
   * would cost every command another fsync. A crash loses at most the last batch of answers.
   */
  remember(commandId: string, command: string, answer: unknown): void {
    this.#unsaved.set(commandId, { command, answer: JSON.stringify(answer), at: new Date().toISOString() });
    this.#flushTimer ??= setTimeout(() => this.flushAnswers(), ANSWER_BATCH_MS);
  }

  /** Writes the answers remembered since the last batch, in one transaction. */
  flushAnswers(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (this.#unsaved.size === 0) return;
    this.db.transaction(() => {
      for (const [commandId, { command, answer, at }] of this.#unsaved)
        this.#remember.run(commandId, command, answer, at);
    })();
    this.#unsaved.clear();
    this.#wrote();
  }

  /** The recorded answer to a command run at once. */
  answered(commandId: string): { commandId: string; command: string; answer: unknown } | undefined {
    const unsaved = this.#unsaved.get(commandId);
    if (unsaved) return { commandId, command: unsaved.command, answer: JSON.parse(unsaved.answer) };
    const row = this.#answered.get(commandId);
    return row ? { commandId: row.command_id, command: row.command, answer: JSON.parse(row.answer) } : undefined;
  }

  /** Closes the files; resolves when the inbox's last writes are on disk and the state file is closed (its WAL copied in). */
  async close(): Promise<void> {
    this.flushAnswers();
    clearTimeout(this.#checkpointTimer);
    this.#checkpointTimer = undefined;
    this.#inboxDb.close();
    const inbox = this.#inboxWriter.close();
    await this.#checkpointer?.close();
    this.db.close();
    await inbox;
  }
}

/**
 * Services made before the inbox had a file of its own kept it in the state file: its rows move
 * over once, first copied (a crash before the drop copies them again, as the same rows), then
 * dropped from the state file. Pending commands are not lost on the way.
 */
function moveInbox(state: Database.Database, inbox: Database.Database): void {
  if (!state.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'inbox'").get()) return;
  const rows = state.prepare('SELECT * FROM inbox ORDER BY seq').all() as Array<InboxRow & { received_at: string }>;
  const copy = inbox.prepare(
    'INSERT INTO inbox (seq, command_id, command, payload, status, answer, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  inbox.transaction(() => {
    for (const r of rows) copy.run(r.seq, r.command_id, r.command, r.payload, r.status, r.answer, r.received_at);
  })();
  state.exec('DROP TABLE inbox');
}

interface InboxRow {
  seq: number;
  command_id: string;
  command: string;
  payload: string;
  status: 'pending' | 'done';
  answer: string | null;
}

function toItem(row: InboxRow): InboxItem {
  return {
    seq: row.seq,
    commandId: row.command_id,
    command: row.command,
    payload: JSON.parse(row.payload),
    status: row.status,
    answer: row.answer === null ? undefined : JSON.parse(row.answer),
  };
}
