import type { PlayRows, PlaySendResult, PlaySnapshot } from '../../../contract/play.ts';
import { parseBoard } from '../../../model/board/load.ts';
import { boardPath, HostError } from '../board-folder.ts';
import { PlayEngine, PlayError, scratchFor } from './engine.ts';
import { trackPlay } from './running.ts';

/**
 * The app's play: one at a time per board folder, started on the board the page has open (its
 * text, saved or not), in `.stormbench/play/<board>` of the board folder.
 */
export class PlayHost {
  #engine: PlayEngine | undefined;
  #previous: Promise<void> = Promise.resolve();

  constructor(readonly folder: string) {}

  async start(text: string, name: string | undefined): Promise<PlaySnapshot> {
    const parsed = parseBoard(text);
    if (!parsed.ok) throw new HostError(`The board cannot be played: ${parsed.errors[0]!.message}`);
    if (name !== undefined) boardPath(this.folder, name);
    await this.stop();
    const engine = new PlayEngine(parsed.board, { scratch: scratchFor(this.folder, name) });
    this.#engine = engine;
    this.#previous = engine.start();
    return engine.snapshot();
  }

  state(after: string): PlaySnapshot | null {
    const position = Number.parseInt(after, 10);
    return this.#engine?.snapshot(Number.isFinite(position) ? position : 0) ?? null;
  }

  /** Edit while playing: the services the changed board touches restart on the same log. */
  async update(text: string): Promise<{ restarted: string[] }> {
    const parsed = parseBoard(text);
    if (!parsed.ok) throw new HostError(`The board cannot be played: ${parsed.errors[0]!.message}`);
    return { restarted: await this.#running().update(parsed.board) };
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
    return this.#running().rows(context, model);
  }

  async stop(): Promise<PlaySnapshot | null> {
    const engine = this.#engine;
    if (!engine) return null;
    await this.#previous;
    await engine.stop();
    return engine.snapshot();
  }

  #running(): PlayEngine {
    if (!this.#engine || this.#engine.status !== 'running')
      throw new HostError('Nothing is playing: press Play (Ctrl+Alt+P) first.', 409);
    return this.#engine;
  }
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
