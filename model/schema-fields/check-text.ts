import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { describeSyntaxError } from '../board/json-syntax.ts';
import { positionAt } from '../board/positions.ts';
import { segmentsOf } from '../json-pointer.ts';
import type { JsonSchema } from '../board/types.ts';
import { compileSchema } from '../json-schema/ajv.ts';

/**
 * The JSON editor's checks: is the text JSON, and is that JSON a JSON Schema ajv can compile?
 * Each problem carries a character range so the editor can underline it, and a sentence that says
 * where (line and column, or the JSON pointer) and what to do.
 */

export interface TextProblem {
  from: number;
  to: number;
  message: string;
}

export type TextCheck =
  { ok: true; schema: JsonSchema } | { ok: false; kind: 'syntax' | 'schema'; problems: TextProblem[] };

function syntaxProblems(text: string, errors: ParseError[]): TextProblem[] {
  // One mistake often yields two complaints at one place ("name expected", "value expected"): keep the first.
  const first = errors.filter((e, i) => errors.findIndex((o) => o.offset === e.offset) === i);
  return first.map((e) => {
    const at = positionAt(text, e.offset);
    const to = Math.min(text.length, e.offset + Math.max(1, e.length));
    return {
      from: Math.min(e.offset, Math.max(0, text.length - 1)),
      to,
      message: `Not JSON at line ${at.line}, column ${at.column}: ${describeSyntaxError(e, text)}.`,
    };
  });
}

/** Where a JSON pointer lands in the text: the property (key and value) or the nearest parent. */
function rangeOf(tree: Node, pointer: string): { from: number; to: number } {
  const path = segmentsOf(pointer).map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, path.slice(0, n));
    if (!node) continue;
    const property = node.parent?.type === 'property' ? node.parent : undefined;
    // A scalar is underlined with its key; an object or a list only by its key, or the editor would turn red.
    if (property && node.type !== 'object' && node.type !== 'array')
      return { from: property.offset, to: property.offset + property.length };
    const key = property?.children?.[0];
    if (key) return { from: key.offset, to: key.offset + key.length };
    return { from: node.offset, to: node.offset + 1 };
  }
  return { from: 0, to: 1 };
}

/**
 * ajv's complaints about a schema, one per `data/…` clause of its message, as JSON pointers:
 * `#/properties/total/type must be array`. Repeats at one place (ajv lists each branch of its
 * meta-schema's `anyOf`) are folded into the first.
 */
export function schemaProblems(schema: unknown): Array<{ pointer: string; message: string }> {
  const compiled = compileSchema(schema);
  if (compiled.ok) return [];
  const text = compiled.message.replace(/\s+/g, ' ').replace(/^schema is invalid: /, '');
  const clauses = text.split(/, (?=data[/ ])/);
  const out: Array<{ pointer: string; message: string }> = [];
  for (const clause of clauses) {
    const match = /^data((?:\/[^ ]*)?) (.*)$/.exec(clause);
    const pointer = match ? `#${match[1]}` : '#';
    const message = match ? `${pointer} ${match[2]!.replace(/\.$/, '')}` : clause.replace(/\.$/, '');
    if (out.some((p) => p.pointer === pointer)) continue;
    out.push({ pointer, message });
  }
  return out;
}

/** Checks the JSON editor's text: JSON first, then JSON Schema. */
export function checkSchemaText(text: string): TextCheck {
  if (text.trim() === '')
    return {
      ok: false,
      kind: 'syntax',
      problems: [
        {
          from: 0,
          to: 0,
          message: 'The schema is empty: write at least {} (or {"type": "object", "properties": {}}).',
        },
      ],
    };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) return { ok: false, kind: 'syntax', problems: syntaxProblems(text, errors) };
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      kind: 'syntax',
      problems: [{ from: 0, to: 1, message: `Not JSON: ${error instanceof Error ? error.message : String(error)}.` }],
    };
  }
  if (typeof schema !== 'boolean' && (typeof schema !== 'object' || schema === null || Array.isArray(schema))) {
    return {
      ok: false,
      kind: 'schema',
      problems: [
        {
          from: tree.offset,
          to: tree.offset + tree.length,
          message: 'A JSON Schema is an object ({ … }) or true or false.',
        },
      ],
    };
  }
  const problems = schemaProblems(schema);
  if (problems.length === 0) return { ok: true, schema: schema as JsonSchema };
  return {
    ok: false,
    kind: 'schema',
    problems: problems.map((p) => ({ ...rangeOf(tree, p.pointer), message: `Not a valid JSON Schema: ${p.message}.` })),
  };
}
