import { toIdentifier } from '../names/identifiers.ts';

/**
 * Names the exports share: keys and tokens that other tools accept (the log's subjects are in
 * log-channels.ts). Everything here is derived from identifiers, never from raw sticky text, so a
 * name like `../../x` or `<script>` cannot reach a path, a YAML key or a JSON pointer unchanged.
 */

/** A context id as a URN token: kept when it is already plain, otherwise its kebab form. */
export function contextToken(contextId: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(contextId)) return contextId;
  return toIdentifier(contextId).kebab || 'context';
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
