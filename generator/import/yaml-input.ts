import { Composer, Lexer, Parser, isMap, isScalar, isSeq, type Document } from 'yaml';
import type { CST } from 'yaml';
import { MAX_NESTING, MAX_YAML_ALIASES } from '../io/limits.ts';
import { nestsDeeperThan } from '../io/nesting.ts';

export interface Position {
  line: number;
  column: number;
}

export type DocumentInput =
  | { ok: true; value: unknown; locate(path: readonly string[]): Position | undefined }
  | { ok: false; message: string; position?: Position };

/**
 * Reads a document a user hands Stormbench (JSON or YAML) with every limit checked before anything
 * expands: nesting on the syntax tree (a 20,000-deep flow list would overflow every recursive
 * parser after this one), aliases while building the value (a 500-byte "billion laughs" document
 * would otherwise grow to gigabytes), nesting again on the value (aliases can deepen it). This
 * value is what Stormbench judges; the AsyncAPI parser reads the same text only once it passed.
 */
export function readDocument(text: string): DocumentInput {
  const position = (offset: number): Position => positionIn(text, offset);
  // Two cheap passes first: the syntax tree itself takes time in the square of the nesting (a
  // 400 KB line of "- - - …" takes seconds), so nothing deeper than the limit may reach it.
  const early = tooDeepBeforeParsing(text);
  if (early !== undefined) {
    return {
      ok: false,
      message: `nests lists or maps more than ${MAX_NESTING} levels deep, which no AsyncAPI document needs; check that it is the right file`,
      position: position(early),
    };
  }
  const tokens = [...new Parser().parse(text)];
  const deep = deepestCollection(tokens);
  if (deep !== undefined) {
    return {
      ok: false,
      message: `nests lists or maps more than ${MAX_NESTING} levels deep, which no AsyncAPI document needs; check that it is the right file`,
      position: position(deep),
    };
  }
  const documents: Document.Parsed[] = [...new Composer({ uniqueKeys: true, prettyErrors: false }).compose(tokens)];
  if (documents.length !== 1) {
    return {
      ok: false,
      message:
        documents.length === 0
          ? 'is empty; give an AsyncAPI document'
          : `holds ${documents.length} YAML documents (separated by "---"); give one AsyncAPI document per file`,
    };
  }
  const doc = documents[0]!;
  const error = doc.errors[0];
  if (error)
    return {
      ok: false,
      message: `is not valid YAML or JSON: ${firstSentence(error.message)}`,
      position: position(error.pos[0]),
    };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (thrown) {
    if (thrown instanceof ReferenceError && /alias/i.test(thrown.message)) {
      return {
        ok: false,
        message: `uses YAML aliases (*name) more than ${MAX_YAML_ALIASES} times once expanded, the way a "billion laughs" attack does; nothing was expanded. Write the repeated parts out, or use $ref`,
      };
    }
    if (thrown instanceof RangeError)
      return { ok: false, message: `nests too deeply to read; check that it is the right file` };
    throw thrown;
  }
  if (nestsDeeperThan(value, MAX_NESTING)) {
    return {
      ok: false,
      message: `nests lists or maps more than ${MAX_NESTING} levels deep once its aliases are expanded, which no AsyncAPI document needs; check that it is the right file`,
    };
  }
  return { ok: true, value, locate: (path) => locateKey(doc, path, position) };
}

/**
 * Where the text first may nest deeper than the limit, or undefined, in time linear in its size,
 * from the YAML lexer's tokens (it knows quotes, comments and block scalars): flow collections
 * (`[`, `{`) by their depth; block collections by what each level needs on a line, a column of
 * indentation or an indicator (`- `, `? `, `: `) of its own. Real YAML never indents 4 columns per
 * allowed level, nor puts that many indicators on one line.
 */
function tooDeepBeforeParsing(text: string): number | undefined {
  const SCALAR = '\x1f';
  let flow = 0;
  let offset = 0;
  let indicators = 0;
  let atLineStart = true;
  let previous = '';
  for (const token of new Lexer().lex(text)) {
    const isScalar = previous === SCALAR;
    previous = token;
    const at = offset;
    if (token.length > 1 || token.charCodeAt(0) >= 0x20) offset += token.length;
    if (isScalar) {
      atLineStart = false;
      continue;
    }
    if (token === '\n' || token === '\r\n') {
      indicators = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart && /^ +$/.test(token)) {
      if (token.length > MAX_NESTING * 4) return at + MAX_NESTING * 4;
      continue;
    }
    atLineStart = false;
    if (token === '[' || token === '{') {
      if (++flow > MAX_NESTING) return at;
    } else if (token === ']' || token === '}') {
      flow--;
    } else if (flow === 0 && (token === '-' || token === '?' || token === ':')) {
      if (++indicators > MAX_NESTING) return at;
    }
  }
  return undefined;
}

/** The offset of the first collection nested deeper than the limit, walking the syntax tree without recursion. */
function deepestCollection(tokens: readonly CST.Token[]): number | undefined {
  const stack: Array<[CST.Token | null | undefined, number]> = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') {
      stack.push([token.value, depth]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_NESTING) return token.offset;
      for (const item of token.items) {
        if ('key' in item) stack.push([item.key, depth + 1]);
        stack.push([item.value, depth + 1]);
      }
    }
  }
  return undefined;
}

/** Where the key at the end of `path` is written, for "FILE:LINE:COLUMN" messages. */
function locateKey(
  doc: Document.Parsed,
  path: readonly string[],
  position: (offset: number) => Position,
): Position | undefined {
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) return undefined;
      if (i === path.length - 1) return isScalar(pair.key) && pair.key.range ? position(pair.key.range[0]) : undefined;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
    } else {
      // Through an alias the written place is the anchor's; no position is better than a wrong one.
      return undefined;
    }
  }
  return undefined;
}

/** 1-based line and column of an offset, counted on the text itself (no parser needed). */
function positionIn(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function firstSentence(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/\s+at line \d+, column \d+:?$/, '')
    .replace(/[.:]$/, '');
}
