import type { PlayRows, PlaySendResult, PlaySnapshot } from '../../../contract/play.ts';
import { parseBoard } from '../../../model/board/load.ts';
import type { Board } from '../../../model/board/types.ts';
import { boardPath, HostError } from '../board-folder.ts';
import { AttachSession } from './attach.ts';
import { PlayEngine, PlayError, scratchFor } from './engine.ts';
import { trackPlay, type WatchedPlay } from './running.ts';

/**
 * The app's play: one at a time per board folder, started on the board the page has open (its
 * text, saved or not), in `.stormbench/play/<board>` of the board folder; or, attached, a running
 * deployment's log read through the same board, read-only (AttachSession, as `--attach` does).
 */
export class PlayHost implements WatchedPlay {
  #engine: PlayEngine | undefined;
  #attached: AttachSession | undefined;
  /** How the last attach stood when it was stopped (its log is no longer read). */
  #detached: PlaySnapshot | undefined;
  #previous: Promise<void> = Promise.resolve();
  generation = 0;

  constructor(readonly folder: string) {}

  async start(text: string, name: string | undefined): Promise<PlaySnapshot> {
    const board = boardOf(text);
    if (name !== undefined) boardPath(this.folder, name);
    await this.stop();
    this.#detached = undefined;
    const engine = new PlayEngine(board, { scratch: scratchFor(this.folder, name) });
    this.#engine = engine;
    this.generation++;
    this.#previous = engine.start();
    return engine.snapshot();
  }

  /**
   * Attaches to a running deployment: `target` is a SQLite log's path (relative to the board
   * folder) or `nats://HOST:PORT[/STREAM]`. Nothing is started, sent or written.
   */
  async attach(text: string, target: string): Promise<PlaySnapshot> {
    const board = boardOf(text);
    if (target.trim() === '')
      throw new HostError("Give the log to attach to: a service's log.db path, or nats://HOST:PORT.");
    await this.stop();
    this.#engine = undefined;
    this.#detached = undefined;
    let session: AttachSession;
    try {
      session = await AttachSession.open(board, target.trim(), this.folder);
      await session.start();
    } catch (error) {
      if (error instanceof PlayError) throw new HostError(error.message);
      throw error;
    }
    this.#attached = session;
    this.generation++;
    return session.snapshot();
  }

  state(after: string): PlaySnapshot | null {
    const position = Number.parseInt(after, 10);
    const from = Number.isFinite(position) ? position : 0;
    const live = (this.#attached ?? this.#engine)?.snapshot(from);
    if (live) return live;
    return this.#detached
      ? { ...this.#detached, entries: this.#detached.entries.filter((e) => e.position > from) }
      : null;
  }

  /** Edit while playing: the services the changed board touches restart on the same log. */
  async update(text: string): Promise<{ restarted: string[] }> {
    const board = boardOf(text);
    return { restarted: await this.#running().update(board) };
  }

  async send(context: string, command: string, payload: string): Promise<PlaySendResult> {
    const engine = this.#running();
    let data: unknown;
    try {
      data = JSON.parse(payload);
    } catch (error) {
      throw new HostError(
        `The command's payload is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    try {
      return await engine.send(context, command, data);
    } catch (error) {
      if (error instanceof PlayError) throw new HostError(error.message, 409);
      throw error;
    }
  }

  rows(context: string, model: string): PlayRows {
    return (this.#attached ?? this.#running()).rows(context, model);
  }

  async stop(): Promise<PlaySnapshot | null> {
    const attached = this.#attached;
    if (attached) {
      this.#attached = undefined;
      await attached.stop();
      this.#detached = { ...attached.snapshot(), status: 'stopped' };
      return this.#detached;
    }
    const engine = this.#engine;
    if (!engine) return null;
    await this.#previous;
    await engine.stop();
    return engine.snapshot();
  }

  #running(): PlayEngine {
    if (this.#attached)
      throw new HostError(
        'This play is attached to a running deployment, read-only: stop it, then press Play to run the board itself.',
        409,
      );
    if (!this.#engine || this.#engine.status !== 'running')
      throw new HostError('Nothing is playing: press Play (Ctrl+Alt+P) first.', 409);
    return this.#engine;
  }
}

function boardOf(text: string): Board {
  const parsed = parseBoard(text);
  if (!parsed.ok) throw new HostError(`The board cannot be played: ${parsed.errors[0]!.message}`);
  return parsed.board;
}

const HOSTS = new Map<string, PlayHost>();

/** The play of a board folder (the host objects of one folder share it). */
export function playHostOf(folder: string): PlayHost {
  let host = HOSTS.get(folder);
  if (!host) {
    HOSTS.set(folder, (host = new PlayHost(folder)));
    trackPlay(host);
  }
  return host;
}
