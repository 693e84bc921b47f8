import * as Y from 'yjs';
import { checkBoardItem, type BoardCollection } from '../board/load.ts';
import type { Board } from '../board/types.ts';
import { boardMaps, type BoardMaps } from './board-doc.ts';

// The session host's edge: every peer's update is applied inside one transaction together with
// the undoing of whatever part of it the board format would refuse, so the doc never holds (and
// the host never relays or saves) a board that does not load.
//
// Why undo rather than drop: a Yjs update cannot be left out. The peer's next updates build on
// its clock, so the host would hold them as pending forever and the peer would drift from
// everyone else. Applied and then overwritten by the host, the peer's items are in the history,
// its later edits integrate, and the undoing reaches it like any other change. Undoing in the
// same transaction means the update the others receive holds only the net result (the refused
// values are deleted before the update is encoded, so they are not even sent along).

const COLLECTIONS = ['contexts', 'elements', 'links'] as const;
const ROOTS = new Set<string>(['meta', 'order', ...COLLECTIONS]);
/** Fields of `meta` a peer may write; `file` is the host's (it names the file the host saves). */
const PEER_META = new Set(['name']);
const MAX_ITEM_CHARS = 200_000;

type Json = Record<string, unknown>;
/** Any shared type, as Yjs's transactions name them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Shared = Y.AbstractType<Y.YEvent<any>>;

/** The key of `Transaction.meta` that holds what a transaction undid, for the relay to see. */
export const UNDONE = Symbol('undone');

export class BoardGuard {
  readonly #maps: BoardMaps;
  /** The last version of each item that the format takes: what a refused change goes back to. */
  readonly #good: Record<BoardCollection, Map<string, Json>>;
  readonly #goodMeta: Map<string, unknown>;
  readonly #goodOrder: Map<string, unknown>;

  /** `doc` must hold `board` already (as writeBoard wrote it) and the host's own meta fields. */
  constructor(
    readonly doc: Y.Doc,
    board: Board,
  ) {
    this.#maps = boardMaps(doc);
    const byId = (items: readonly { id: string }[]) => new Map(items.map((item) => [item.id, item as unknown as Json]));
    this.#good = { contexts: byId(board.contexts), elements: byId(board.elements), links: byId(board.links) };
    this.#goodMeta = new Map(this.#maps.meta.entries());
    this.#goodOrder = new Map(this.#maps.order.entries());
  }

  /**
   * Refuses, before it touches the doc, an update that writes outside the board's five maps:
   * nothing reads those, so they could only grow the doc, and the host could not undo them.
   */
  check(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): void {
    for (const struct of structs) {
      // A decoded item names its root by name; the types (ID | AbstractType) leave that out.
      const parent: unknown = struct instanceof Y.Item ? struct.parent : null;
      if (typeof parent === 'string' && !ROOTS.has(parent))
        throw new Error(`a change outside the board (${JSON.stringify(parent.slice(0, 40))})`);
    }
  }

  /**
   * Applies a peer's update; what would make the board invalid is undone in the same transaction.
   * Returns one sentence per undone item (none when everything was taken).
   */
  apply(update: Uint8Array, origin: unknown): string[] {
    let undone: string[] = [];
    this.doc.transact((transaction) => {
      Y.applyUpdate(this.doc, update, origin);
      undone = this.#settle(transaction);
      if (undone.length > 0) {
        transaction.meta.set(UNDONE, undone);
        // applyUpdate marks the transaction remote; one that also holds writes under the doc's
        // own client id, Yjs takes for a clash of ids and gives the doc a new one (and a warning).
        transaction.local = true;
      }
    }, origin);
    return undone;
  }

  #settle(transaction: Y.Transaction): string[] {
    // By the root map's identity: the changed item's key under elements, contexts, links, meta or order.
    const touched = new Map<object, Set<string>>();
    const touch = (root: object, key: string) => {
      let keys = touched.get(root);
      if (!keys) touched.set(root, (keys = new Set()));
      keys.add(key);
    };
    for (const [type, keys] of transaction.changed) {
      // List content: nothing in the board is a list, so whatever a peer put there is dropped.
      if (keys.has(null)) dropListContent(type, transaction);
      if (type._item === null) {
        for (const key of keys) if (key !== null) touch(type, key);
        continue;
      }
      // A change inside an item (a field of a sticky, or deeper): the item under its root is touched.
      let child: Shared = type;
      while (child._item !== null && (child._item.parent as Shared)._item !== null)
        child = child._item.parent as Shared;
      if (child._item !== null && child._item.parentSub !== null)
        touch(child._item.parent as Shared, child._item.parentSub);
    }
    const undone: string[] = [];
    for (const collection of COLLECTIONS) {
      for (const id of touched.get(this.#maps[collection]) ?? []) {
        const problem = this.#checkItem(collection, id);
        if (problem) {
          this.#restoreItem(collection, id);
          undone.push(problem);
        }
      }
    }
    for (const key of touched.get(this.#maps.meta) ?? []) {
      const value = this.#maps.meta.get(key);
      if (PEER_META.has(key) && typeof value === 'string' && value.length <= MAX_ITEM_CHARS)
        this.#goodMeta.set(key, value);
      else if (value !== this.#goodMeta.get(key)) {
        restoreKey(this.#maps.meta, key, this.#goodMeta.get(key));
        undone.push(
          key === 'name'
            ? "The board's name must be text."
            : `The board's "${key.slice(0, 40)}" is the host's to write.`,
        );
      }
    }
    for (const key of touched.get(this.#maps.order) ?? []) {
      const value = this.#maps.order.get(key);
      if (value === undefined) this.#goodOrder.delete(key);
      else if (typeof value === 'number' && Number.isFinite(value) && key.length <= 200)
        this.#goodOrder.set(key, value);
      else {
        restoreKey(this.#maps.order, key, this.#goodOrder.get(key));
        undone.push('The order of the stickies must be numbers.');
      }
    }
    return undone;
  }

  /** A sentence when the item the doc now holds under `id` is not one the format takes. */
  #checkItem(collection: BoardCollection, id: string): string | undefined {
    const entry = this.#maps[collection].get(id);
    if (entry === undefined) {
      // Deleting is always allowed; links to a deleted sticky are left out by readBoard.
      this.#good[collection].delete(id);
      return undefined;
    }
    const noun = collection === 'contexts' ? 'frame' : collection === 'links' ? 'link' : 'sticky';
    if (!(entry instanceof Y.Map)) return `The ${noun} ${JSON.stringify(id.slice(0, 200))} was not written as one.`;
    const value = entry.toJSON() as Json;
    if (value.id !== id) return `The ${noun} ${JSON.stringify(id.slice(0, 200))} has an "id" other than its own.`;
    if (JSON.stringify(value).length > MAX_ITEM_CHARS)
      return `The ${noun} ${JSON.stringify(id.slice(0, 200))} is larger than ${MAX_ITEM_CHARS.toLocaleString('en')} characters.`;
    const problem = checkBoardItem(collection, value);
    if (problem === undefined) this.#good[collection].set(id, value);
    return problem;
  }

  /** Puts the item back as it last was when valid, or deletes it if it never was. */
  #restoreItem(collection: BoardCollection, id: string): void {
    const map = this.#maps[collection];
    const good = this.#good[collection].get(id);
    const current = map.get(id);
    if (good === undefined) map.delete(id);
    else if (!(current instanceof Y.Map)) map.set(id, new Y.Map(Object.entries(good)));
    else {
      for (const key of [...current.keys()]) if (!Object.hasOwn(good, key)) current.delete(key);
      for (const [key, value] of Object.entries(good)) restoreKey(current, key, value);
    }
  }
}

/** Sets `key` back to `value` (deletes it when undefined), unless it already holds that. */
function restoreKey(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (value === undefined) {
    if (map.has(key)) map.delete(key);
    return;
  }
  const now = map.get(key);
  if (!(now instanceof Y.AbstractType) && (now === value || JSON.stringify(now) === JSON.stringify(value))) return;
  map.set(key, value);
}

/**
 * Deletes the list part of a map. Y.Map has no API for it (a well-behaved peer never writes
 * one), so this walks the type's item list as Yjs's own list types do.
 */
function dropListContent(type: Shared, transaction: Y.Transaction): void {
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) item.delete(transaction);
}
