/**
 * JSON Pointer (RFC 6901), written once for the workbench: board locations (`/elements/3/name`),
 * schema fragments (`#/properties/a~1b`), payload paths (`/currency`). The order matters: `~` is
 * escaped before `/` and unescaped after it, or `~01` would come back as `/` instead of `~1`.
 * templates/runtime/upcast.ts keeps its own copy (the generated service may not import the
 * workbench); test/model/json-pointer.test.ts runs both over the same strings.
 */

export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `/a~1b/0` from `['a/b', 0]`; the empty pointer (the whole document) from no segments. */
export function pointerOf(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/** The same as a URI fragment, as `$ref` writes it: `#/properties/a~1b`, `#` for the root. */
export function fragmentOf(segments: ReadonlyArray<string | number>): string {
  return `#${pointerOf(segments)}`;
}

/**
 * The unescaped segments of a pointer, written plain (`/a/b`) or as a fragment (`#/a/b`); none for
 * the root (`""` or `#`). A fragment's percent-encoding is the caller's to decode first.
 */
export function segmentsOf(pointer: string): string[] {
  const plain = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (plain === '') return [];
  return plain.split('/').slice(1).map(unescapeSegment);
}
