import { historyOwner, versionsOf } from '../../model/board/events.ts';
import { serializeBoard } from '../../model/board/serialize.ts';
import { parseBoard } from '../../model/board/load.ts';
import type { Board, Element, ElementKind, Link } from '../../model/board/types.ts';
import { call, HostFailure } from './host.ts';
import type { RecoveryEntry } from '../../contract/host-results.ts';
import { BoardStore } from './store/board-store.svelte.ts';
import { emptyBoard, SIZE_OF, snap } from '../../model/board/edit.ts';
import { Theme } from './theme.svelte.ts';
import { freeSpot } from '../../model/board/placement.ts';
import { WorkshopSession } from './workshop/session.svelte.ts';
import { workerLinter } from './store/worker-linter.ts';
import { playOf } from './play/play-session.svelte.ts';
import {
  facilitatorAccess,
  joinsAsFacilitator,
  participantAccess,
  socketUrlOf,
  type WorkshopAccess,
} from './workshop/links.ts';

/** A workshop this page takes part in: before the name is chosen, `session` is undefined. */
export interface Workshop extends WorkshopAccess {
  session?: WorkshopSession;
}

/** What the canvas lends the rest of the app: where the view is, and how to move it. */
export interface FlowApi {
  /** The canvas point at the centre of the visible area. */
  viewCenter(): { x: number; y: number };
  centerOn(x: number, y: number): void;
  /** Sets the view to show a whole board at once, before that board is loaded. */
  showWhole(board: Board): void;
  /** Fits the given stickies (or the whole board) in the view. */
  fit(ids?: readonly string[]): void;
  zoomIn(): void;
  zoomOut(): void;
  /** The view's pan and zoom, for the bench and for restoring a view. */
  viewport(): { x: number; y: number; zoom: number };
  setViewport(viewport: { x: number; y: number; zoom: number }): void;
  /** Pans (without zooming) just enough to show the box. */
  keepInView(x: number, y: number, width: number, height: number): void;
}

export type Dialog = 'open' | 'saveAs' | 'help' | 'diff' | 'generate' | 'palette' | 'attach' | undefined;

/** Two versions of one event, compared side by side in the diff view. */
export interface DiffTarget {
  eventId: string;
  from: number;
  to: number;
  /** A difference's path (JSON pointer) to scroll both sides to when the view opens. */
  focus?: string;
}

const AUTOSAVE_DELAY_MS = 800;
const NOTICE_FADE_MS = 12_000;
const UNTITLED = 'untitled';
/** sessionStorage (per tab, kept on reload): the join token of the workshop this tab facilitates. */
const FACILITATING = 'stormbench.facilitating';

/**
 * The app around the board: files, the host, dialogs, the clipboard. The board itself lives in
 * `store`; this class only calls its methods.
 */
export class Workbench {
  readonly store = new BoardStore();
  /** Light or dark (model/theme/tokens.ts), the system's unless the user chose. */
  readonly theme = new Theme();
  mode = $state<'browser' | 'electron'>('browser');
  folder = $state('');
  /** A board that failed to load: the loader's message is shown, the file is left alone. */
  loadError = $state<{ name: string; message: string } | undefined>(undefined);
  recoveries = $state.raw<readonly RecoveryEntry[]>([]);
  dialog = $state<Dialog>(undefined);
  notice = $state<{ text: string; error: boolean } | undefined>(undefined);
  ready = $state(false);
  flow: FlowApi | undefined;
  workshop = $state.raw<Workshop | undefined>(undefined);
  /** Stop hosting was asked for and waits for the facilitator to confirm it (it ends the workshop for the room). */
  stopAsked = $state(false);
  /** The host refused this page its operations (a server reachable from the network, no key). */
  refused = $state<string | undefined>(undefined);
  /** The schema dock under the canvas (schemas, versions, scenarios of the selected sticky). */
  dockOpen = $state(true);
  /** What the diff view compares while `dialog` is 'diff'. */
  diff = $state.raw<DiffTarget | undefined>(undefined);
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  #clipboard: { elements: Element[]; links: Link[] } | undefined;
  #pasteCount = 0;
  #lastPlaced: string | undefined;
  #autosaveTimer: ReturnType<typeof setTimeout> | undefined;

  readonly title = $derived(
    `${this.store.dirty ? '• ' : ''}${this.store.board.name}${this.store.file ? ` (${this.store.file})` : ''} — Stormbench`,
  );

  async start(): Promise<void> {
    // Big boards are linted in a Web Worker: opening one then shows it without waiting for the linter.
    this.store.useLinter(workerLinter());
    try {
      const params = new URLSearchParams(location.search);
      // A participant's page asks the host nothing: on a server reachable from the network its
      // operations answer only the facilitator; the join link is all a participant has.
      const participant = participantAccess(location.search);
      if (participant) {
        this.workshop = participant;
        const name = params.get('name');
        if (name) this.joinWorkshop(name);
        this.ready = true;
        return;
      }
      const session = await call('session', {});
      this.mode = session.mode;
      this.folder = session.folder;
      if (session.workshop) {
        // A second tab on the plain address would otherwise become a second facilitator unasked.
        const access = facilitatorAccess(session.workshop, location.origin);
        if (joinsAsFacilitator(session.workshop, sessionStorage.getItem(FACILITATING))) {
          this.workshop = access;
          this.joinWorkshop(params.get('name') ?? 'Facilitator');
        } else this.workshop = { ...access, elsewhere: true };
        this.ready = true;
        return;
      }
      this.recoveries = (await call('listRecoveries', {})).entries;
      if (session.initial) await this.open(session.initial);
    } catch (error) {
      if (error instanceof HostFailure && error.status === 401) this.refused = error.message;
      else this.#fail(error);
    }
    this.ready = true;
  }

  /** Writes the board (as it is now, saved or not) for another tool into the board folder. */
  async exportFor(format: 'asyncapi' | 'eventcatalog' | 'report'): Promise<void> {
    try {
      const result = await call('exportBoard', { format, text: serializeBoard(this.store.board) });
      const notes = result.notes.length > 0 ? ` ${result.notes.join(' ')}` : '';
      this.say(
        `Exported ${result.files} file${result.files === 1 ? '' : 's'} to ${result.folder}/ in the board folder.${notes}`,
      );
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Hosts a workshop on the open board (saved first); this page becomes the facilitator's. */
  async hostWorkshop(): Promise<void> {
    if (this.workshop) return;
    if (!this.store.file) {
      this.say('Save the board first: a workshop hosts a board file.', true);
      this.dialog = 'saveAs';
      return;
    }
    if (this.store.dirty && !(await this.saveAs(this.store.file, true))) return;
    try {
      const hosted = await call('hostWorkshop', { name: this.store.file });
      this.workshop = facilitatorAccess(hosted, location.origin);
      this.joinWorkshop('Facilitator');
      this.say('Workshop started: share the join link.');
    } catch (error) {
      this.#fail(error);
    }
  }

  /**
   * Ends the workshop this page hosts: the host tells every participant (their pages keep a copy
   * to download), saves the board and closes the session; this page keeps the board, saved.
   */
  /** Asks before ending the workshop: one slip of a click must not end it for the whole room. */
  askStopHosting(): void {
    if (this.workshop?.role === 'facilitator' && this.workshop.session) this.stopAsked = true;
  }

  async stopHosting(): Promise<void> {
    const workshop = this.workshop;
    this.stopAsked = false;
    if (workshop?.role !== 'facilitator') return;
    try {
      const stopped = await call('stopWorkshop', {});
      workshop.session?.close();
      this.store.bindLive(undefined);
      this.store.markSaved(stopped.board);
      this.workshop = undefined;
      sessionStorage.removeItem(FACILITATING);
      this.say(
        `Stopped hosting: the participants were told, and ${stopped.board} is saved. The board stays open here.`,
      );
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Joins the workshop under a display name: the board comes from the session from now on. */
  joinWorkshop(name: string): void {
    const workshop = this.workshop;
    if (!workshop || workshop.session) return;
    if (workshop.role === 'facilitator' && workshop.joinToken) sessionStorage.setItem(FACILITATING, workshop.joinToken);
    this.store.load(
      emptyBoard(workshop.board.replace(/\.storm\.json$/, '') || 'Workshop'),
      workshop.board || undefined,
    );
    const session = new WorkshopSession(socketUrlOf(workshop, location), workshop.token, this.store, {
      role: workshop.role,
      name: name.trim().slice(0, 60) || 'Someone',
    });
    session.onFirstBoard = () => requestAnimationFrame(() => this.flow?.fit());
    if (workshop.role === 'participant') session.onPlay = (relay) => playOf(this).receive(relay);
    this.store.bindLive(session);
    const { elsewhere: _asked, ...joined } = workshop;
    this.workshop = { ...joined, session };
  }

  /** A workshop page stays on the workshop's board: the session would fight another one. */
  #inWorkshop(): boolean {
    const workshop = this.workshop;
    if (!workshop) return false;
    this.dialog = undefined;
    const board = workshop.board || "the workshop's board";
    if (workshop.elsewhere) {
      this.say(
        `This app hosts the workshop on ${board} in another tab or window: go back to that one, or press Facilitate here.`,
        true,
      );
    } else if (workshop.role === 'facilitator') {
      this.say(
        `This page hosts the workshop on ${board}: press Stop hosting in the workshop bar first, then open or start another board.`,
        true,
      );
    } else {
      this.say(
        `You are taking part in the workshop on ${board}: the facilitator's host keeps and saves it, so New and Open are not for this page (Download a copy keeps the board as it is).`,
        true,
      );
    }
    return true;
  }

  /**
   * Opens the diff view on two versions of an event: by default its current version against the
   * one before. Says why when there is nothing to compare.
   */
  openDiff(selectedId: string, from?: number, to?: number, focus?: string): void {
    // Any sticky of the event opens the history, which lives on the sticky that holds it.
    const identity = this.store.graph.identityOf(selectedId);
    const event = identity?.kind === 'event' ? (historyOwner(identity) ?? identity.stickies[0]) : undefined;
    const versions = identity && event ? versionsOf(identity) : [];
    if (!event || versions.length < 2) {
      this.say(
        event
          ? `"${event.name}" has ${versions.length} version${versions.length === 1 ? '' : 's'}: there is nothing to compare yet.`
          : 'Select an event to compare its versions.',
        true,
      );
      return;
    }
    const last = versions.at(-1)!.version;
    const right = to ?? last;
    const left = from ?? versions.filter((v) => v.version < right).at(-1)?.version ?? versions[0]!.version;
    this.diff = { eventId: event.id, from: left, to: right, focus };
    this.dialog = 'diff';
  }

  /**
   * Puts a sentence in the status bar. Reports fade after a while so an old "Saved" does not read
   * as news; errors stay until the next notice, since the user may need them to act.
   */
  say(text: string, error = false): void {
    this.notice = { text, error };
    clearTimeout(this.#noticeTimer);
    if (!error) this.#noticeTimer = setTimeout(() => (this.notice = undefined), NOTICE_FADE_MS);
  }

  #fail(error: unknown): void {
    this.say(error instanceof HostFailure || error instanceof Error ? error.message : String(error), true);
  }

  // ---- files ----

  newBoard(): void {
    if (this.#inWorkshop()) return;
    this.loadError = undefined;
    this.#lastPlaced = undefined;
    const board = emptyBoard();
    this.flow?.showWhole(board);
    this.store.load(board, undefined);
    this.dialog = undefined;
    this.say('New board.');
  }

  async open(name: string): Promise<void> {
    if (this.#inWorkshop()) return;
    try {
      const result = await call('openBoard', { name });
      this.dialog = undefined;
      if (!result.ok) {
        this.loadError = { name: result.name, message: result.message };
        return;
      }
      this.loadError = undefined;
      this.flow?.showWhole(result.board);
      this.store.load(result.board, result.name);
      this.say(`Opened ${result.name}.`);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** The desktop shell's native Open dialog moved the host to the file's folder; open it there. */
  async openFromShell(name: string): Promise<void> {
    try {
      this.folder = (await call('session', {})).folder;
    } catch (error) {
      this.#fail(error);
      return;
    }
    await this.open(name);
  }

  /** Saves to the board's file, or asks for a name when it has none. */
  async save(): Promise<void> {
    if (this.workshop?.session) {
      this.say('The host saves this board after every change.');
      return;
    }
    if (!this.store.file) {
      this.dialog = 'saveAs';
      return;
    }
    await this.saveAs(this.store.file, true);
  }

  async saveAs(name: string, overwrite: boolean): Promise<boolean> {
    const board = this.store.board;
    const previous = this.store.file;
    try {
      const saved = await call('saveBoard', { name, text: serializeBoard(board), overwrite });
      this.store.markSaved(saved.name, board);
      await this.#discard(previous ? previous : UNTITLED);
      if (previous !== saved.name) await this.#discard(saved.name);
      this.dialog = undefined;
      this.say(`Saved ${saved.name}.`);
      return true;
    } catch (error) {
      this.#fail(error);
      return false;
    }
  }

  async #discard(key: string): Promise<void> {
    clearTimeout(this.#autosaveTimer);
    await call('discardRecovery', { key }).catch(() => undefined);
    this.recoveries = this.recoveries.filter((r) => r.key !== key);
  }

  /** Called on every change of the board: keeps a recovery copy of unsaved work. */
  scheduleAutosave(): void {
    clearTimeout(this.#autosaveTimer);
    if (!this.store.dirty) return;
    const board = this.store.board;
    const file = this.store.file;
    this.#autosaveTimer = setTimeout(() => {
      void call('autosave', {
        key: file ?? UNTITLED,
        text: serializeBoard(board),
        ...(file ? { board: file } : {}),
      }).catch((error: unknown) => this.#fail(error));
    }, AUTOSAVE_DELAY_MS);
  }

  async restore(entry: RecoveryEntry): Promise<void> {
    try {
      const record = await call('getRecovery', { key: entry.key });
      if (!record) throw new Error(`The recovery copy of "${entry.title}" is gone.`);
      const parsed = parseBoard(record.text);
      if (!parsed.ok)
        throw new Error(`The recovery copy of "${entry.title}" does not load: ${parsed.errors[0]?.message ?? ''}`);
      this.loadError = undefined;
      // Unsaved by definition: the title shows the marker until the user saves.
      this.flow?.showWhole(parsed.board);
      this.store.load(parsed.board, record.board, { saved: false });
      this.recoveries = this.recoveries.filter((r) => r.key !== entry.key);
      this.say(`Restored unsaved work on "${entry.title}". Save to keep it.`);
    } catch (error) {
      this.#fail(error);
    }
  }

  async discardRecovery(entry: RecoveryEntry): Promise<void> {
    await this.#discard(entry.key);
  }

  // ---- stickies ----

  /**
   * Places a sticky: where it was dropped, or else at the free spot (model/board/placement.ts)
   * nearest to the right of the sticky placed last (the way a timeline grows on the wall), or to
   * the middle of the view. Never on top of a sticky already there, someone else's included.
   */
  place(kind: ElementKind, at?: { x: number; y: number }): void {
    const last = this.#lastPlaced ? this.store.elementById.get(this.#lastPlaced) : undefined;
    let spot = at;
    if (!spot) {
      const size = SIZE_OF[kind];
      const center = this.flow?.viewCenter() ?? { x: 0, y: 0 };
      const wanted = last
        ? { x: last.x + last.width + 40, y: last.y }
        : { x: center.x - size.width / 2, y: center.y - size.height / 2 };
      spot = freeSpot(this.store.board, size, wanted, snap);
    }
    const element = this.store.place(kind, spot);
    this.#lastPlaced = element.id;
    this.store.startEditing(element.id);
    // A drop lands where the pointer is; only a sticky placed by click or key may need the view to follow.
    if (!at) this.flow?.keepInView(element.x, element.y, element.width, element.height);
  }

  copy(): number {
    const ids = this.store.selectedSet;
    const elements = this.store.board.elements.filter((e) => ids.has(e.id));
    if (elements.length === 0) return 0;
    const inside = new Set(elements.map((e) => e.id));
    this.#clipboard = { elements, links: this.store.board.links.filter((l) => inside.has(l.from) && inside.has(l.to)) };
    this.#pasteCount = 0;
    return elements.length;
  }

  paste(): void {
    if (!this.#clipboard) return;
    this.#pasteCount++;
    this.store.insertCopies(this.#clipboard.elements, this.#clipboard.links, 40 * this.#pasteCount, 'paste');
  }

  cut(): void {
    if (this.copy() > 0) this.store.delete(this.store.selection);
  }

  duplicate(): void {
    const ids = this.store.selectedSet;
    const elements = this.store.board.elements.filter((e) => ids.has(e.id));
    const inside = new Set(elements.map((e) => e.id));
    this.store.insertCopies(
      elements,
      this.store.board.links.filter((l) => inside.has(l.from) && inside.has(l.to)),
      40,
      'duplicate',
    );
  }

  /** Centres the view on an element (from the problems panel) and selects it. */
  reveal(id: string): void {
    const element = this.store.elementById.get(id);
    const context = this.store.board.contexts.find((c) => c.id === id);
    const target = element ?? context;
    if (!target) return;
    this.store.select([id]);
    this.flow?.centerOn(target.x + target.width / 2, target.y + target.height / 2);
  }
}
