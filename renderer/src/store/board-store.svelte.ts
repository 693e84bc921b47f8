import { BoardGraph } from '../../../model/board/graph.ts';
import { lintBoard } from '../../../model/lint/lint.ts';
import type { Problem } from '../../../model/lint/problem.ts';
import type { Board, Context, Element, ElementKind, Link } from '../../../model/board/types.ts';
import * as ops from '../../../model/board/edit.ts';

/** Undo keeps this many steps; boards share unchanged parts, so each step costs little. */
const HISTORY_LIMIT = 500;
/** Boards up to this many stickies are linted on every change; bigger ones a moment after. */
const LINT_AT_ONCE_BELOW = 400;
const LINT_DELAY_MS = 250;

/**
 * Lints a board away from the page's thread and calls `done` with its problems, or `fallback`
 * when it cannot (the store then lints the board itself).
 */
export type Linter = (board: Board, done: (problems: Problem[]) => void, fallback: () => void) => void;

interface HistoryStep {
  name: string;
  board: Board;
  selection: readonly string[];
}

/**
 * A live workshop session behind the store: it receives each user action as the boards before
 * and after it, and takes over undo and redo (which then undo only this person's changes).
 */
export interface LiveBinding {
  push(before: Board, after: Board): void;
  undo(): void;
  redo(): void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** The facilitator locked the board: changes are refused. */
  readonly readOnly: boolean;
}

/**
 * The board's live state, and the only way to change it. Every method is one small, named change
 * that becomes one undo step (or part of the step of the `transaction` around it). Keeping all
 * writes here is what lets a CRDT (Yjs) back the board later without touching the canvas.
 */
export class BoardStore {
  /** The board as it is now: an immutable value, replaced on every change. */
  board = $state.raw<Board>(ops.emptyBoard());
  /** The board file it came from or was saved to, inside the host's board folder. */
  file = $state<string | undefined>(undefined);
  /** Ids of the selected stickies, frames and links, in the order they were selected. */
  selection = $state.raw<readonly string[]>([]);
  /** The sticky or frame whose name is being typed in place. */
  editing = $state<string | undefined>(undefined);
  /** The name of the last change, for the status bar and the tests. */
  lastChange = $state('');

  #saved = $state.raw<Board>(this.board);
  /** Each step keeps the selection of its moment, so undo and redo bring back what was selected. */
  #undo = $state.raw<ReadonlyArray<HistoryStep>>([]);
  #redo = $state.raw<ReadonlyArray<HistoryStep>>([]);
  #transaction: { name: string; before: Board } | undefined;
  #live = $state.raw<LiveBinding | undefined>(undefined);

  /** In a workshop the host saves the board, so there is never unsaved work here. */
  readonly dirty = $derived(this.#live ? false : this.board !== this.#saved);
  readonly canUndo = $derived(this.#live ? this.#live.canUndo : this.#undo.length > 0);
  readonly canRedo = $derived(this.#live ? this.#live.canRedo : this.#redo.length > 0);
  readonly readOnly = $derived(this.#live?.readOnly ?? false);
  readonly live = $derived(this.#live !== undefined);
  readonly undoName = $derived(this.#undo.at(-1)?.name);
  readonly redoName = $derived(this.#redo.at(-1)?.name);
  /**
   * The board the problems are about. On big boards linting takes a good part of a frame budget
   * (about 0.2 s for 1,000 stickies, seconds for 20,000), so it trails the edits by a moment
   * instead of delaying each drop, and runs in the linter given to `useLinter` (a Web Worker in
   * the app) when there is one; small boards are linted at once, on the page.
   */
  #linted = $state.raw<Board>(this.board);
  #lintTimer: ReturnType<typeof setTimeout> | undefined;
  #linter: Linter | undefined;
  /** What the linter answered, and for which board. */
  #found = $state.raw<{ board: Board; problems: Problem[] } | undefined>(undefined);
  readonly problems: Problem[] = $derived(
    this.#found?.board === this.#linted ? this.#found.problems : lintBoard(this.#linted),
  );
  readonly selectedSet = $derived(new Set(this.selection));
  readonly elementById = $derived(new Map(this.board.elements.map((e) => [e.id, e])));
  /** The board's identities and links, built once per change for every panel that reads them (lazily: only when read). */
  readonly graph = $derived(new BoardGraph(this.board));

  // ---- history ----

  /** Applies one pure change under a name; no-op changes leave no undo step. */
  #apply(name: string, change: (board: Board) => Board): boolean {
    if (this.#live?.readOnly) return false;
    const before = this.board;
    const next = change(before);
    if (next === before) return false;
    if (!this.#transaction && !this.#live) {
      this.#undo = [...this.#undo, { name, board: this.board, selection: this.selection }].slice(-HISTORY_LIMIT);
      this.#redo = [];
    }
    this.#set(next);
    if (!this.#transaction) this.#live?.push(before, next);
    this.lastChange = name;
    return true;
  }

  /** Every write of the board goes through here, so the linter follows it. */
  #set(board: Board): void {
    this.board = board;
    clearTimeout(this.#lintTimer);
    if (board.elements.length <= LINT_AT_ONCE_BELOW) this.#linted = board;
    else this.#lintTimer = setTimeout(() => this.#lintAside(), LINT_DELAY_MS);
  }

  /** Hands a big board to the linter, or lints it here when there is none (or it failed). */
  #lintAside(): void {
    const board = this.board;
    const here = () => {
      if (this.board !== board) return;
      this.#found = undefined;
      this.#linted = board;
    };
    if (!this.#linter) return here();
    this.#linter(
      board,
      (problems) => {
        // A later change is on its way to the linter already.
        if (this.board !== board) return;
        this.#found = { board, problems };
        this.#linted = board;
      },
      here,
    );
  }

  /** Where big boards are linted from now on (see `Linter`). */
  useLinter(linter: Linter | undefined): void {
    this.#linter = linter;
  }

  /** Runs several changes as one user action: one undo step, named after the action. */
  transaction<T>(name: string, run: () => T): T {
    if (this.#transaction) return run();
    const before = this.board;
    const selection = this.selection;
    this.#transaction = { name, before };
    try {
      return run();
    } finally {
      this.#transaction = undefined;
      if (this.board !== before && this.#live) {
        this.#live.push(before, this.board);
        this.lastChange = name;
      } else if (this.board !== before) {
        this.#undo = [...this.#undo, { name, board: before, selection }].slice(-HISTORY_LIMIT);
        this.#redo = [];
        this.lastChange = name;
      }
    }
  }

  undo(): void {
    if (this.#live) return this.#live.undo();
    const step = this.#undo.at(-1);
    if (!step) return;
    this.#undo = this.#undo.slice(0, -1);
    this.#redo = [...this.#redo, { name: step.name, board: this.board, selection: this.selection }];
    this.#set(step.board);
    this.lastChange = `undo ${step.name}`;
    this.selection = step.selection;
    this.#dropStaleSelection();
  }

  redo(): void {
    if (this.#live) return this.#live.redo();
    const step = this.#redo.at(-1);
    if (!step) return;
    this.#redo = this.#redo.slice(0, -1);
    this.#undo = [...this.#undo, { name: step.name, board: this.board, selection: this.selection }];
    this.#set(step.board);
    this.lastChange = `redo ${step.name}`;
    this.selection = step.selection;
    this.#dropStaleSelection();
  }

  // ---- documents ----

  /** Starts on another board (opened, new or recovered): history and selection start afresh. */
  load(board: Board, file: string | undefined, options: { saved?: boolean } = {}): void {
    // The board before's problems are not this one's: none until the linter answers.
    if (this.#linter && board.elements.length > LINT_AT_ONCE_BELOW) {
      this.#found = { board, problems: [] };
      this.#linted = board;
    }
    this.#set(board);
    this.#saved = options.saved === false ? ops.emptyBoard('\u0000never') : board;
    this.file = file;
    this.#undo = [];
    this.#redo = [];
    this.selection = [];
    this.editing = undefined;
    this.lastChange = 'open';
  }

  /** Joins a workshop: from now on the session carries every change (undefined leaves it). */
  bindLive(live: LiveBinding | undefined): void {
    this.#live = live;
    this.#undo = [];
    this.#redo = [];
  }

  /** A change that arrived from the workshop (another person, or this person's undo). */
  applyRemote(board: Board, name = 'remote change'): void {
    if (board === this.board) return;
    this.#set(board);
    this.lastChange = name;
    this.#dropStaleSelection();
  }

  /** Records that the current board is what the file now holds. */
  markSaved(file: string, board: Board = this.board): void {
    this.file = file;
    this.#saved = board;
  }

  // ---- selection (not undoable: it is a view of the board, not part of it) ----

  select(ids: readonly string[]): void {
    if (ids.length === this.selection.length && ids.every((id, i) => id === this.selection[i])) return;
    this.selection = ids;
  }

  selectAll(): void {
    this.select(this.board.elements.map((e) => e.id));
  }

  startEditing(id: string | undefined): void {
    this.editing = id;
  }

  #dropStaleSelection(): void {
    const ids = ops.idsOf(this.board);
    const kept = this.selection.filter((id) => ids.has(id));
    if (kept.length !== this.selection.length) this.selection = kept;
    if (this.editing && !ids.has(this.editing)) this.editing = undefined;
  }

  // ---- changes ----

  rename(name: string): void {
    this.#apply('rename board', (b) => (b.name === name ? b : { ...b, name }));
  }

  place(kind: ElementKind, at: { x: number; y: number }, name = ''): Element {
    const element = ops.makeElement(this.board, kind, at, name);
    this.#apply(`place ${kind}`, (b) => ops.addElements(b, [element]));
    this.selection = [element.id];
    return element;
  }

  renameItem(id: string, name: string): void {
    if (this.board.contexts.some((c) => c.id === id))
      this.#apply('rename context', (b) => ops.updateContext(b, id, { name }));
    else this.#apply('rename sticky', (b) => ops.updateElement(b, id, { name }));
  }

  updateElement(id: string, patch: Partial<Element>, name = 'edit sticky'): void {
    this.#apply(name, (b) => ops.updateElement(b, id, patch));
  }

  updateContext(id: string, patch: Partial<Context>, name = 'edit context'): void {
    this.#apply(name, (b) => ops.updateContext(b, id, patch));
  }

  updateLink(id: string, patch: Partial<Link>): void {
    this.#apply('edit link', (b) => ops.updateLink(b, id, patch));
  }

  move(moves: readonly ops.Move[]): void {
    this.#apply(moves.length === 1 ? 'move' : `move ${moves.length}`, (b) => ops.moveItems(b, moves));
  }

  resize(id: string, bounds: ops.Bounds): void {
    this.#apply('resize', (b) => ops.resizeItem(b, id, bounds));
  }

  delete(ids: readonly string[]): void {
    if (this.#apply(ids.length === 1 ? 'delete' : `delete ${ids.length}`, (b) => ops.deleteItems(b, new Set(ids))))
      this.#dropStaleSelection();
  }

  link(from: string, to: string): Link | undefined {
    let made: Link | undefined;
    this.#apply('link', (b) => {
      const { board, link } = ops.addLink(b, from, to);
      made = link;
      return board;
    });
    return made;
  }

  addContext(name: string, memberIds: readonly string[], fallback: { x: number; y: number }): Context {
    let made: Context | undefined;
    this.#apply('add context', (b) => {
      const result = ops.addContext(b, name, memberIds, fallback);
      made = result.context;
      return result.board;
    });
    this.selection = [made!.id];
    return made!;
  }

  align(edge: ops.Edge): void {
    this.#apply(`align ${edge}`, (b) => ops.alignItems(b, this.selection, edge));
  }

  /** Adds copies of stickies and their links; the copies become the selection. */
  insertCopies(elements: readonly Element[], links: readonly Link[], offset: number, name: string): void {
    const copies = ops.cloneItems(this.board, elements, links, offset);
    if (copies.elements.length === 0) return;
    this.#apply(name, (b) => ({
      ...b,
      elements: [...b.elements, ...copies.elements],
      links: [...b.links, ...copies.links],
    }));
    this.selection = copies.elements.map((e) => e.id);
  }
}
