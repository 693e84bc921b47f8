/** Keywords that describe a schema without constraining the values it accepts. */
export const ANNOTATIONS: ReadonlySet<string> = new Set([
  '$schema', '$id', 'id', '$defs', 'definitions', '$anchor', '$dynamicAnchor', '$comment', '$vocabulary',
  'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly',
  'contentEncoding', 'contentMediaType', 'contentSchema',
]);

/** A `$ref` with nothing beside it but annotations: it is its target. */
export function refOnly(raw: Record<string, unknown>): boolean {
  return Object.keys(raw).every((k) => k === '$ref' || ANNOTATIONS.has(k));
}
