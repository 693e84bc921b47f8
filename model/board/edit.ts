import type { Board, Context, Element, ElementKind, Link } from './types.ts';

/**
 * The edit rules of a board: pure changes, each taking a board and returning a new one that shares
 * what did not change (so undo can keep whole boards cheaply). The renderer's store names and
 * records them; a CRDT backend could replay the same operations; tests drive them headlessly.
 */

/** Grid of the canvas: placing, moving and resizing snap to it. */
export const GRID = 20;
export const snap = (value: number): number => Math.round(value / GRID) * GRID;

/** The size a new sticky of each kind gets. */
export const SIZE_OF: Readonly<Record<ElementKind, { width: number; height: number }>> = {
  event: { width: 160, height: 100 },
  command: { width: 160, height: 100 },
  aggregate: { width: 200, height: 200 },
  policy: { width: 160, height: 100 },
  readModel: { width: 160, height: 100 },
  externalSystem: { width: 160, height: 100 },
  actor: { width: 100, height: 70 },
  hotspot: { width: 140, height: 100 },
};

export function emptyBoard(name = 'Untitled board'): Board {
  return { format: 'stormbench.board', formatVersion: 1, name, contexts: [], elements: [], links: [] };
}

const PREFIX: Record<ElementKind, string> = {
  event: 'evt',
  command: 'cmd',
  aggregate: 'agg',
  policy: 'pol',
  readModel: 'rm',
  externalSystem: 'ext',
  actor: 'act',
  hotspot: 'hot',
};

/** A fresh id with a readable prefix, unique in the board. */
export function newId(board: Board, prefix: string, taken: Set<string> = idsOf(board)): string {
  for (;;) {
    const id = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function idsOf(board: Board): Set<string> {
  return new Set([
    ...board.elements.map((e) => e.id),
    ...board.contexts.map((c) => c.id),
    ...board.links.map((l) => l.id),
  ]);
}

export function makeElement(board: Board, kind: ElementKind, at: { x: number; y: number }, name = ''): Element {
  const size = SIZE_OF[kind];
  const x = snap(at.x);
  const y = snap(at.y);
  const element = { id: newId(board, PREFIX[kind]), kind, name, x, y, ...size } as Element;
  const context = contextAt(board, x + size.width / 2, y + size.height / 2);
  return context ? { ...element, context: context.id } : element;
}

/** The smallest context frame that holds the point, if any. */
export function contextAt(board: Board, x: number, y: number): Context | undefined {
  let best: Context | undefined;
  for (const c of board.contexts) {
    if (x >= c.x && x <= c.x + c.width && y >= c.y && y <= c.y + c.height) {
      if (!best || c.width * c.height < best.width * best.height) best = c;
    }
  }
  return best;
}

/** An element keeps its context field in step with the frame its centre sits in. */
function withContextOf(board: Board, element: Element): Element {
  const context = contextAt(board, element.x + element.width / 2, element.y + element.height / 2);
  if (context?.id === element.context) return element;
  const { context: _old, ...rest } = element;
  return (context ? { ...rest, context: context.id } : rest) as Element;
}

export function addElements(board: Board, elements: readonly Element[]): Board {
  return { ...board, elements: [...board.elements, ...elements] };
}

export function updateElement(board: Board, id: string, patch: Partial<Element>): Board {
  let changed = false;
  const elements = board.elements.map((e) => {
    if (e.id !== id) return e;
    const next = { ...e, ...patch } as Element;
    for (const [key, value] of Object.entries(patch))
      if (value === undefined) delete (next as Record<string, unknown>)[key];
    changed = JSON.stringify(next) !== JSON.stringify(e);
    return changed ? next : e;
  });
  return changed ? { ...board, elements } : board;
}

export function updateContext(board: Board, id: string, patch: Partial<Context>): Board {
  let changed = false;
  const contexts = board.contexts.map((c) => {
    if (c.id !== id) return c;
    const next = { ...c, ...patch };
    for (const [key, value] of Object.entries(patch))
      if (value === undefined) delete (next as Record<string, unknown>)[key];
    changed = JSON.stringify(next) !== JSON.stringify(c);
    return changed ? next : c;
  });
  return changed ? { ...board, contexts } : board;
}

export interface Move {
  id: string;
  x: number;
  y: number;
}

/**
 * Moves stickies and frames. A frame carries its stickies along; a sticky joins the frame it is
 * dropped in (or leaves its frame when dropped outside).
 */
export function moveItems(board: Board, moves: readonly Move[]): Board {
  const target = new Map(moves.map((m) => [m.id, { x: snap(m.x), y: snap(m.y) }]));
  const contextDelta = new Map<string, { dx: number; dy: number }>();
  const contexts = board.contexts.map((c) => {
    const to = target.get(c.id);
    if (!to || (to.x === c.x && to.y === c.y)) return c;
    contextDelta.set(c.id, { dx: to.x - c.x, dy: to.y - c.y });
    return { ...c, x: to.x, y: to.y };
  });
  const moved: Board = { ...board, contexts };
  let changed = contextDelta.size > 0;
  const elements = board.elements.map((e) => {
    const to = target.get(e.id);
    if (to) {
      if (to.x === e.x && to.y === e.y) return e;
      changed = true;
      return withContextOf(moved, { ...e, x: to.x, y: to.y });
    }
    const delta = e.context !== undefined ? contextDelta.get(e.context) : undefined;
    if (!delta) return e;
    changed = true;
    return { ...e, x: e.x + delta.dx, y: e.y + delta.dy };
  });
  return changed ? { ...moved, elements } : board;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function resizeItem(board: Board, id: string, bounds: Bounds): Board {
  const b = {
    x: snap(bounds.x),
    y: snap(bounds.y),
    width: Math.max(40, snap(bounds.width)),
    height: Math.max(40, snap(bounds.height)),
  };
  if (board.elements.some((e) => e.id === id)) {
    const next = updateElement(board, id, b);
    const element = next.elements.find((e) => e.id === id)!;
    const placed = withContextOf(next, element);
    return placed === element ? next : { ...next, elements: next.elements.map((e) => (e.id === id ? placed : e)) };
  }
  const next = updateContext(board, id, b);
  if (next === board) return board;
  // A frame that grows takes in the stickies now inside it; one that shrinks lets go of the rest.
  return { ...next, elements: next.elements.map((e) => withContextOf(next, e)) };
}

/** Deletes stickies, frames and links; links of a deleted sticky go with it. */
export function deleteItems(board: Board, ids: ReadonlySet<string>): Board {
  const elements = board.elements.filter((e) => !ids.has(e.id));
  const gone = new Set(board.elements.filter((e) => ids.has(e.id)).map((e) => e.id));
  const contexts = board.contexts.filter((c) => !ids.has(c.id));
  const removedContexts = new Set(board.contexts.filter((c) => ids.has(c.id)).map((c) => c.id));
  const links = board.links.filter((l) => !ids.has(l.id) && !gone.has(l.from) && !gone.has(l.to));
  if (
    elements.length === board.elements.length &&
    contexts.length === board.contexts.length &&
    links.length === board.links.length
  )
    return board;
  const kept =
    removedContexts.size === 0
      ? elements
      : elements.map((e) => (e.context !== undefined && removedContexts.has(e.context) ? withoutContext(e) : e));
  return { ...board, elements: kept, contexts, links };
}

function withoutContext(element: Element): Element {
  const { context: _c, ...rest } = element;
  return rest as Element;
}

export function addLink(board: Board, from: string, to: string): { board: Board; link?: Link } {
  if (from === to) return { board };
  if (!board.elements.some((e) => e.id === from) || !board.elements.some((e) => e.id === to)) return { board };
  if (board.links.some((l) => l.from === from && l.to === to)) return { board };
  const link: Link = { id: newId(board, 'l'), from, to };
  return { board: { ...board, links: [...board.links, link] }, link };
}

export function updateLink(board: Board, id: string, patch: Partial<Link>): Board {
  const links = board.links.map((l) => (l.id === id ? ({ ...l, ...patch } as Link) : l));
  return { ...board, links };
}

/** A new frame around the given stickies (or at `fallback` when there are none); they join it. */
export function addContext(
  board: Board,
  name: string,
  memberIds: readonly string[],
  fallback: { x: number; y: number },
): { board: Board; context: Context } {
  const members = board.elements.filter((e) => memberIds.includes(e.id));
  const pad = 40;
  const bounds =
    members.length > 0
      ? {
          x: Math.min(...members.map((e) => e.x)) - pad,
          y: Math.min(...members.map((e) => e.y)) - pad - 20,
          right: Math.max(...members.map((e) => e.x + e.width)) + pad,
          bottom: Math.max(...members.map((e) => e.y + e.height)) + pad,
        }
      : { x: fallback.x, y: fallback.y, right: fallback.x + 800, bottom: fallback.y + 500 };
  const context: Context = {
    id: newId(board, 'ctx'),
    name,
    x: snap(bounds.x),
    y: snap(bounds.y),
    width: snap(bounds.right - bounds.x),
    height: snap(bounds.bottom - bounds.y),
  };
  const next = { ...board, contexts: [...board.contexts, context] };
  const ids = new Set(memberIds);
  return {
    board: {
      ...next,
      elements: next.elements.map((e) => (ids.has(e.id) ? { ...e, context: context.id } : withContextOf(next, e))),
    },
    context,
  };
}

export type Edge = 'left' | 'right' | 'top' | 'bottom' | 'middle' | 'center';

/** Lines the stickies up on one side of the first-selected one's edge (or centre line). */
export function alignItems(board: Board, ids: readonly string[], edge: Edge): Board {
  const items = board.elements.filter((e) => ids.includes(e.id));
  if (items.length < 2) return board;
  const moves = items.map((e) => {
    switch (edge) {
      case 'left':
        return { id: e.id, x: Math.min(...items.map((i) => i.x)), y: e.y };
      case 'right':
        return { id: e.id, x: Math.max(...items.map((i) => i.x + i.width)) - e.width, y: e.y };
      case 'top':
        return { id: e.id, x: e.x, y: Math.min(...items.map((i) => i.y)) };
      case 'bottom':
        return { id: e.id, x: e.x, y: Math.max(...items.map((i) => i.y + i.height)) - e.height };
      case 'center':
        return { id: e.id, x: items[0]!.x + items[0]!.width / 2 - e.width / 2, y: e.y };
      case 'middle':
        return { id: e.id, x: e.x, y: items[0]!.y + items[0]!.height / 2 - e.height / 2 };
    }
  });
  return moveItems(board, moves);
}

/** Copies of stickies (and the links among them), shifted, with fresh ids. */
export function cloneItems(
  board: Board,
  elements: readonly Element[],
  links: readonly Link[],
  offset: number,
): { elements: Element[]; links: Link[] } {
  const taken = idsOf(board);
  const idMap = new Map<string, string>();
  const copies = elements.map((e) => {
    const id = newId(board, PREFIX[e.kind], taken);
    idMap.set(e.id, id);
    return withContextOf(board, { ...structuredClone(e), id, x: e.x + offset, y: e.y + offset });
  });
  const linkCopies = links
    .filter((l) => idMap.has(l.from) && idMap.has(l.to))
    .map((l) => ({ ...l, id: newId(board, 'l', taken), from: idMap.get(l.from)!, to: idMap.get(l.to)! }));
  return { elements: copies, links: linkCopies };
}
