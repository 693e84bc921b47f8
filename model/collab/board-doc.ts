import * as Y from 'yjs';
import type { Board, Context, Element, Link } from '../board/types.ts';

// The board inside a Y.Doc, shared by the app (renderer/) and the session server (electron/host/).
//
// Each sticky, frame and link is a Y.Map of its fields (x, y, name, text, context, …) under its
// id in its collection's map, so concurrent edits merge per field: one person moving a sticky
// while another renames it keeps both. Nested JSON (versions, schema, scenarios) is one value per
// field: two edits of the same field at once end with the last writer's value on every peer.
// `order` gives each id a number when it is created, so every peer derives the same array order
// (ties broken by id).

const KINDS = new Set(['event', 'command', 'aggregate', 'policy', 'readModel', 'externalSystem', 'actor', 'hotspot']);
const MAX_ITEM_CHARS = 200_000;

export interface BoardMaps {
  meta: Y.Map<unknown>;
  elements: Y.Map<unknown>;
  contexts: Y.Map<unknown>;
  links: Y.Map<unknown>;
  order: Y.Map<unknown>;
}

export function boardMaps(doc: Y.Doc): BoardMaps {
  return {
    meta: doc.getMap('meta'),
    elements: doc.getMap('elements'),
    contexts: doc.getMap('contexts'),
    links: doc.getMap('links'),
    order: doc.getMap('order'),
  };
}

/** Writes the difference between two boards into the doc, as one Yjs transaction. */
export function writeBoard(doc: Y.Doc, before: Board | undefined, after: Board, origin: unknown): void {
  const maps = boardMaps(doc);
  doc.transact(() => {
    if (!before || before.name !== after.name) maps.meta.set('name', after.name);
    let next = nextOrder(maps.order);
    const sync = <T extends { id: string }>(map: Y.Map<unknown>, was: readonly T[], now: readonly T[]) => {
      if (was === now) return;
      const old = new Map(was.map((item) => [item.id, item]));
      for (const item of now) {
        const previous = old.get(item.id);
        old.delete(item.id);
        if (previous === item) continue;
        writeFields(
          map,
          item as unknown as Record<string, unknown> & { id: string },
          previous as unknown as Record<string, unknown> | undefined,
        );
        if (!maps.order.has(item.id)) maps.order.set(item.id, next++);
      }
      for (const id of old.keys()) {
        map.delete(id);
        maps.order.delete(id);
      }
    };
    sync(maps.contexts, before?.contexts ?? [], after.contexts);
    sync(maps.elements, before?.elements ?? [], after.elements);
    sync(maps.links, before?.links ?? [], after.links);
  }, origin);
}

/**
 * Writes only the fields that changed since `previous` (this page's last view of the item), so a
 * field someone else changed meanwhile is left to them. An item the doc does not hold as a map
 * (new, deleted by someone else, or written by a hostile peer) is written whole.
 */
function writeFields(
  map: Y.Map<unknown>,
  item: Record<string, unknown> & { id: string },
  previous: Record<string, unknown> | undefined,
): void {
  const current = map.get(item.id);
  if (!(current instanceof Y.Map) || previous === undefined) {
    const fields = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(item)) if (value !== undefined) fields.set(key, value);
    map.set(item.id, fields);
    return;
  }
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined || value === previous[key] || sameJson(value, previous[key])) continue;
    current.set(key, value);
  }
  for (const key of Object.keys(previous)) {
    if (item[key] === undefined && previous[key] !== undefined) current.delete(key);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof b === 'object' &&
    b !== null &&
    JSON.stringify(a) === JSON.stringify(b)
  );
}

function nextOrder(order: Y.Map<unknown>): number {
  let max = 0;
  for (const value of order.values()) if (typeof value === 'number' && value > max) max = value;
  return max + 1;
}

/**
 * Each item's plain object and whether it is well-formed, kept until its map changes: unchanged
 * stickies keep their identity from one read to the next (the canvas redraws only what changed),
 * and a big board is not re-checked whole on every keystroke of a participant.
 */
type Read = { value: Record<string, unknown>; ok: boolean };
const cache = new WeakMap<Y.Doc, WeakMap<object, Read>>();

function readsOf(doc: Y.Doc): WeakMap<object, Read> {
  let reads = cache.get(doc);
  if (!reads) {
    const fresh = new WeakMap<object, Read>();
    // Runs before the doc's 'update' event, so a reader in an update handler sees the change.
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) fresh.delete(type);
    });
    cache.set(doc, fresh);
    reads = fresh;
  }
  return reads;
}

/**
 * The board the doc holds. Entries that are not well-formed (a hostile or buggy peer) are left
 * out rather than shown, so every peer derives the same, loadable board.
 */
export function readBoard(doc: Y.Doc, base: Pick<Board, 'format' | 'formatVersion'> & Record<string, unknown>): Board {
  const maps = boardMaps(doc);
  const reads = readsOf(doc);
  const ordered = <T>(map: Y.Map<unknown>, valid: (value: Record<string, unknown>) => boolean): T[] => {
    const found: Array<{ key: number; id: string; value: T }> = [];
    for (const [id, entry] of map.entries()) {
      if (!(entry instanceof Y.Map)) continue;
      let read = reads.get(entry);
      if (!read) {
        const value = entry.toJSON() as Record<string, unknown>;
        read = { value, ok: value.id === id && valid(value) };
        reads.set(entry, read);
      }
      if (!read.ok) continue;
      const key = maps.order.get(id);
      found.push({ key: typeof key === 'number' ? key : Number.MAX_SAFE_INTEGER, id, value: read.value as T });
    }
    found.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return found.map((i) => i.value);
  };
  const contexts = ordered<Context>(maps.contexts, (c) => typeof c.name === 'string' && boxed(c));
  const elements = ordered<Element>(
    maps.elements,
    (e) => typeof e.kind === 'string' && KINDS.has(e.kind) && typeof e.name === 'string' && boxed(e),
  );
  const elementIds = new Set(elements.map((e) => e.id));
  const links = ordered<Link>(
    maps.links,
    (l) => typeof l.from === 'string' && typeof l.to === 'string' && small(l),
  ).filter((l) => elementIds.has(l.from) && elementIds.has(l.to));
  const name = maps.meta.get('name');
  return { ...base, name: typeof name === 'string' ? name : 'Untitled board', contexts, elements, links } as Board;
}

function boxed(value: Record<string, unknown>): boolean {
  return (
    ['x', 'y', 'width', 'height'].every((k) => typeof value[k] === 'number' && Number.isFinite(value[k])) &&
    small(value)
  );
}

function small(value: Record<string, unknown>): boolean {
  return typeof value.id === 'string' && value.id.length <= 200 && JSON.stringify(value).length <= MAX_ITEM_CHARS;
}
