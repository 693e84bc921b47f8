import * as Y from 'yjs';
import type { Board, Context, Element, Link } from '../board/types.ts';

// The board inside a Y.Doc, shared by the app (renderer/) and the session server (electron/host/).
//
// Each sticky, frame and link is one entry of a Y.Map keyed by its id, holding the item as plain
// JSON: concurrent edits of different items merge, concurrent edits of one item end with the last
// writer's version on every peer. `order` gives each id a number when it is created, so every peer
// derives the same array order (ties broken by id).

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
        map.set(item.id, item);
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

function nextOrder(order: Y.Map<unknown>): number {
  let max = 0;
  for (const value of order.values()) if (typeof value === 'number' && value > max) max = value;
  return max + 1;
}

/**
 * The board the doc holds. Entries that are not well-formed (a hostile or buggy peer) are left
 * out rather than shown, so every peer derives the same, loadable board.
 */
export function readBoard(doc: Y.Doc, base: Pick<Board, 'format' | 'formatVersion'> & Record<string, unknown>): Board {
  const maps = boardMaps(doc);
  const ordered = <T>(map: Y.Map<unknown>, valid: (id: string, value: Record<string, unknown>) => boolean): T[] => {
    const items: Array<{ key: number; id: string; value: T }> = [];
    for (const [id, value] of map.entries()) {
      if (!isRecord(value) || value.id !== id || !valid(id, value)) continue;
      const key = maps.order.get(id);
      items.push({ key: typeof key === 'number' ? key : Number.MAX_SAFE_INTEGER, id, value: value as T });
    }
    items.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return items.map((i) => i.value);
  };
  const contexts = ordered<Context>(maps.contexts, (_id, c) => typeof c.name === 'string' && boxed(c));
  const elements = ordered<Element>(maps.elements, (_id, e) => typeof e.kind === 'string' && KINDS.has(e.kind) && typeof e.name === 'string' && boxed(e));
  const elementIds = new Set(elements.map((e) => e.id));
  const links = ordered<Link>(maps.links, (_id, l) => typeof l.from === 'string' && typeof l.to === 'string' && elementIds.has(l.from) && elementIds.has(l.to));
  const name = maps.meta.get('name');
  return { ...base, name: typeof name === 'string' ? name : 'Untitled board', contexts, elements, links } as Board;
}

function boxed(value: Record<string, unknown>): boolean {
  return ['x', 'y', 'width', 'height'].every((k) => typeof value[k] === 'number' && Number.isFinite(value[k])) && (value.id as string).length <= 200 && JSON.stringify(value).length <= MAX_ITEM_CHARS;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
