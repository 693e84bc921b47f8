import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { PlayRows, PlaySnapshot } from '../../../contract/play.ts';
import { planService } from '../../../generator/plan/plan.ts';
import type { ServicePlan } from '../../../generator/plan/service-plan.ts';
import { BoardGraph } from '../../../model/board/graph.ts';
import type { Board } from '../../../model/board/types.ts';
import { SqliteWatch } from './log-watch.ts';
import { PlayIndex, playMapOf } from './play-map.ts';
import { PlayTally } from './tally.ts';
import { PlayError } from './engine.ts';

const POLL_MS = 250;

/** The plans of every context that plans, for reading a deployment's names back to stickies. */
export function plansOf(board: Board): ServicePlan[] {
  const graph = new BoardGraph(board);
  return board.contexts.flatMap((c) => {
    const result = planService(board, c.id, graph);
    return result.ok ? [result.plan] : [];
  });
}

/** A SQLite log's path from what `--attach` was given: `sqlite:PATH` or a plain path. */
export function sqliteLogOf(target: string, cwd: string): string | undefined {
  if (/^(nats|tls):\/\//.test(target)) return undefined;
  const path = target.startsWith('sqlite:') ? target.slice('sqlite:'.length) : target;
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/**
 * Reads a running deployment read-only: its log and, beside a SQLite log, its services' state
 * files. Nothing is started, sent or written.
 */
export class AttachSession {
  readonly #board: Board;
  readonly #index: PlayIndex;
  readonly #watch: SqliteWatch;
  readonly #tally = new PlayTally();
  readonly #onChange: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #error: string | undefined;

  constructor(board: Board, logPath: string, onChange?: () => void) {
    if (!existsSync(logPath)) throw new PlayError(`There is no log at ${logPath}; give the path of a service's log.db (by default DATA_DIR/log.db), or its STORM_LOG.`);
    this.#board = board;
    this.#index = new PlayIndex(playMapOf(plansOf(board)));
    this.#watch = new SqliteWatch(logPath, this.#index);
    this.#onChange = onChange;
  }

  start(): void {
    this.#poll();
    this.#timer = setInterval(() => this.#poll(), POLL_MS);
  }

  #poll(): void {
    try {
      if (this.#tally.add(this.#watch.poll(), this.#index)) this.#onChange?.();
      this.#error = undefined;
    } catch (error) {
      this.#error = `The log at ${this.#watch.logPath} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  snapshot(after = 0): PlaySnapshot {
    let lags: PlaySnapshot['lags'] = [];
    try {
      lags = this.#watch.lags();
    } catch {
      lags = [];
    }
    return {
      status: 'running',
      readOnly: true,
      boardName: this.#board.name,
      where: this.#watch.logPath,
      progress: { done: 1, total: 1, step: 'Attached' },
      services: [],
      map: this.#index.map,
      head: this.#watch.head,
      entries: this.#tally.entriesAfter(after),
      counts: this.#tally.counts,
      refusals: this.#tally.refusals,
      lags,
      ...(this.#error ? { error: this.#error } : {}),
    };
  }

  rows(contextId: string, type: string): PlayRows {
    return this.#watch.rows(contextId, type);
  }

  stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#watch.close();
    return Promise.resolve();
  }
}
