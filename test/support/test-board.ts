/// <reference types="svelte" />
// The store is a runes module: the reference gives the root tsc the runes' declarations, and
// vitest.config.ts compiles it with the Svelte plugin, so it runs here in Node without a browser.
import { expect } from 'vitest';
import type { Edge } from '../../model/board/edit.ts';
import type { Board, Context, Element, ElementKind } from '../../model/board/types.ts';
import { BoardStore, type LiveBinding } from '../../renderer/src/store/board-store.svelte.ts';

/** Where a sticky or frame lands, in board units (snapped to the grid by the edit rules). */
export interface Point {
  x: number;
  y: number;
}

/** A sticky as a person reads it: its context by name rather than by id. */
export type StickyView = Omit<Element, 'context'> & { context?: string };

/**
 * A headless driver over the board store (after tldraw's `TestEditor`): every change is the
 * store's own named method, called the way the canvas and the commands call it, and stickies,
 * frames and links are named by what the workshop wrote on them, not by their random ids. The
 * actions chain; the getters and `expect…` helpers speak of the board in the same words.
 *
 *   new TestBoard().place('command', 'Place order').place('aggregate', 'Order', { x: 240, y: 0 })
 *     .link('Place order', 'Order').undo().expectLinks([])
 */
export class TestBoard {
  readonly store: BoardStore;

  constructor(board?: Board) {
    this.store = new BoardStore();
    if (board) this.store.load(board, undefined);
  }

  // ---- actions: each is one user action, one undo step unless it changes nothing (`place` is two: place, then type) ----

  /** Places a sticky of a kind (at `at`, or to the right of everything on the board) and names it. */
  place(kind: ElementKind, name: string, at: Point = this.#rightOfAll()): this {
    const element = this.store.place(kind, at);
    if (name !== '') this.store.renameItem(element.id, name);
    return this;
  }

  /**
   * Places a sticky named as it is placed: one step, as a paste or a recovered board would give.
   * `place` above takes two steps (place, then type the name), as a person does.
   */
  placeNamed(kind: ElementKind, name: string, at: Point = this.#rightOfAll()): this {
    this.store.place(kind, at, name);
    return this;
  }

  link(from: string, to: string): this {
    this.store.link(this.idOf(from), this.idOf(to));
    return this;
  }

  /** Moves stickies or frames (a frame carries its stickies) to the given positions, as one drag. */
  move(moves: Readonly<Record<string, Point>>): this {
    this.store.move(Object.entries(moves).map(([name, to]) => ({ id: this.idOf(name), ...to })));
    return this;
  }

  /** Moves a sticky or frame by a distance, as an arrow key or a drag does. */
  moveBy(name: string, dx: number, dy: number): this {
    const item = this.#item(name);
    return this.move({ [name]: { x: item.x + dx, y: item.y + dy } });
  }

  resize(name: string, bounds: { x: number; y: number; width: number; height: number }): this {
    this.store.resize(this.idOf(name), bounds);
    return this;
  }

  /** Renames a sticky or a frame. */
  rename(name: string, to: string): this {
    this.store.renameItem(this.idOf(name), to);
    return this;
  }

  /** Draws a bounded context around the named stickies (`B` on the canvas); it becomes the selection. */
  group(context: string, members: readonly string[], fallback: Point = { x: 0, y: 0 }): this {
    this.store.addContext(
      context,
      members.map((m) => this.idOf(m)),
      fallback,
    );
    return this;
  }

  delete(...names: string[]): this {
    this.store.delete(names.map((n) => this.idOf(n)));
    return this;
  }

  select(...names: string[]): this {
    this.store.select(names.map((n) => this.idOf(n)));
    return this;
  }

  /** Lines up the selection on an edge of the first selected sticky. */
  align(edge: Edge): this {
    this.store.align(edge);
    return this;
  }

  /** Adds shifted copies of the named stickies and the links among them, as paste and duplicate do. */
  copy(names: readonly string[], offset: number, step: 'paste' | 'duplicate' = 'paste'): this {
    const ids = new Set(names.map((n) => this.idOf(n)));
    const elements = this.store.board.elements.filter((e) => ids.has(e.id));
    this.store.insertCopies(
      elements,
      this.store.board.links.filter((l) => ids.has(l.from) && ids.has(l.to)),
      offset,
      step,
    );
    return this;
  }

  /** Runs several actions as one user action (one undo step named `name`). */
  transaction(name: string, run: (board: this) => void): this {
    this.store.transaction(name, () => run(this));
    return this;
  }

  undo(times = 1): this {
    for (let i = 0; i < times; i++) this.store.undo();
    return this;
  }

  redo(times = 1): this {
    for (let i = 0; i < times; i++) this.store.redo();
    return this;
  }

  /** Puts the store in a workshop: the binding receives every change and owns undo. */
  bindLive(live: LiveBinding | undefined): this {
    this.store.bindLive(live);
    return this;
  }

  // ---- typed getters ----

  get board(): Board {
    return this.store.board;
  }

  /** The stickies' names, in board order. */
  get names(): string[] {
    return this.store.board.elements.map((e) => e.name);
  }

  /** A sticky by name, its context by name too. */
  sticky(name: string): StickyView {
    const element = this.#element(name);
    const { context, ...rest } = element;
    return context === undefined ? rest : { ...rest, context: this.#nameOf(context) };
  }

  context(name: string): Context {
    const context = this.store.board.contexts.find((c) => c.name === name);
    if (!context)
      throw new Error(
        `No context is named "${name}"; the board has ${JSON.stringify(this.store.board.contexts.map((c) => c.name))}.`,
      );
    return context;
  }

  /** The names of the stickies inside a context, in board order. */
  membersOf(context: string): string[] {
    const id = this.context(context).id;
    return this.store.board.elements.filter((e) => e.context === id).map((e) => e.name);
  }

  /** Every link as `[from, to]` by the stickies' names. */
  get links(): Array<[string, string]> {
    return this.store.board.links.map((l) => [this.#nameOf(l.from), this.#nameOf(l.to)]);
  }

  /** The selection by name, in the order it was selected. */
  get selected(): string[] {
    return this.store.selection.map((id) => this.#nameOf(id));
  }

  /** What undo and redo would do now, by the names of their steps. */
  get history(): { undo: string | undefined; redo: string | undefined; canUndo: boolean; canRedo: boolean } {
    return {
      undo: this.store.undoName,
      redo: this.store.redoName,
      canUndo: this.store.canUndo,
      canRedo: this.store.canRedo,
    };
  }

  /** The linter's findings on the board as it is now, as `rule: message`. */
  get problems(): string[] {
    return this.store.problems.map((p) => `${p.rule}: ${p.message}`);
  }

  /** The id of the one sticky, frame or link end named `name`. */
  idOf(name: string): string {
    const stickies = this.store.board.elements.filter((e) => e.name === name);
    const contexts = this.store.board.contexts.filter((c) => c.name === name);
    const found = [...stickies, ...contexts];
    if (found.length === 1) return found[0]!.id;
    const all = [...this.store.board.elements, ...this.store.board.contexts].map((i) => i.name);
    throw new Error(
      found.length === 0
        ? `Nothing on the board is named "${name}"; it has ${JSON.stringify(all)}.`
        : `${found.length} items are named "${name}": name them apart.`,
    );
  }

  // ---- expectations in the board's words ----

  /** The sticky has these fields (context by name; `context: undefined` means in no context). */
  expectSticky(name: string, fields: Partial<StickyView>): this {
    const sticky = this.sticky(name);
    const picked = Object.fromEntries(Object.keys(fields).map((k) => [k, sticky[k as keyof StickyView]]));
    expect(picked, `the sticky "${name}"`).toEqual(fields);
    return this;
  }

  /** The board holds exactly these stickies, by name, in board order. */
  expectNames(names: readonly string[]): this {
    expect(this.names, 'the stickies on the board').toEqual(names);
    return this;
  }

  /** The board holds exactly these links, as `[from, to]` by name. */
  expectLinks(links: ReadonlyArray<readonly [string, string]>): this {
    expect(this.links, 'the links on the board').toEqual(links);
    return this;
  }

  expectSelected(names: readonly string[]): this {
    expect(this.selected, 'the selection').toEqual(names);
    return this;
  }

  /** The next undo (and redo) step, by name; `undefined` when there is none. */
  expectHistory(undo: string | undefined, redo: string | undefined = undefined): this {
    expect({ undo: this.store.undoName, redo: this.store.redoName }, 'the undo and redo steps').toEqual({ undo, redo });
    return this;
  }

  #element(name: string): Element {
    const id = this.idOf(name);
    const element = this.store.elementById.get(id);
    if (!element) throw new Error(`"${name}" is a context, not a sticky.`);
    return element;
  }

  #item(name: string): Element | Context {
    const id = this.idOf(name);
    return this.store.elementById.get(id) ?? this.context(name);
  }

  #nameOf(id: string): string {
    const named = this.store.elementById.get(id) ?? this.store.board.contexts.find((c) => c.id === id);
    if (named) return named.name;
    const link = this.store.board.links.find((l) => l.id === id);
    if (link) return `${this.#nameOf(link.from)} → ${this.#nameOf(link.to)}`;
    throw new Error(`Nothing on the board has the id "${id}".`);
  }

  /** Where a palette click puts a sticky after the last one: to the right of everything. */
  #rightOfAll(): Point {
    const right = Math.max(0, ...this.store.board.elements.map((e) => e.x + e.width + 40));
    return { x: right, y: 0 };
  }
}
