import { KINDS } from '../../board/kinds.ts';
import type { JsonSchema } from '../../board/types.ts';
import { escapeSegment } from '../../json-pointer.ts';
import { CHECKED_FORMATS, compilePattern } from '../../json-schema/validator-setup.ts';
import type { Rule } from '../rule.ts';
import { eachSchema } from './each-schema.ts';

// Rules about how a schema checks values, in the workbench and in the generated service alike.

const CHECKED = new Set(CHECKED_FORMATS);
// Values, not schemas: a `format` or `pattern` inside them is data.
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);

interface Found {
  keyword: 'format' | 'pattern';
  value: string;
  pointer: string;
}

/** Every `format` and `pattern` a schema names (and `patternProperties` keys), with JSON pointers. */
function valueKeywords(schema: unknown, pointer: string, out: Found[]): void {
  if (typeof schema !== 'object' || schema === null) return;
  if (Array.isArray(schema)) {
    schema.forEach((item, i) => valueKeywords(item, `${pointer}/${i}`, out));
    return;
  }
  for (const [key, value] of Object.entries(schema)) {
    const at = `${pointer}/${escapeSegment(key)}`;
    if ((key === 'format' || key === 'pattern') && typeof value === 'string')
      out.push({ keyword: key, value, pointer: at });
    else if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
      for (const name of Object.keys(value))
        out.push({ keyword: 'pattern', value: name, pointer: `${at}/${escapeSegment(name)}` });
      valueKeywords(value, at, out);
    } else if (!DATA_KEYWORDS.has(key)) valueKeywords(value, at, out);
  }
}

function found(schema: JsonSchema, pointer: string, keyword: Found['keyword']): Found[] {
  const out: Found[] = [];
  valueKeywords(schema, pointer, out);
  return out.filter((f) => f.keyword === keyword);
}

export const schemaUnknownFormat: Rule = {
  id: 'schema-unknown-format',
  severity: 'warning',
  description: 'A schema that names a format no validator checks, so any value passes.',
  check(ctx) {
    eachSchema(ctx, (element, schema, pointer, what) => {
      for (const { value, pointer: at } of found(schema, pointer, 'format')) {
        if (CHECKED.has(value)) continue;
        ctx.report({
          elementId: element.id,
          pointer: at,
          message: `The ${what} of the ${KINDS[element.kind].noun} ${JSON.stringify(element.name)} names the format ${JSON.stringify(value)}, which neither the workbench nor the generated service checks: any string passes.`,
          fix: 'Use a format both check (date-time, date, email, uri, uuid …; docs/lint-rules.md lists them), or a "pattern".',
        });
      }
    });
  },
};

export const patternNotLinear: Rule = {
  id: 'pattern-not-linear',
  severity: 'warning',
  description: 'A pattern that only a backtracking engine can run, so a hostile value can make validation slow.',
  check(ctx) {
    eachSchema(ctx, (element, schema, pointer, what) => {
      for (const { value, pointer: at } of found(schema, pointer, 'pattern')) {
        let linear: boolean;
        try {
          linear = compilePattern(value).linear;
        } catch {
          continue; // schema-invalid says why
        }
        if (linear) continue;
        ctx.report({
          elementId: element.id,
          pointer: at,
          message: `The ${what} of the ${KINDS[element.kind].noun} ${JSON.stringify(element.name)} has the pattern ${JSON.stringify(value)}, which needs backtracking (lookaround, a backreference, or ECMAScript-only syntax): a value sent to the service could make checking it take seconds.`,
          fix: 'Write it without lookaround or backreferences (e.g. one pattern per rule, or an enum), so that it runs in linear time.',
        });
      }
    });
  },
};
