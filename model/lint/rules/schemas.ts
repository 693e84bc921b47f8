import { historyOwner, levelConflicts, levelHolder, versionsOf } from '../../board/events.ts';
import { KINDS } from '../../board/kinds.ts';
import type { Element, EventElement, JsonSchema } from '../../board/types.ts';
import { compileSchema, describeAjvError } from '../../json-schema/ajv.ts';
import { draftNote } from '../../json-schema/draft-note.ts';
import type { Rule, RuleContext } from '../rule.ts';
import { eachSchema } from './each-schema.ts';

export const eventVersionGap: Rule = {
  id: 'event-version-gap',
  severity: 'error',
  description: "An event's versions that are not numbered 1, 2, 3 … in order, without gaps.",
  check(ctx) {
    for (const element of ctx.board.elements) {
      if (element.kind !== 'event' || !element.versions || element.versions.length === 0) continue;
      const numbers = element.versions.map((v) => v.version);
      const bad = numbers.findIndex((n, i) => n !== i + 1);
      if (bad === -1) continue;
      ctx.report({
        elementId: element.id,
        pointer: `/elements/${ctx.elementIndex(element.id)}/versions/${bad}/version`,
        message: `The event ${JSON.stringify(element.name)} (${element.id}) has versions numbered ${numbers.join(', ')}; version ${bad + 1} is expected in position ${bad + 1}.`,
        fix: 'Number the versions 1, 2, 3 … in order; the last one is the current version.',
      });
    }
  },
};

/** Compiles a schema a sticky carries and reports it when it is no usable payload schema. */
function checkSchema(ctx: RuleContext, element: Element, schema: JsonSchema, pointer: string, what: string): boolean {
  const compiled = compileSchema(schema);
  if (!compiled.ok) {
    ctx.report({
      elementId: element.id,
      pointer,
      message: `The ${what} of the ${KINDS[element.kind].noun} ${JSON.stringify(element.name)} (${element.id}) is not a valid JSON Schema: ${compiled.message}.`,
      fix: 'Correct the schema in the schema editor; the message above names the keyword at fault.',
    });
    return false;
  }
  if (typeof schema !== 'object' || schema.type !== 'object') {
    ctx.report({
      elementId: element.id,
      pointer,
      message: `The ${what} of the ${KINDS[element.kind].noun} ${JSON.stringify(element.name)} (${element.id}) does not say "type": "object" at its top; a payload is always an object.`,
      fix: 'Add "type": "object" to the top of the schema and describe the fields under "properties".',
    });
    return false;
  }
  return true;
}

export const schemaInvalid: Rule = {
  id: 'schema-invalid',
  severity: 'error',
  description: 'A schema on a sticky that is not a valid JSON Schema of an object payload.',
  check(ctx) {
    eachSchema(ctx, (element, schema, pointer, what) => void checkSchema(ctx, element, schema, pointer, what));
  },
};

export const exampleInvalid: Rule = {
  id: 'example-invalid',
  severity: 'error',
  description: "An event example that fails its version's schema.",
  check(ctx) {
    for (const element of ctx.board.elements) {
      if (element.kind !== 'event') continue;
      element.versions?.forEach((version, i) => {
        const compiled = compileSchema(version.schema);
        if (!compiled.ok) return; // schema-invalid says why
        version.examples?.forEach((example, j) => {
          if (compiled.validate(example)) return;
          const why = (compiled.validate.errors ?? []).slice(0, 3).map(describeAjvError).join('; ');
          ctx.report({
            elementId: element.id,
            pointer: `/elements/${ctx.elementIndex(element.id)}/versions/${i}/examples/${j}`,
            message: `Example ${j + 1} of version ${version.version} of the event ${JSON.stringify(element.name)} (${element.id}) does not match that version's schema: ${why}.`,
            fix: 'Correct the example, or the schema if the example shows what really happens.',
          });
        });
      });
    }
  },
};

export const eventVersionsConflict: Rule = {
  id: 'event-versions-conflict',
  severity: 'error',
  description: 'Stickies of one event that carry different version histories or compatibility levels.',
  check(ctx) {
    for (const identity of ctx.graph.identities()) {
      if (identity.kind !== 'event' || identity.stickies.length < 2) continue;
      const reference = versionsOf(identity);
      const key = JSON.stringify(reference);
      const owner = historyOwner(identity);
      for (const sticky of identity.stickies as EventElement[]) {
        const mine = sticky.versions ?? [];
        if (mine.length === 0 || sticky === owner || JSON.stringify(mine) === key) continue;
        ctx.report({
          elementId: sticky.id,
          message: `The event sticky ${JSON.stringify(sticky.name)} (${sticky.id}) carries a version history that differs from the one on ${JSON.stringify(owner!.name)} (${owner!.id}), yet both are the event ${identity.identifier.pascal}.`,
          fix: 'Keep the versions on one sticky of the event (the others may have none), or rename one if they are different events.',
        });
      }
      const holder = levelHolder(identity)!;
      for (const sticky of levelConflicts(identity)) {
        ctx.report({
          elementId: sticky.id,
          pointer: `/elements/${ctx.elementIndex(sticky.id)}/compatibility`,
          message: `The event sticky ${JSON.stringify(sticky.name)} (${sticky.id}) sets the compatibility level ${sticky.compatibility}, but ${JSON.stringify(holder.name)} (${holder.id}) sets ${holder.compatibility}, the level the event ${identity.identifier.pascal}'s history is held to.`,
          fix: 'Set the same level on both stickies (or on one only), or rename one if they are different events.',
        });
      }
    }
  },
};

export const eventNoSchema: Rule = {
  id: 'event-no-schema',
  severity: 'info',
  description: 'An event with no schema version yet.',
  check(ctx) {
    for (const identity of ctx.graph.identities()) {
      if (identity.kind !== 'event' || versionsOf(identity).length > 0) continue;
      const sticky = identity.stickies[0]!;
      ctx.report({
        elementId: sticky.id,
        message: `The event ${JSON.stringify(sticky.name)} has no schema yet; the generator will give it an empty payload.`,
        fix: 'Add version 1 with the fields the event carries.',
      });
    }
  },
};

export const schemaDraftInferred: Rule = {
  id: 'schema-draft-inferred',
  severity: 'info',
  description: 'A schema without "$schema" read in an older draft because only that draft makes sense of it.',
  check(ctx) {
    const note = (element: Element, schema: JsonSchema, pointer: string, what: string): void => {
      const compiled = compileSchema(schema);
      if (!compiled.ok || compiled.inferredFrom === undefined) return; // schema-invalid says why, or nothing to say
      const said = draftNote(compiled);
      ctx.report({
        elementId: element.id,
        pointer: `${pointer}${compiled.inferredFrom.pointer.slice(1)}`,
        message: `The ${what} of the ${KINDS[element.kind].noun} ${JSON.stringify(element.name)} is ${said}.`,
        fix: `Add "$schema" to name the draft, or rewrite the schema in 2020-12 ("prefixItems" for a tuple, "dependentRequired"/"dependentSchemas" for "dependencies").`,
      });
    };
    eachSchema(ctx, note);
  },
};
