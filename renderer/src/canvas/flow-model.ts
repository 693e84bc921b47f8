import type { Edge, Node } from '@xyflow/svelte';
import { MarkerType, Position, type NodeHandle } from '@xyflow/svelte';
import { linkReading } from '../../../model/board/grammar.ts';
import { KINDS } from '../../../model/board/kinds.ts';
import type { Problem } from '../../../model/lint/problem.ts';
import type { Board, Context, Element, Link } from '../../../model/board/types.ts';
import { STYLE_OF } from '../kinds.ts';

/**
 * Where a sticky's two link dots are (StickyNode's <Handle>s, styled in Canvas.svelte: 12 px and a
 * 2 px border, centred on the left and right edges), in the node's own pixels. Svelte Flow is
 * given them with the node's size, so it need not measure a node when it mounts: measuring read
 * the layout of every sticky that came into view during a pan, and then handed back a new array
 * of all the nodes, which made it (and the canvas) go over all of them again.
 */
export const HANDLE_SIZE = 16;
export function stickyHandles(width: number, height: number): NodeHandle[] {
  const y = height / 2 - HANDLE_SIZE / 2;
  return [
    {
      id: null,
      type: 'target',
      position: Position.Left,
      x: -HANDLE_SIZE / 2,
      y,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    },
    {
      id: null,
      type: 'source',
      position: Position.Right,
      x: width - HANDLE_SIZE / 2,
      y,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    },
  ];
}

/**
 * Turns the board into Svelte Flow's nodes and edges. Unchanged stickies keep the very same node
 * object between renders (cached by element object and view flags), so Svelte Flow does not
 * re-measure or re-render a thousand stickies when one of them moves.
 */
export class FlowModel {
  #nodes = new WeakMap<object, { key: string; node: Node }>();
  #edges = new WeakMap<object, { key: string; edge: Edge }>();

  /**
   * The nodes of the board; with `include`, only the stickies it keeps (and every frame): a big
   * board's stickies far from the view, or all of them far out, are not made into nodes at all.
   */
  nodes(
    board: Board,
    selected: ReadonlySet<string>,
    editing: string | undefined,
    marks: ReadonlyMap<string, string>,
    include?: (e: Element) => boolean,
  ): Node[] {
    const out: Node[] = [];
    // Frames go last: a new frame is appended without moving existing nodes in the DOM (a move
    // would take the focus from a name being typed). They are drawn below by their zIndex.
    for (const e of board.elements) {
      if (include && !include(e) && !selected.has(e.id) && editing !== e.id) continue;
      out.push(this.#stickyNode(e, selected.has(e.id), editing === e.id, marks.get(e.id)));
    }
    for (const c of board.contexts) out.push(this.#contextNode(c, selected.has(c.id), editing === c.id));
    return out;
  }

  #contextNode(context: Context, selected: boolean, editing: boolean): Node {
    const key = `${selected}|${editing}`;
    const cached = this.#nodes.get(context);
    if (cached?.key === key) return cached.node;
    const node: Node = {
      id: context.id,
      type: 'context',
      position: { x: context.x, y: context.y },
      width: context.width,
      height: context.height,
      // Known sizes and no link dots: nothing for Svelte Flow to measure (see stickyHandles).
      measured: { width: context.width, height: context.height },
      handles: [],
      data: { context, editing },
      selected,
      zIndex: -1,
      class: 'context-frame',
      dragHandle: '.header',
      ariaLabel: `Bounded context ${context.name}`,
    };
    this.#nodes.set(context, { key, node });
    return node;
  }

  #stickyNode(element: Element, selected: boolean, editing: boolean, mark: string | undefined): Node {
    const key = `${selected}|${editing}|${mark ?? ''}`;
    const cached = this.#nodes.get(element);
    if (cached?.key === key) return cached.node;
    const node: Node = {
      id: element.id,
      type: 'sticky',
      position: { x: element.x, y: element.y },
      width: element.width,
      height: element.height,
      measured: { width: element.width, height: element.height },
      handles: stickyHandles(element.width, element.height),
      data: { element, editing, ...(mark ? { mark } : {}) },
      selected,
      ariaLabel: `${STYLE_OF[element.kind].label} ${element.name}`,
    };
    this.#nodes.set(element, { key, node });
    return node;
  }

  /** The links between stickies that are nodes (`shown`; all of them when it is undefined). */
  edges(
    board: Board,
    byId: ReadonlyMap<string, Element>,
    selected: ReadonlySet<string>,
    linkProblems: ReadonlyMap<string, string>,
    shown?: ReadonlySet<string>,
  ): Edge[] {
    const out: Edge[] = [];
    for (const link of board.links) {
      if (shown && !(shown.has(link.from) && shown.has(link.to))) continue;
      const from = byId.get(link.from);
      const to = byId.get(link.to);
      if (!from || !to) continue;
      out.push(this.#edge(link, from, to, selected.has(link.id), linkProblems.get(link.id)));
    }
    return out;
  }

  #edge(link: Link, from: Element, to: Element, selected: boolean, problem: string | undefined): Edge {
    const reading = linkReading(from.kind, to.kind);
    const key = `${selected}|${from.kind}|${to.kind}|${problem ?? ''}`;
    const cached = this.#edges.get(link);
    if (cached?.key === key) return cached.edge;
    const fallback = `A link from ${KINDS[from.kind].noun} to ${KINDS[to.kind].noun} is outside the Event Storming grammar.`;
    const edge: Edge = {
      id: link.id,
      source: link.from,
      target: link.to,
      type: 'link',
      selected,
      markerEnd: {
        type: MarkerType.ArrowClosed,
        width: 18,
        height: 18,
        color: reading ? 'var(--color-link)' : 'var(--color-link-off)',
      },
      data: reading ? { reading } : { problem: problem ?? fallback },
      ariaLabel: reading ? `${from.name} ${reading} ${to.name}` : `${from.name} to ${to.name}: ${problem ?? fallback}`,
    };
    this.#edges.set(link, { key, edge });
    return edge;
  }
}

/** Error marks on stickies and the linter's reason for each link, from one lint run. */
export function marksOf(problems: readonly Problem[]): { marks: Map<string, string>; links: Map<string, string> } {
  const marks = new Map<string, string>();
  const links = new Map<string, string>();
  for (const p of problems) {
    if (p.linkId !== undefined) {
      if (!links.has(p.linkId)) links.set(p.linkId, `${p.message} ${p.fix}`);
      continue;
    }
    if (p.severity === 'error' && p.elementId !== undefined && !marks.has(p.elementId))
      marks.set(p.elementId, p.message);
  }
  return { marks, links };
}
