import type { BoardGraph, Identity } from '../board/graph.ts';
import { toIdentifier } from '../names/identifiers.ts';

/**
 * Names the exports share: the log's subjects and keys that other tools accept. Everything here
 * is derived from identifiers, never from raw sticky text, so a name like `../../x` or
 * `<script>` cannot reach a path, a YAML key or a JSON pointer unchanged.
 */

/** A context id as a subject token: kept when it is already plain, otherwise its kebab form. */
export function contextToken(contextId: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(contextId)) return contextId;
  return toIdentifier(contextId).kebab || 'context';
}

/**
 * The log subject an event is written to: `<contextId>.<Aggregate>.<Event>`, e.g.
 * `sales.Order.OrderPlaced`. The middle token is the aggregate that emits it (an external system
 * when no aggregate does, `_` when nothing does), so that `sales.Order.*` selects one aggregate's
 * events and `sales.>` a whole context's.
 */
export function subjectOf(graph: BoardGraph, event: Identity): string {
  const emitters = graph.sources(event, ['aggregate', 'externalSystem']);
  const own = emitters.filter((e) => e.context === event.contextId);
  const pick = own.find((e) => e.kind === 'aggregate') ?? emitters.find((e) => e.kind === 'aggregate') ?? own[0] ?? emitters[0];
  const middle = pick ? toIdentifier(pick.name).pascal || '_' : '_';
  return `${contextToken(event.contextId ?? '')}.${middle}.${event.identifier.pascal}`;
}

/**
 * A key AsyncAPI accepts in `components` (`^[a-zA-Z0-9.\-_]+$`) and EventCatalog accepts as an id
 * and folder name: letters outside ASCII become `_<hex>`, anything else `_`.
 */
export function asciiKey(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/[A-Za-z0-9_-]/.test(ch)) out += ch;
    else if (/[\p{L}\p{N}]/u.test(ch)) out += `_${ch.codePointAt(0)!.toString(16)}`;
    else out += '_';
  }
  return out === '' ? '_' : out;
}

/** Hands out keys that are unique among those it has handed out (`X`, `X_2`, `X_3` …). */
export class KeySet {
  readonly #used = new Set<string>();

  has(key: string): boolean {
    return this.#used.has(key.toLowerCase());
  }

  take(wanted: string): string {
    let key = wanted;
    for (let n = 2; this.#used.has(key.toLowerCase()); n++) key = `${wanted}_${n}`;
    this.#used.add(key.toLowerCase());
    return key;
  }
}
