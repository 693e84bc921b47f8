import type { Draft } from '../json-schema/ajv.ts';
import { ignoredIn } from './dialect.ts';

/** Keywords that describe a schema without constraining the values it accepts. */
export const ANNOTATIONS: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  'id',
  '$defs',
  'definitions',
  '$anchor',
  '$dynamicAnchor',
  '$recursiveAnchor',
  '$comment',
  '$vocabulary',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
]);

const REFERENCES = new Set(['$ref', '$recursiveRef', '$dynamicRef']);

/**
 * A reference with nothing beside it but annotations (and keywords its draft does not have): it
 * is its target. `draft` decides whether `$recursiveRef`/`$dynamicRef` are references at all.
 */
export function refOnly(raw: Record<string, unknown>, draft: Draft): boolean {
  const ignored = ignoredIn(draft);
  let references = 0;
  for (const k of Object.keys(raw)) {
    if (ANNOTATIONS.has(k) || ignored.has(k)) continue;
    if (!REFERENCES.has(k)) return false;
    references++;
  }
  return references === 1;
}
