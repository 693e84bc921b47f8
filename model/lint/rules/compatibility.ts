import { compatibilityOf, historyOwner } from '../../board/events.ts';
import { adviceFor } from '../../schema/advice.ts';
import { checkHistory, SchemaInputError } from '../../schema/compare.ts';
import type { Rule } from '../rule.ts';

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
      const owner = historyOwner(identity);
      const versions = owner?.versions ?? [];
      if (!owner || versions.length < 2) continue;
      const level = compatibilityOf(identity);
      if (level === 'NONE') continue;
      let steps;
      try {
        // Only breaks become problems: a long _TRANSITIVE history need not hold every report.
        steps = checkHistory(versions, level, { keep: 'breaking' }).steps;
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
          fix: adviceFor(breaking[0]!, level),
          pointer: `/elements/${index}/versions/${at}/schema`,
        });
      }
    }
  },
};
