import type { EventElement } from '../../board/types.ts';
import { checkHistory, SchemaInputError, type Difference } from '../../schema/compare.ts';
import type { Rule } from '../rule.ts';

// What to do about the first breaking difference, by the kind of change.
function fixFor(d: Difference, level: string): string {
  const t = d.type;
  const general = `or, if every reader upgrades together, lower the event's compatibility from ${level}.`;
  if (t.startsWith('REQUIRED_PROPERTY') || t.startsWith('REQUIRED_ATTRIBUTE')) return `Make the new property optional or give it a "default" (the generated upcaster fills it), ${general}`;
  if (t.includes('REMOVED_FROM_CLOSED') || t.includes('ADDED_TO_UNOPEN')) return `Keep the object open (drop "additionalProperties": false) while old and new events coexist, ${general}`;
  if (t.startsWith('TYPE_') || t.startsWith('ENUM_')) return `Only widen types and value lists in a new version (add values, never rename or drop them); for anything else publish a new event, ${general}`;
  if (t.startsWith('PATTERN_')) return `Check by hand that every string the old pattern accepted still matches, then note it on the version, ${general}`;
  return `Undo the narrowing at ${d.path} (loosen bounds, never tighten them) or publish a new event for the new shape, ${general}`;
}

/**
 * Every event whose version history breaks its compatibility level (BACKWARD when it names none):
 * one problem per breaking step, naming the versions and the differences. Schemas that are not
 * valid JSON Schema are the schema-invalid rule's business; their steps are skipped here.
 */
export const compatibilityRule: Rule = {
  id: 'schema-history-breaks-level',
  severity: 'error',
  description: "An event's version history breaks its compatibility level.",
  check(ctx) {
    for (const identity of ctx.graph.identities()) {
      if (identity.kind !== 'event') continue;
      const stickies = identity.stickies as EventElement[];
      const owner = stickies.find((s) => (s.versions ?? []).length > 0);
      const versions = owner?.versions ?? [];
      if (!owner || versions.length < 2) continue;
      const level = owner.compatibility ?? stickies.find((s) => s.compatibility)?.compatibility ?? 'BACKWARD';
      if (level === 'NONE') continue;
      let steps;
      try {
        steps = checkHistory(versions, level).steps;
      } catch (error) {
        if (error instanceof SchemaInputError) continue;
        throw error;
      }
      const index = ctx.elementIndex(owner.id);
      for (const step of steps) {
        if (step.report.compatible) continue;
        const breaking = step.report.differences.filter((d) => !d.compatible);
        const listed = breaking.slice(0, 3).map((d) => `${d.type} at ${d.path} (${d.message.replace(/\.$/, '')})`);
        const more = breaking.length > 3 ? `; and ${breaking.length - 3} more` : '';
        const at = versions.findIndex((v) => v.version === step.to);
        ctx.report({
          elementId: owner.id,
          message: `The event ${JSON.stringify(owner.name)} breaks its ${level} compatibility from version ${step.from} to version ${step.to}: ${listed.join('; ')}${more}.`,
          fix: fixFor(breaking[0]!, level),
          pointer: `/elements/${index}/versions/${at}/schema`,
        });
      }
    }
  },
};
