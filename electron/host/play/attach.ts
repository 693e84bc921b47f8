import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { PlayLag, PlayRows, PlaySnapshot } from '../../../contract/play.ts';
import { planService } from '../../../generator/plan/plan.ts';
import type { ServicePlan } from '../../../generator/plan/service-plan.ts';
import { BoardGraph } from '../../../model/board/graph.ts';
import type { Board } from '../../../model/board/types.ts';
import { PlayError } from './engine.ts';
import { SqliteWatch, type WatchBatch } from './log-watch.ts';
import { NatsWatch, natsTargetOf } from './nats-watch.ts';
import { PlayIndex, playMapOf } from './play-map.ts';
import { PlayTally } from './tally.ts';

const POLL_MS = 250;

/** The plans of every context that plans, for reading a deployment's names back to stickies. */
export function plansOf(board: Board): ServicePlan[] {
  const graph = new BoardGraph(board);
  return board.contexts.flatMap((c) => {
    const result = planService(board, c.id, graph);
    return result.ok ? [result.plan] : [];
  });
}

/** What an attached deployment's log is read through. */
interface AttachSource {
  readonly where: string;
  readonly head: number;
  poll(): Promise<WatchBatch>;
  lags(): Promise<PlayLag[]>;
  rows(contextId: string, type: string): PlayRows;
  close(): Promise<void>;
}

/**
 * Opens what `--attach` names: `nats://HOST:PORT[/STREAM]` (a JetStream log), or a SQLite log as
 * `sqlite:PATH` or a plain path (relative to `cwd`).
 */
async function openSource(target: string, cwd: string, index: PlayIndex): Promise<AttachSource> {
  const nats = natsTargetOf(target);
  if (nats) {
    let watch: NatsWatch;
    try {
      watch = await NatsWatch.open(nats, index);
    } catch (error) {
      throw new PlayError(`Cannot attach to ${target}: ${error instanceof Error ? error.message : String(error)}.`);
    }
    return {
      where: `${target} (stream ${nats.stream})`,
      get head() {
        return watch.head;
      },
      poll: () => watch.poll(),
      lags: () => watch.lags(),
      // A NATS deployment's read models live in its services' own state files, out of reach.
      rows: (contextId, type) => ({ contextId, type, rows: [] }),
      close: () => watch.close(),
    };
  }
  const path = target.startsWith('sqlite:') ? target.slice('sqlite:'.length) : target;
  const logPath = isAbsolute(path) ? path : resolve(cwd, path);
  if (!existsSync(logPath))
    throw new PlayError(
      `There is no log at ${logPath}; give the path of a service's log.db (by default DATA_DIR/log.db), its STORM_LOG, or nats://HOST:PORT.`,
    );
  const watch = new SqliteWatch(logPath, index);
  return {
    where: logPath,
    get head() {
      return watch.head;
    },
    poll: async () => watch.poll(),
    lags: async () => watch.lags(),
    rows: (contextId, type) => watch.rows(contextId, type),
    close: async () => watch.close(),
  };
}

/**
 * Reads a running deployment read-only: its log and, beside a SQLite log, its services' state
 * files. Nothing is started, sent or written.
 */
export class AttachSession {
  readonly #board: Board;
  readonly #index: PlayIndex;
  readonly #source: AttachSource;
  readonly #tally = new PlayTally();
  readonly #onChange: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #error: string | undefined;
  #lags: PlayLag[] = [];
  #polling: Promise<void> = Promise.resolve();

  private constructor(board: Board, index: PlayIndex, source: AttachSource, onChange?: () => void) {
    this.#board = board;
    this.#index = index;
    this.#source = source;
    this.#onChange = onChange;
  }

  static async open(board: Board, target: string, cwd: string, onChange?: () => void): Promise<AttachSession> {
    const index = new PlayIndex(playMapOf(plansOf(board)));
    return new AttachSession(board, index, await openSource(target, cwd, index), onChange);
  }

  get where(): string {
    return this.#source.where;
  }

  async start(): Promise<void> {
    await this.refresh();
    this.#timer = setInterval(() => void this.refresh(), POLL_MS);
  }

  /** Reads what is new (one read at a time). */
  refresh(): Promise<void> {
    this.#polling = this.#polling.then(async () => {
      try {
        const changed = this.#tally.add(await this.#source.poll(), this.#index);
        this.#lags = await this.#source.lags();
        this.#error = undefined;
        if (changed) this.#onChange?.();
      } catch (error) {
        this.#error = `${this.#source.where} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
      }
    });
    return this.#polling;
  }

  snapshot(after = 0): PlaySnapshot {
    return {
      status: 'running',
      readOnly: true,
      boardName: this.#board.name,
      where: this.#source.where,
      progress: { done: 1, total: 1, step: 'Attached' },
      services: [],
      map: this.#index.map,
      head: this.#source.head,
      entries: this.#tally.entriesAfter(after),
      counts: this.#tally.counts,
      refusals: this.#tally.refusals,
      lags: [...this.#lags],
      ...(this.#error ? { error: this.#error } : {}),
    };
  }

  rows(contextId: string, type: string): PlayRows {
    return this.#source.rows(contextId, type);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#polling;
    await this.#source.close();
  }
}
