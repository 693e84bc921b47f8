import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PlayEntry, PlayLag, PlayRefusal, PlayRows } from '../../../contract/play.ts';
import { policyOfCommandId, type PlayIndex } from './play-map.ts';

/**
 * Reads a SQLite deployment read-only: the shared log (`log.db`) and each service's state file
 * (`<context>.state.db`: checkpoints, read-model rows, the answers of the commands it ran) in the
 * log's folder. The tables are the generated runtime's (templates/runtime/sqlite-log.ts and
 * state-store.ts); test/electron/play/log-watch.test.ts writes them with that runtime and reads them
 * back here, so a change there that this misses fails a test.
 */

interface EventRow {
  position: number;
  id: string;
  context: string;
  stream: string;
  version: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** What one poll found new since the one before. */
export interface WatchBatch {
  entries: PlayEntry[];
  refusals: PlayRefusal[];
  /** Commands carried out, by context and type. */
  commands: Array<{ contextId: string; command: string; commandId: string; at: string }>;
}

const STATUS_OF_KIND: Record<string, number> = {
  invalid: 400,
  'unknown-command': 404,
  conflict: 409,
  rejected: 422,
  'reused-key': 422,
  failed: 500,
};

/** The HTTP status a service answers a command result with (templates/runtime/http.ts). */
export function statusOfResult(kind: string): number {
  return kind === 'done' ? 200 : (STATUS_OF_KIND[kind] ?? 500);
}

export class SqliteWatch {
  readonly logPath: string;
  #index: PlayIndex;
  #policies: Set<string>;
  #log: Database.Database | undefined;
  readonly #states = new Map<string, { db: Database.Database; answeredAfter: number }>();
  #after = 0;

  constructor(logPath: string, index: PlayIndex) {
    this.logPath = logPath;
    this.#index = index;
    this.#policies = new Set(index.map.policies.map((p) => p.type));
  }

  /** Reads names by a new index (the board changed while playing); what was read stays as read. */
  use(index: PlayIndex): void {
    this.#index = index;
    this.#policies = new Set(index.map.policies.map((p) => p.type));
  }

  /** The position the watch has read up to. */
  get head(): number {
    return this.#after;
  }

  /** New events (up to `limit`), and the commands answered since the last poll. */
  poll(limit = 1000): WatchBatch {
    const batch: WatchBatch = { entries: [], refusals: [], commands: [] };
    const log = this.#openLog();
    if (log) {
      const rows = log
        .prepare(
          'SELECT position, id, context, stream, version, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?',
        )
        .all(this.#after, limit) as EventRow[];
      for (const row of rows) batch.entries.push(this.#entryOf(row));
      if (rows.length > 0) this.#after = rows[rows.length - 1]!.position;
    }
    for (const [contextId, state] of this.#openStates()) {
      const answered = state.db
        .prepare('SELECT rowid, command_id, command, answer, answered_at FROM answered WHERE rowid > ? ORDER BY rowid')
        .all(state.answeredAfter) as Array<{
        rowid: number;
        command_id: string;
        command: string;
        answer: string;
        answered_at: string;
      }>;
      for (const row of answered) {
        state.answeredAfter = row.rowid;
        const answer = JSON.parse(row.answer) as { kind: string; message?: string; errors?: string[] };
        if (answer.kind === 'done') {
          batch.commands.push({ contextId, command: row.command, commandId: row.command_id, at: row.answered_at });
          continue;
        }
        const policy = policyOfCommandId(row.command_id, this.#policies);
        batch.refusals.push({
          at: row.answered_at,
          contextId,
          commandId: row.command_id,
          command: row.command,
          status: statusOfResult(answer.kind),
          message: answer.message ?? answer.kind,
          errors: answer.errors ?? [],
          elementIds: [
            ...this.#index.commandStickies(contextId, row.command),
            ...(policy ? this.#index.policyStickies(policy.type) : []),
          ],
          cleared: false,
        });
      }
    }
    return batch;
  }

  /** Consumer lag of every service's read models and policies: how far each checkpoint trails the log. */
  lags(): PlayLag[] {
    const head = this.#openLog()
      ? ((this.#log!.prepare('SELECT MAX(position) AS p FROM events').get() as { p: number | null }).p ?? 0)
      : 0;
    const lags: PlayLag[] = [];
    for (const [contextId, state] of this.#openStates()) {
      const rows = state.db
        .prepare('SELECT subscription, position FROM checkpoints ORDER BY subscription')
        .all() as Array<{ subscription: string; position: number }>;
      for (const subscription of ['policies', 'projections'] as const) {
        const position = rows.find((r) => r.subscription === subscription)?.position ?? 0;
        lags.push({ contextId, subscription, position, lag: Math.max(0, head - position) });
      }
    }
    return lags;
  }

  /** The rows of one read model, as the service that keeps it holds them now. */
  rows(contextId: string, type: string, limit = 200): PlayRows {
    const state = this.#openStates().get(contextId);
    const rows = state
      ? (state.db
          .prepare('SELECT id, doc FROM read_model_rows WHERE model = ? ORDER BY position DESC LIMIT ?')
          .all(type, limit) as Array<{ id: string; doc: string }>)
      : [];
    return { contextId, type, rows: rows.map((r) => ({ id: r.id, doc: JSON.parse(r.doc) as unknown })) };
  }

  close(): void {
    this.#log?.close();
    this.#log = undefined;
    for (const state of this.#states.values()) state.db.close();
    this.#states.clear();
  }

  #entryOf(row: EventRow): PlayEntry {
    const metadata = JSON.parse(row.metadata) as { commandId?: unknown };
    const commandId = typeof metadata.commandId === 'string' ? metadata.commandId : '';
    const policy = policyOfCommandId(commandId, this.#policies);
    const command = this.#index.producerOf(row.context, row.type);
    return {
      position: row.position,
      id: row.id,
      context: row.context,
      stream: row.stream,
      type: row.type,
      version: row.version,
      data: JSON.parse(row.data) as unknown,
      recordedAt: row.recorded_at,
      commandId,
      ...(command ? { command } : {}),
      ...(policy ? { policy } : {}),
      elementIds: [
        ...this.#index.eventStickies(row.context, row.type),
        ...(policy ? this.#index.policyStickies(policy.type) : []),
      ],
    };
  }

  #openLog(): Database.Database | undefined {
    if (!this.#log && existsSync(this.logPath))
      this.#log = new Database(this.logPath, { readonly: true, fileMustExist: true });
    return this.#log;
  }

  /** The state files in the log's folder, opened once each as they appear. */
  #openStates(): Map<string, { db: Database.Database; answeredAfter: number }> {
    const folder = dirname(this.logPath);
    let names: string[] = [];
    try {
      names = readdirSync(folder).filter((n) => n.endsWith('.state.db'));
    } catch {
      return this.#states;
    }
    for (const name of names) {
      const contextId = basename(name, '.state.db');
      if (this.#states.has(contextId)) continue;
      try {
        const db = new Database(join(folder, name), { readonly: true, fileMustExist: true });
        db.prepare('SELECT 1 FROM answered LIMIT 1').all();
        this.#states.set(contextId, { db, answeredAfter: 0 });
      } catch {
        // Not (yet) a service's state file: its service is creating it; the next poll tries again.
      }
    }
    return this.#states;
  }
}
