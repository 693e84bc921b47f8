import { toIdentifier, type Identifier } from '../names/identifiers.ts';
import type { Board, Element, ElementKind, Link } from './types.ts';

/**
 * One thing of the domain, which may be drawn as several stickies: in Event Storming the aggregate
 * "Order" is placed again wherever the timeline needs it. Stickies of the same kind and context
 * whose names map to the same identifier are one identity.
 */
export interface Identity {
  key: string;
  kind: ElementKind;
  contextId: string | undefined;
  identifier: Identifier;
  /** In board order; the first is the one used where a single sticky must be named. */
  stickies: Element[];
}

const EMPTY: readonly Link[] = [];

/**
 * The board as a graph: elements by id, links by end, identities. Built once per board state in
 * linear time; every question after that is a map lookup.
 */
export class BoardGraph {
  readonly board: Board;
  readonly #elements = new Map<string, Element>();
  readonly #outgoing = new Map<string, Link[]>();
  readonly #incoming = new Map<string, Link[]>();
  readonly #identities = new Map<string, Identity>();
  readonly #identityOf = new Map<string, Identity>();
  readonly #contexts: Set<string>;

  constructor(board: Board) {
    this.board = board;
    this.#contexts = new Set(board.contexts.map((c) => c.id));
    for (const element of board.elements) {
      this.#elements.set(element.id, element);
      const identifier = toIdentifier(element.name);
      // A name with no identifier is its own thing: it must not merge with other unnamed stickies.
      const key =
        identifier.pascal === ''
          ? `#${element.id}`
          : `${element.kind}\u0000${element.context ?? ''}\u0000${identifier.pascal}`;
      let identity = this.#identities.get(key);
      if (!identity) {
        identity = { key, kind: element.kind, contextId: element.context, identifier, stickies: [] };
        this.#identities.set(key, identity);
      }
      identity.stickies.push(element);
      this.#identityOf.set(element.id, identity);
    }
    for (const link of board.links) {
      push(this.#outgoing, link.from, link);
      push(this.#incoming, link.to, link);
    }
  }

  element(id: string): Element | undefined {
    return this.#elements.get(id);
  }

  hasContext(id: string): boolean {
    return this.#contexts.has(id);
  }

  outgoing(elementId: string): readonly Link[] {
    return this.#outgoing.get(elementId) ?? EMPTY;
  }

  incoming(elementId: string): readonly Link[] {
    return this.#incoming.get(elementId) ?? EMPTY;
  }

  identities(): IterableIterator<Identity> {
    return this.#identities.values();
  }

  identityOf(elementId: string): Identity | undefined {
    return this.#identityOf.get(elementId);
  }

  /** The identity of a kind in a context whose name maps to the same identifier as `name`. */
  find(kind: ElementKind, contextId: string | undefined, name: string): Identity | undefined {
    return this.#identities.get(`${kind}\u0000${contextId ?? ''}\u0000${toIdentifier(name).pascal}`);
  }

  /** Elements at the other end of an identity's links, across all of its stickies. */
  targets(identity: Identity, kinds?: readonly ElementKind[]): Element[] {
    return this.#ends(identity, this.#outgoing, 'to', kinds);
  }

  sources(identity: Identity, kinds?: readonly ElementKind[]): Element[] {
    return this.#ends(identity, this.#incoming, 'from', kinds);
  }

  #ends(identity: Identity, index: Map<string, Link[]>, end: 'from' | 'to', kinds?: readonly ElementKind[]): Element[] {
    const out: Element[] = [];
    for (const sticky of identity.stickies) {
      for (const link of index.get(sticky.id) ?? EMPTY) {
        const other = this.#elements.get(link[end]);
        if (other && (!kinds || kinds.includes(other.kind))) out.push(other);
      }
    }
    return out;
  }
}

function push(map: Map<string, Link[]>, key: string, link: Link): void {
  const list = map.get(key);
  if (list) list.push(link);
  else map.set(key, [link]);
}
