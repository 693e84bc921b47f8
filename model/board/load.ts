import type { ErrorObject } from 'ajv';
import { parse as parseLenient, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { compileOwnSchema } from '../json-schema/ajv.ts';
import boardSchema from './board.schema.json' with { type: 'json' };
import { segmentsOf } from '../json-pointer.ts';
import { show } from '../schema/json.ts';
import { PointerLocator, positionAt } from './positions.ts';
import { BOARD_FORMAT, ELEMENT_KINDS, FORMAT_VERSION, type Board } from './types.ts';

export type LoadErrorCode = 'syntax' | 'not-a-board' | 'format-too-new' | 'schema' | 'duplicate-id' | 'dangling-link';

/** One reason a file is not a board this build can open; `message` is a whole sentence. */
export interface LoadError {
  code: LoadErrorCode;
  message: string;
  /** JSON pointer of the offending value, when there is one. */
  pointer?: string;
  line?: number;
  column?: number;
}

export type LoadResult = { ok: true; board: Board } | { ok: false; errors: LoadError[] };

const validateBoard = compileOwnSchema(boardSchema);

/** How many schema errors one load reports; a badly broken file would otherwise print thousands. */
const MAX_ERRORS = 25;

/**
 * Reads a board from the text of a `.storm.json` file. Never throws; every failure comes back as
 * sentences that say what is wrong and where. Keys such as `__proto__` stay plain data: JSON.parse
 * defines own properties, and nothing here copies user keys onto ordinary objects.
 */
export function parseBoard(text: string): LoadResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (nestingOf(source) > MAX_NESTING) return { ok: false, errors: [TOO_DEEP] };
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    return { ok: false, errors: [error instanceof RangeError ? TOO_DEEP : syntaxError(source)] };
  }
  try {
    return checkBoard(data, source);
  } catch (error) {
    // Only a hostile file gets here: one nested so deeply that walking it overflows the stack.
    if (error instanceof RangeError) return { ok: false, errors: [TOO_DEEP] };
    throw error;
  }
}

/**
 * Deeper than any board, shallow enough that every recursive walk (ajv, saving, the app) is safe.
 * A real board nests about 12 levels, plus what its schemas need.
 */
const MAX_NESTING = 256;

/** The deepest nesting of brackets outside strings, in one pass over the text. */
function nestingOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

const TOO_DEEP: LoadError = {
  code: 'syntax',
  message: `The file nests arrays or objects more than ${MAX_NESTING} levels deep, which no board does; nothing was loaded. Check that it is the right file.`,
};

/** Validates an already-parsed document (from the app's memory, or a test). */
export function checkBoard(data: unknown, text?: string): LoadResult {
  const locator = text === undefined ? undefined : new PointerLocator(text);
  const at = (error: LoadError): LoadError => {
    const pos = error.pointer !== undefined ? locator?.locate(error.pointer) : undefined;
    return pos ? { ...error, ...pos } : error;
  };

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail(
      at({
        code: 'not-a-board',
        pointer: '',
        message:
          'This file is JSON but not a Stormbench board: a board is a JSON object with "format": "stormbench.board".',
      }),
    );
  }
  const top = data as Record<string, unknown>;
  if (top.format !== BOARD_FORMAT) {
    const said = top.format === undefined ? 'has no "format" field' : `has "format": ${JSON.stringify(top.format)}`;
    return fail(
      at({
        code: 'not-a-board',
        pointer: '/format',
        message: `This file is not a Stormbench board: it ${said}, where a board has "format": "${BOARD_FORMAT}".`,
      }),
    );
  }
  const version = top.formatVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > FORMAT_VERSION) {
    return fail(
      at({
        code: 'format-too-new',
        pointer: '/formatVersion',
        message: `This board was written by a newer Stormbench (formatVersion ${version}); this build reads formatVersion ${FORMAT_VERSION} and older. Update Stormbench to open it; the file has not been read or changed.`,
      }),
    );
  }

  if (!validateBoard(data)) {
    const errors = simplify(validateBoard.errors ?? []).map((e) => at(schemaError(e, top)));
    return { ok: false, errors: cap(errors) };
  }

  const board = data as Board;
  const errors = referenceErrors(board).map(at);
  return errors.length > 0 ? { ok: false, errors: cap(errors) } : { ok: true, board };
}

export type BoardCollection = 'contexts' | 'elements' | 'links';

/**
 * What the format says is wrong with one context, element or link, as a sentence without a
 * pointer (the item is judged alone, so its place in a file means nothing), or undefined when
 * the format takes it. References between items are not checked here.
 */
export function checkBoardItem(collection: BoardCollection, item: unknown): string | undefined {
  const top: Record<string, unknown> = {
    format: BOARD_FORMAT,
    formatVersion: FORMAT_VERSION,
    name: '',
    contexts: [],
    elements: [],
    links: [],
    [collection]: [item],
  };
  if (validateBoard(top)) return undefined;
  const first = simplify(validateBoard.errors ?? [])[0];
  return first ? schemaError(first, top).message.replace(/ \(at [^)]*\)\.$/, '.') : 'It is not valid.';
}

function fail(error: LoadError): LoadResult {
  return { ok: false, errors: [error] };
}

function cap(errors: LoadError[]): LoadError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const rest = errors.length - MAX_ERRORS;
  return [
    ...errors.slice(0, MAX_ERRORS),
    { code: errors[0]!.code, message: `… and ${rest} more problem${rest === 1 ? '' : 's'} of the same kind.` },
  ];
}

function syntaxError(text: string): LoadError {
  const errors: ParseError[] = [];
  try {
    parseLenient(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (error) {
    if (error instanceof RangeError) return TOO_DEEP;
    throw error;
  }
  const first = errors[0];
  if (!first) {
    return { code: 'syntax', message: 'The file is not valid JSON.' };
  }
  const { line, column } = positionAt(text, first.offset);
  const what = SYNTAX_WORDS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error);
  return {
    code: 'syntax',
    line,
    column,
    message: `The file is not valid JSON: ${what} at line ${line}, column ${column}. Fix the syntax there (a missing comma, quote or bracket is the usual cause); nothing was loaded.`,
  };
}

const SYNTAX_WORDS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name (in double quotes) was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing "}" was expected',
  CloseBracketExpected: 'a closing "]" was expected',
  EndOfFileExpected: 'the document should have ended',
  InvalidCommentToken: 'a comment (JSON has none)',
  UnexpectedEndOfComment: 'an unfinished comment',
  UnexpectedEndOfString: 'an unfinished string',
  UnexpectedEndOfNumber: 'an unfinished number',
  InvalidUnicode: 'a bad \\u escape',
  InvalidEscapeCharacter: 'a bad escape character',
  InvalidCharacter: 'a control character inside a string',
};

/**
 * Ajv reports a failed `oneOf` branch by branch; with the discriminator on `kind` the branch errors
 * are the useful ones, and the bare "must match exactly one schema" adds nothing after them.
 */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (
      e.keyword === 'oneOf' &&
      errors.some(
        (o) =>
          o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== 'oneOf' && o.keyword !== 'required',
      )
    )
      continue;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** "Element "Order placed" (evt-1)", "Context "Sales" (sales)" or "Link l4", for a pointer. */
export function describeOwner(board: Record<string, unknown>, pointer: string): string {
  const [collection, index] = segmentsOf(pointer);
  const list = collection !== undefined && Object.hasOwn(board, collection) ? board[collection] : undefined;
  const item = Array.isArray(list) && index !== undefined ? (list[Number(index)] as unknown) : undefined;
  if (typeof item !== 'object' || item === null) return 'The board';
  const rec = item as Record<string, unknown>;
  const id = typeof rec.id === 'string' ? rec.id : undefined;
  const name = typeof rec.name === 'string' ? rec.name : undefined;
  const label = (noun: string) => {
    if (name !== undefined && id !== undefined) return `${noun} ${JSON.stringify(name)} (${id})`;
    if (id !== undefined) return `${noun} ${id}`;
    if (name !== undefined) return `${noun} ${JSON.stringify(name)}`;
    return `${noun} #${Number(index) + 1}`;
  };
  if (collection === 'elements')
    return label(
      typeof rec.kind === 'string' && (ELEMENT_KINDS as readonly string[]).includes(rec.kind)
        ? `The ${rec.kind}`
        : 'The element',
    );
  if (collection === 'contexts') return label('The context');
  if (collection === 'links') return label('The link');
  return 'The board';
}

/**
 * A sentence for one violation of the board's schema. A bad value is quoted back ("spaceship"), so
 * the reader sees what the file says next to what it may say, without opening it.
 */
function schemaError(error: ErrorObject, board: Record<string, unknown>): LoadError {
  const pointer = error.instancePath;
  const owner = describeOwner(board, pointer);
  const segments = segmentsOf(pointer);
  const inside = /^(elements|contexts|links)$/.test(segments[0] ?? '') ? segments.slice(2) : segments;
  const field = inside.length === 0 ? 'its value' : `"${inside.join('.')}"`;
  const value = show(valueAt(board, pointer));
  const p = error.params as Record<string, unknown>;
  let what: string;
  switch (error.keyword) {
    case 'required':
      what = `is missing the required field "${String(p.missingProperty)}"`;
      break;
    case 'type':
      what = `has ${field} set to ${value}, of the wrong type: it must be ${String(p.type).replace(',', ' or ')}`;
      break;
    case 'const':
      what = `has ${field} set to ${value}, where only ${JSON.stringify(p.allowedValue)} is allowed`;
      break;
    case 'enum':
      what = `has ${field} set to ${value}, which is not one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'discriminator': {
      const kind = show(p.tagValue);
      what =
        p.error === 'mapping'
          ? `has the kind ${kind}, which is not one of ${ELEMENT_KINDS.join(', ')}`
          : `needs a "kind" written as a string${p.tagValue === undefined ? '' : `, not ${kind}`}`;
      break;
    }
    case 'oneOf':
      what = pointer.includes('/scenarios/')
        ? `has a scenario (${field}) with both or neither of "then" and "thenError"; a scenario expects either events ("then") or an error ("thenError")`
        : `has ${field} that matches none of the allowed shapes`;
      break;
    case 'exclusiveMinimum':
    case 'minimum':
      what = `has ${field} set to ${value}, which ${error.message ?? 'is out of range'}`;
      break;
    case 'maxLength':
      what = `has ${field} longer than ${String(p.limit)} characters`;
      break;
    case 'minLength':
      what = `has ${field} empty, where a non-empty string is needed`;
      break;
    case 'pattern':
      what =
        segments.at(-1) === 'color'
          ? `has ${field} set to ${value}, which is not a colour: write it as #rgb, #rrggbb or #rrggbbaa in hex digits, e.g. "#ffa24c"`
          : `has ${field} set to ${value}, which is not in the right form (it must match ${String(p.pattern)})`;
      break;
    default:
      what = `has ${field} that ${error.message ?? 'is invalid'}`;
  }
  return { code: 'schema', pointer, message: `${owner} ${what} (at ${pointer === '' ? 'the top level' : pointer}).` };
}

/** The value at a pointer of the parsed file, or undefined where there is none. */
function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const segment of segmentsOf(pointer)) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function referenceErrors(board: Board): LoadError[] {
  const errors: LoadError[] = [];
  const duplicates = (list: { id: string; name?: string }[], collection: string, noun: string) => {
    const first = new Map<string, number>();
    list.forEach((item, i) => {
      const earlier = first.get(item.id);
      if (earlier === undefined) first.set(item.id, i);
      else
        errors.push({
          code: 'duplicate-id',
          pointer: `/${collection}/${i}/id`,
          message: `${describeOwner(board, `/${collection}/${i}`)} has the id ${JSON.stringify(item.id)}, which ${noun} #${earlier + 1} already has; ids must be unique. Give one of them a new id.`,
        });
    });
    return first;
  };
  duplicates(board.contexts, 'contexts', 'context');
  const elementIds = duplicates(board.elements, 'elements', 'element');
  duplicates(board.links, 'links', 'link');
  board.links.forEach((link, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!elementIds.has(link[end]))
        errors.push({
          code: 'dangling-link',
          pointer: `/links/${i}/${end}`,
          message: `The link ${link.id} points ${end} ${JSON.stringify(link[end])}, but no element has that id. Remove the link or fix its "${end}".`,
        });
    }
  });
  return errors;
}
