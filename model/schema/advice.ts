import type { Difference } from './compare.ts';

/**
 * What a person can do about a breaking difference, in one sentence: the lint rule's fix and the
 * last line of `stormbench schema diff`.
 */
export function adviceFor(d: Difference, level: string): string {
  const t = d.type;
  const otherwise = `or, if every reader upgrades at the same time, lower the event's compatibility from ${level}.`;
  if (d.needsReview)
    return `Check by hand that every value the old schema accepted at ${d.path} is still accepted (and the reverse for FORWARD), then record the decision in the version's note, ${otherwise}`;
  if (d.backward && !d.forward)
    return `Readers of the old version reject what the new one may write at ${d.path}: upgrade every reader before any writer and check against BACKWARD, or keep the old constraint, ${otherwise}`;
  if (!d.backward && !d.forward && (t === 'TYPE_CHANGED' || t === 'ENUM_ARRAY_CHANGED' || t.includes('NOT_COVERED')))
    return `Changing the shape at ${d.path} breaks readers both ways: add a new optional property beside the old one, or publish a new event for the new shape, ${otherwise}`;
  if (t.startsWith('REQUIRED_PROPERTY') || t.startsWith('REQUIRED_ATTRIBUTE'))
    return `Make the property at ${d.path} optional, or give it a "default" that the generated upcaster fills in, ${otherwise}`;
  if (t.includes('UNOPEN') || t.includes('CLOSED_CONTENT') || t.startsWith('ADDITIONAL_PROPERTIES'))
    return `Keep the object open (no "additionalProperties": false) while events of both versions exist, ${otherwise}`;
  if (t.includes('OPEN_CONTENT_MODEL'))
    return `Rerun with the lenient policy if writers strip undeclared properties (every generated service does), or keep the property's old meaning, ${otherwise}`;
  if (t.startsWith('TYPE_') || t.startsWith('ENUM_') || t.startsWith('SUM_TYPE') || t.startsWith('FORMAT_'))
    return `Only widen in a new version (add types or values, never rename or drop one); for another shape, publish a new event, ${otherwise}`;
  return `Loosen rather than tighten at ${d.path} (a new version may accept more, not less), or publish a new event for the new shape, ${otherwise}`;
}
