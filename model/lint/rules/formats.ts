import type { Element, JsonSchema } from '../../board/types.ts';
import { KINDS } from '../../board/kinds.ts';
import { escapeSegment } from '../../json-pointer.ts';
import { CHECKED_FORMATS } from '../../json-schema/validator-setup.ts';
import type { Rule, RuleContext } from '../rule.ts';

const CHECKED = new Set(CHECKED_FORMATS);
// Values, not schemas: a `format` inside them is data.
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);

/** Every `format` a schema names, with the JSON pointer of the keyword. */
function formatsIn(schema: unknown, pointer: string, out: Array<{ format: string; pointer: string }>): void {
  if (typeof schema !== 'object' || schema === null) return;
  if (Array.isArray(schema)) {
    schema.forEach((item, i) => formatsIn(item, `${pointer}/${i}`, out));
    return;
  }
  for (const [key, value] of Object.entries(schema)) {
    const at = `${pointer}/${escapeSegment(key)}`;
    if (key === 'format' && typeof value === 'string') out.push({ format: value, pointer: at });
    else if (!DATA_KEYWORDS.has(key)) formatsIn(value, at, out);
  }
}

function checkFormats(ctx: RuleContext, element: Element, schema: JsonSchema, pointer: string, what: string): void {
  const found: Array<{ format: string; pointer: string }> = [];
  formatsIn(schema, pointer, found);
  for (const { format, pointer: at } of found) {
    if (CHECKED.has(format)) continue;
    ctx.report({
      elementId: element.id,
      pointer: at,
      message: `The ${what} of the ${KINDS[element.kind].noun} ${JSON.stringify(element.name)} names the format ${JSON.stringify(format)}, which neither the workbench nor the generated service checks: any string passes.`,
      fix: `Use a format both check (${['date-time', 'date', 'email', 'uri', 'uuid'].join(', ')} …; docs/lint-rules.md lists them), or a "pattern".`,
    });
  }
}

export const schemaUnknownFormat: Rule = {
  id: 'schema-unknown-format',
  severity: 'warning',
  description: 'A schema that names a format no validator checks, so any value passes.',
  check(ctx) {
    for (const element of ctx.board.elements) {
      const at = `/elements/${ctx.elementIndex(element.id)}`;
      if (element.kind === 'event') element.versions?.forEach((v, i) => checkFormats(ctx, element, v.schema, `${at}/versions/${i}/schema`, `schema of version ${v.version}`));
      else if ((element.kind === 'command' || element.kind === 'readModel') && element.schema !== undefined) checkFormats(ctx, element, element.schema, `${at}/schema`, 'schema');
    }
  },
};
