import {
  PLAY_ROWS_SHOWN,
  type PlayCommand,
  type PlayEntry,
  type PlayReadModel,
  type PlayRelay,
  type PlayRows,
  type PlaySendResult,
  type PlaySnapshot,
  snapshotFromWire,
} from '../../../contract/play.ts';
import { serializeBoard } from '../../../model/board/serialize.ts';
import { call, HostFailure } from '../host.ts';
import type { Workbench } from '../workbench.svelte.ts';

const POLL_MS = 300;
const FLASH_MS = 1600;
/** Read models whose rows are fetched when none is selected; a big board has dozens. */
const MODELS_SHOWN = 12;

/** What the last Send answered, or why it did not go. */
export type SendAnswer =
  { command: PlayCommand; payload: unknown; result: PlaySendResult } | { command: PlayCommand; failure: string };

/**
 * Play as the page sees it: the host's snapshots, the timeline so far, what lights up now, the
 * replay's place, and the read models' rows. Methods are the only way to change it.
 */
export class PlaySession {
  readonly #app: Workbench;
  snapshot = $state.raw<PlaySnapshot | undefined>(undefined);
  entries = $state.raw<readonly PlayEntry[]>([]);
  /** Stickies lit for a moment: what just landed, or the replay's step. */
  lit = $state.raw<ReadonlySet<string>>(new Set());
  answer = $state.raw<SendAnswer | undefined>(undefined);
  sending = $state(false);
  /** The timeline entry the replay shows (index into entries), or undefined when live. */
  replayAt = $state<number | undefined>(undefined);
  rows = $state.raw<ReadonlyMap<string, PlayRows>>(new Map());
  /** The board as play last generated it; an edit since makes `edited` true. */
  played = $state.raw<unknown>(undefined);
  updating = $state(false);
  /** A workshop participant's page: it watches the play the host relays, and cannot start, stop or send. */
  watching = $state(false);
  #relayed: number | undefined;
  /** The id of the sticky map this page holds (contract/play.ts's PlaySnapshotWire). */
  #mapId: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flashTimer: ReturnType<typeof setTimeout> | undefined;
  #polling = false;

  constructor(app: Workbench) {
    this.#app = app;
  }

  readonly active = $derived(
    this.snapshot !== undefined && (this.snapshot.status === 'starting' || this.snapshot.status === 'running'),
  );
  readonly running = $derived(this.snapshot?.status === 'running');
  readonly edited = $derived.by(
    () => this.running && !this.watching && !this.snapshot?.readOnly && this.played !== this.#app.store.board,
  );
  /** Whether this page may send commands: play it started itself, not an attached deployment. */
  readonly canSend = $derived(!this.watching && this.snapshot?.readOnly === false);
  /** The read models whose rows the dock shows: the selected one, else the first few. */
  readonly shownModels = $derived.by((): PlayReadModel[] => {
    const models = this.snapshot?.map.readModels ?? [];
    const selected = this.#app.store.selection.length === 1 ? this.#app.store.selection[0]! : undefined;
    const chosen = selected === undefined ? undefined : models.find((m) => m.elementIds.includes(selected));
    return chosen ? [chosen] : models.slice(0, MODELS_SHOWN);
  });

  /** Stickies a refused command marks, with the last reason. */
  readonly refused = $derived(
    new Map(
      (this.snapshot?.refusals ?? [])
        .filter((r) => !r.cleared)
        .flatMap((r) => r.elementIds.map((id) => [id, `${r.command} refused (${r.status}): ${r.message}`] as const)),
    ),
  );

  async toggle(): Promise<void> {
    if (this.active) await this.stop();
    else await this.start();
  }

  async start(): Promise<void> {
    try {
      this.entries = [];
      this.answer = undefined;
      this.replayAt = undefined;
      this.rows = new Map();
      this.played = this.#app.store.board;
      this.snapshot = await call('startPlay', {
        text: serializeBoard(this.#app.store.board),
        ...(this.#app.store.file ? { name: this.#app.store.file } : {}),
      });
      this.#app.dockOpen = true;
      this.#schedule();
    } catch (error) {
      this.#app.say(error instanceof HostFailure ? error.message : String(error), true);
    }
  }

  /**
   * Reads a running deployment through the board, read-only: `target` is a service's SQLite log
   * (a path in the board folder, or absolute) or `nats://HOST:PORT[/STREAM]`. Answers the
   * host's sentence when it cannot attach.
   */
  async attach(target: string): Promise<string | undefined> {
    if (this.active)
      return this.snapshot?.readOnly
        ? 'This board is attached already: press Detach in the play dock first.'
        : 'The board is playing: press Stop play in the play dock first, then attach.';
    try {
      clearTimeout(this.#timer);
      this.entries = [];
      this.answer = undefined;
      this.replayAt = undefined;
      this.rows = new Map();
      this.played = this.#app.store.board;
      this.snapshot = await call('attachPlay', { text: serializeBoard(this.#app.store.board), target });
      this.#app.dockOpen = true;
      this.#schedule();
      return undefined;
    } catch (error) {
      return error instanceof HostFailure ? error.message : String(error);
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    try {
      const last = await call('stopPlay', {});
      this.snapshot = last ?? undefined;
      this.#app.say(
        last?.readOnly
          ? `Detached from ${last.where}; the deployment runs on.`
          : 'Play stopped; the services are down. The log stays in .stormbench/play/ until the next play.',
      );
    } catch (error) {
      this.#app.say(error instanceof HostFailure ? error.message : String(error), true);
    }
  }

  /** Regenerates the board as it is now and restarts the services it changed, keeping the log. */
  async applyEdits(): Promise<void> {
    const board = this.#app.store.board;
    this.updating = true;
    try {
      const { restarted } = await call('playUpdate', { text: serializeBoard(board) });
      this.played = board;
      this.rows = new Map();
      this.#app.say(
        restarted.length === 0
          ? 'The change touches no service; nothing restarted.'
          : `Restarted ${restarted.join(', ')} with the change; the log is kept.`,
      );
    } catch (error) {
      this.#app.say(error instanceof HostFailure ? error.message : String(error), true);
    } finally {
      this.updating = false;
    }
  }

  /**
   * Play as the workshop's host relays it, on a participant's page: a relay from 0 (the first
   * after joining, or a new play) replaces the timeline; later ones add what landed since.
   */
  receive(relay: PlayRelay): void {
    this.watching = true;
    const restart = relay.from === 0 || relay.play !== this.#relayed;
    this.#relayed = relay.play;
    const after = restart ? 0 : (this.entries.at(-1)?.position ?? 0);
    const fresh = relay.snapshot.entries.filter((e) => e.position > after);
    if (restart) {
      this.entries = fresh;
      this.replayAt = undefined;
      this.#app.dockOpen = true;
    } else if (fresh.length > 0) {
      this.entries = [...this.entries, ...fresh];
      if (this.replayAt === undefined) this.#flash(fresh.flatMap((e) => e.elementIds));
    }
    this.snapshot = snapshotFromWire(relay.snapshot, { snapshot: this.snapshot, mapId: this.#mapId }) ?? this.snapshot;
    this.#mapId = relay.snapshot.mapId;
    if (relay.rows) this.rows = new Map(relay.rows.map((r) => [`${r.contextId}/${r.type}`, r]));
  }

  /** The command of the board a sticky is, when play knows it. */
  commandOf(elementId: string | undefined): PlayCommand | undefined {
    return elementId === undefined
      ? undefined
      : this.snapshot?.map.commands.find((c) => c.elementIds.includes(elementId));
  }

  async send(command: PlayCommand, payload: Record<string, unknown>): Promise<void> {
    this.sending = true;
    try {
      const result = await call('playSend', {
        context: command.contextId,
        command: command.type,
        payload: JSON.stringify(payload),
      });
      this.answer = { command, payload, result };
      await this.#poll();
    } catch (error) {
      this.answer = { command, failure: error instanceof HostFailure ? error.message : String(error) };
    } finally {
      this.sending = false;
    }
  }

  /** Replays the timeline from its first entry, one step per call; undefined goes back to live. */
  replay(at: number | undefined): void {
    this.replayAt = at === undefined ? undefined : Math.max(0, Math.min(this.entries.length - 1, at));
    const entry = this.replayAt === undefined ? undefined : this.entries[this.replayAt];
    this.#flash(entry ? entry.elementIds : []);
  }

  /** Counts shown on the canvas: live, or as they stood at the replay's step. */
  readonly shownCounts = $derived.by((): Readonly<Record<string, number>> => {
    if (this.replayAt === undefined) return this.snapshot?.counts ?? {};
    const counts: Record<string, number> = {};
    for (const entry of this.entries.slice(0, this.replayAt + 1))
      for (const id of entry.elementIds) counts[id] = (counts[id] ?? 0) + 1;
    return counts;
  });

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#poll().finally(() => this.active && this.#schedule()), POLL_MS);
  }

  async #poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const after = this.entries.at(-1)?.position ?? 0;
      const wire = await call('playState', {
        after: String(after),
        ...(this.#mapId === undefined ? {} : { map: String(this.#mapId) }),
      });
      const snapshot = wire && snapshotFromWire(wire, { snapshot: this.snapshot, mapId: this.#mapId });
      if (!wire || !snapshot) {
        // Nothing to show, or a map this page does not hold: the next poll asks for it whole.
        this.#mapId = undefined;
        return;
      }
      this.#mapId = wire.mapId;
      const fresh = snapshot.entries.filter((e) => e.position > after);
      this.snapshot = snapshot;
      if (fresh.length > 0) {
        this.entries = [...this.entries, ...fresh];
        if (this.replayAt === undefined) this.#flash(fresh.flatMap((e) => e.elementIds));
      }
      const missing = this.shownModels.some((m) => !this.rows.has(`${m.contextId}/${m.type}`));
      if (snapshot.status === 'running' && (fresh.length > 0 || missing)) await this.#loadRows();
    } catch {
      // The host is busy or restarting; the next poll asks again.
    } finally {
      this.#polling = false;
    }
  }

  async #loadRows(): Promise<void> {
    const next = new Map(this.rows);
    for (const model of this.shownModels) {
      const rows = await call('playRows', { context: model.contextId, model: model.type });
      next.set(`${model.contextId}/${model.type}`, { ...rows, rows: rows.rows.slice(0, PLAY_ROWS_SHOWN) });
    }
    this.rows = next;
  }

  #flash(ids: readonly string[]): void {
    clearTimeout(this.#flashTimer);
    this.lit = new Set(ids);
    if (this.replayAt === undefined) this.#flashTimer = setTimeout(() => (this.lit = new Set()), FLASH_MS);
  }
}

const SESSIONS = new WeakMap<Workbench, PlaySession>();

/** The play of this app (one per page). */
export function playOf(app: Workbench): PlaySession {
  let session = SESSIONS.get(app);
  if (!session) SESSIONS.set(app, (session = new PlaySession(app)));
  return session;
}
