// The one definition of how a user's JSON Schema validates a value, for the workbench (check, the
// dock, scenarios) and for every generated service. A service installs on its own and cannot
// import the workbench, so this file is copied byte for byte to templates/runtime/validator-setup.ts
// (test/templates/validator-parity.test.ts fails on any difference and says how to copy it).
// It may import only ajv, ajv-draft-04, ajv-formats and re2js, the packages both sides install.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv } from 'ajv/dist/ajv.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { RE2JS } from 're2js';
import type { ErrorObject, SchemaValidateFunction, ValidateFunction } from 'ajv';

// Both packages are CommonJS with `exports.default`; Node's ESM loader and bundlers agree on it.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

export type Draft = '2020-12' | '2019-09' | 'draft-07' | 'draft-06' | 'draft-04';
export const DRAFTS: readonly Draft[] = ['2020-12', '2019-09', 'draft-07', 'draft-06', 'draft-04'];

/** The formats both sides check; any other `format` accepts every value. */
export const CHECKED_FORMATS: readonly string[] = Object.keys(fullFormats);

const DRAFT_06_URI = 'http://json-schema.org/draft-06/schema#';

/**
 * How a schema is read: the draft, and when no `$schema` named it but the schema only makes sense
 * in an older draft, the keyword that said so (its JSON pointer), for the note a person is shown.
 */
export interface DraftReading {
  draft: Draft;
  inferredFrom?: { keyword: 'items' | 'additionalItems' | 'dependencies'; pointer: string };
}

/** Which draft a schema is written in (undefined when its `$schema` names none Stormbench knows). */
export function draftOf(schema: unknown): Draft | undefined {
  return readDraft(schema)?.draft;
}

/**
 * Which draft a schema is read in: the one its `$schema` names; without one, 2020-12, unless the
 * schema uses a form 2020-12 dropped (a tuple `items` list, `additionalItems`, `dependencies`) and
 * nothing only 2020-12 has (`prefixItems`, `$dynamicRef`). Most draft-07 schemas in the wild name
 * no `$schema`; refusing their tuples as "must be object,boolean" helps nobody. Such a schema is
 * read as draft-07, or as 2019-09 when it also uses a keyword draft-07 lacks (`unevaluatedItems` …).
 */
export function readDraft(schema: unknown): DraftReading | undefined {
  if (typeof schema !== 'object' || schema === null) return { draft: '2020-12' };
  const uri = (schema as { $schema?: unknown }).$schema;
  if (uri !== undefined) {
    if (typeof uri !== 'string') return undefined;
    if (uri.includes('2020-12')) return { draft: '2020-12' };
    if (uri.includes('2019-09')) return { draft: '2019-09' };
    if (uri.includes('draft-07')) return { draft: 'draft-07' };
    if (uri.includes('draft-06')) return { draft: 'draft-06' };
    if (uri.includes('draft-04')) return { draft: 'draft-04' };
    return undefined;
  }
  const found = scanKeywords(schema);
  if (found.older === undefined || found.only2020) return { draft: '2020-12' };
  return { draft: found.since2019 ? '2019-09' : 'draft-07', inferredFrom: found.older };
}

// Keywords by the draft that brought them, where it matters for reading a schema without `$schema`.
const ONLY_2020 = new Set(['prefixItems', '$dynamicRef', '$dynamicAnchor']);
const SINCE_2019 = new Set([
  'dependentRequired',
  'dependentSchemas',
  'unevaluatedProperties',
  'unevaluatedItems',
  'minContains',
  'maxContains',
  '$recursiveRef',
  '$recursiveAnchor',
]);
// Where sub-schemas sit: a keyword's value is one schema, a list of them, or a map of them.
const ONE_SCHEMA = [
  'additionalProperties',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'items',
];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies'];

interface KeywordScan {
  older?: DraftReading['inferredFrom'];
  only2020: boolean;
  since2019: boolean;
}

/** Visits the schema's sub-schemas only (a property named `dependencies` is no keyword). */
function scanKeywords(root: object): KeywordScan {
  const found: KeywordScan = { only2020: false, since2019: false };
  const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
  const visit = (node: unknown, pointer: string, depth: number): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || depth > 64) return;
    const o = node as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (ONLY_2020.has(key)) found.only2020 = true;
      if (SINCE_2019.has(key)) found.since2019 = true;
      const older =
        (key === 'items' && Array.isArray(o[key])) ||
        key === 'additionalItems' ||
        (key === 'dependencies' && typeof o[key] === 'object' && o[key] !== null);
      if (older && found.older === undefined)
        found.older = { keyword: key as 'items' | 'additionalItems' | 'dependencies', pointer: `#${pointer}/${key}` };
      const value = o[key];
      if (Array.isArray(value)) {
        if (SCHEMA_LISTS.includes(key)) value.forEach((item, i) => visit(item, `${pointer}/${key}/${i}`, depth + 1));
      } else if (typeof value === 'object' && value !== null) {
        if (ONE_SCHEMA.includes(key)) visit(value, `${pointer}/${key}`, depth + 1);
        else if (SCHEMA_MAPS.includes(key))
          for (const name of Object.keys(value))
            visit((value as Record<string, unknown>)[name], `${pointer}/${key}/${escape(name)}`, depth + 1);
      }
    }
  };
  visit(root, '', 0);
  return found;
}

/** `multipleOf` on decimals, exactly: a till must accept 19.99 as a multiple of 0.01. */
export function isMultipleOf(value: number, divisor: number): boolean {
  const [x, y] = alignDecimals(decimalOf(value), decimalOf(divisor));
  return y !== 0n && x % y === 0n;
}

interface DecimalParts {
  digits: bigint;
  exponent: number;
}

/** A finite double as `digits × 10^exponent`, from its shortest decimal text (what the author wrote). */
export function decimalOf(value: number): DecimalParts {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const [mantissa = '0', exp = '0'] = String(value).toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
  const digits = BigInt(whole + fraction);
  return { digits: negative ? -digits : digits, exponent: Number(exp) - fraction.length };
}

function alignDecimals(a: DecimalParts, b: DecimalParts): [bigint, bigint] {
  const e = Math.min(a.exponent, b.exponent);
  return [a.digits * 10n ** BigInt(a.exponent - e), b.digits * 10n ** BigInt(b.exponent - e)];
}

/** A user's `pattern` ready to test values: `linear` when no value can make it slow. */
export interface PatternMatcher {
  test(text: string): boolean;
  /** False for the few patterns RE2 cannot run (lookaround, backreferences): they backtrack. */
  linear: boolean;
  /** `/pattern/u`: ajv keys its compiled patterns by this text, so each needs its own. */
  toString(): string;
}

const patterns = new Map<string, PatternMatcher>();

/**
 * Compiles a user's pattern. Values come from anyone who can send a command, so patterns run on
 * RE2 (re2js: time linear in the value, `^(a+)+$` included) wherever RE2 can express them; a
 * pattern only ECMAScript's backtracking engine can run (lookaround, backreferences) runs there,
 * and the linter warns its author (pattern-not-linear). Throws a SyntaxError when neither takes it.
 */
export function compilePattern(pattern: string): PatternMatcher {
  let matcher = patterns.get(pattern);
  if (matcher) return matcher;
  const native = new RegExp(pattern, 'u');
  const translated = re2Syntax(pattern);
  let re2: RE2JS | undefined;
  try {
    re2 = translated === undefined ? undefined : RE2JS.compile(translated);
  } catch {
    re2 = undefined;
  }
  const toString = () => `/${pattern}/u`;
  matcher = re2
    ? { test: (text) => re2.test(text), linear: true, toString }
    : { test: (text) => native.test(text), linear: false, toString };
  if (patterns.size >= 5000) patterns.clear(); // a long session in the app must not grow without end
  patterns.set(pattern, matcher);
  return matcher;
}

// What ECMAScript means by `\s` and by `.` (no line terminator), spelled for RE2, whose own `\s`
// and `.` are narrower or wider.
const SPACE =
  '\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const ANY = '[^\\n\\r\\x{2028}\\x{2029}]';

/**
 * An ECMAScript pattern in RE2's syntax with the same meaning, or undefined where a faithful
 * spelling is not at hand (then the backtracking engine runs it). `\d`, `\w` and `\b` are ASCII in
 * both; `\s`, `\S`, `.` and `\uXXXX` are respelled.
 */
export function re2Syntax(pattern: string): string | undefined {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return undefined;
      i++;
      if (next === 's') out += inClass ? SPACE : `[${SPACE}]`;
      else if (next === 'S') {
        if (inClass) return undefined;
        out += `[^${SPACE}]`;
      } else if (next === 'u') {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(pattern.slice(i + 1));
        const plain = /^[0-9a-fA-F]{4}/.exec(pattern.slice(i + 1));
        if (braced) {
          out += `\\x{${braced[1]}}`;
          i += braced[0].length;
        } else if (plain) {
          out += `\\x{${plain[0]}}`;
          i += 4;
        } else return undefined;
      } else out += `\\${next}`;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // `[^]` (anything) and `[]` (nothing) are ECMAScript's own.
      if (pattern[i + 1] === ']' || (pattern[i + 1] === '^' && pattern[i + 2] === ']')) return undefined;
      if (pattern[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (pattern[i + 1] === ']') return undefined;
    } else if (c === '.') out += ANY;
    else out += c;
  }
  return out;
}

// ajv asks its engine for `pattern` and `patternProperties`; `code` names it for standalone code only.
const patternEngine = Object.assign((pattern: string) => compilePattern(pattern), { code: 'compilePattern' });

/** What a caller may add: a service strips undeclared event properties and fills in defaults. */
export interface ValidatorMode {
  removeAdditional?: 'all' | false;
  useDefaults?: boolean;
}

const exactMultipleOf: SchemaValidateFunction = (divisor: number, value: number): boolean => {
  if (Number.isFinite(value) && Number.isFinite(divisor) && isMultipleOf(value, divisor)) return true;
  exactMultipleOf.errors = [
    { keyword: 'multipleOf', message: `must be multiple of ${divisor}`, params: { multipleOf: divisor } },
  ];
  return false;
};

type AnyAjv = Ajv2020 | Ajv2019 | Ajv | InstanceType<typeof AjvDraft04>;

function createAjv(draft: Draft, mode: ValidatorMode): AnyAjv {
  const options = {
    // Schemas come from workshops: unknown keywords and formats are tolerated, not fatal.
    strict: false,
    // ...but `strict: false` also lets Infinity and NaN pass as numbers (1e400 parses to Infinity).
    strictNumbers: true,
    // A property named "constructor" or "toString" is present only when the payload has it, not
    // because every object inherits one.
    ownProperties: true,
    allErrors: true,
    validateFormats: true,
    // Versions of one event share `$id`s; none may be remembered across compilations.
    addUsedSchema: false,
    removeAdditional: mode.removeAdditional ?? false,
    useDefaults: mode.useDefaults ?? false,
    code: { regExp: patternEngine },
    // A format ajv does not know accepts any value on both sides; the linter tells the author
    // (schema-unknown-format), so a service does not print it at every start.
    logger: false as const,
  };
  let ajv: AnyAjv;
  if (draft === '2020-12') ajv = new Ajv2020(options);
  else if (draft === '2019-09') ajv = new Ajv2019(options);
  else if (draft === 'draft-04') ajv = new AjvDraft04(options);
  else ajv = new Ajv(options);
  if (draft === 'draft-06') {
    // Draft-06 is draft-07 without if/then/else (ajv ships no draft-06 instance): its schemas
    // validate against the draft-07 meta-schema, and those three keywords mean nothing.
    const meta = ajv.getSchema('http://json-schema.org/draft-07/schema')?.schema as Record<string, unknown>;
    ajv.addMetaSchema({ ...meta, $id: DRAFT_06_URI }, DRAFT_06_URI);
    for (const keyword of ['if', 'then', 'else']) ajv.removeKeyword(keyword);
  }
  addFormats(ajv as Ajv);
  ajv.removeKeyword('multipleOf');
  ajv.addKeyword({
    keyword: 'multipleOf',
    type: 'number',
    schemaType: 'number',
    errors: true,
    validate: exactMultipleOf,
  });
  return ajv;
}

const instances = new Map<string, AnyAjv>();
function ajvFor(draft: Draft, mode: ValidatorMode): AnyAjv {
  const key = `${draft}:${mode.removeAdditional ?? false}:${mode.useDefaults ?? false}`;
  let ajv = instances.get(key);
  if (!ajv) {
    ajv = createAjv(draft, mode);
    instances.set(key, ajv);
  }
  return ajv;
}

export type CompiledSchema = ({ ok: true; validate: ValidateFunction } & DraftReading) | { ok: false; message: string };

function unknownDraft(schema: unknown): { ok: false; message: string } {
  const uri = String((schema as { $schema?: unknown }).$schema);
  return {
    ok: false,
    message: `its "$schema" (${uri}) is not a JSON Schema draft Stormbench knows (2020-12, 2019-09, draft-07, draft-06, draft-04)`,
  };
}

/** Compiles a user's JSON Schema in the draft it is read in (readDraft). Never throws. */
export function compileUserSchema(schema: unknown, mode: ValidatorMode = {}): CompiledSchema {
  const reading = readDraft(schema);
  if (reading === undefined) return unknownDraft(schema);
  if (typeof schema !== 'object' && typeof schema !== 'boolean')
    return { ok: false, message: 'a schema must be an object or a boolean' };
  try {
    return { ok: true, validate: ajvFor(reading.draft, mode).compile(schema as object), ...reading };
  } catch (error) {
    return { ok: false, message: distinctClauses(error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * Whether a user's schema is valid JSON Schema of the draft it is read in, by its draft's
 * meta-schema alone: no validator is compiled for it, so comparing two schemas stays cheap.
 * The message has the form of compileUserSchema's (`schema is invalid: data/items must be …`).
 */
export function checkUserSchema(schema: unknown): { ok: true; reading: DraftReading } | { ok: false; message: string } {
  const reading = readDraft(schema);
  if (reading === undefined) return unknownDraft(schema);
  if (typeof schema === 'boolean') return { ok: true, reading };
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    return { ok: false, message: 'a schema must be an object or a boolean' };
  const ajv = ajvFor(reading.draft, {});
  // The draft's own meta-schema, whatever spelling of its URI the `$schema` uses (a trailing `#` or not).
  const meta = ajv.getSchema(
    reading.draft === 'draft-06'
      ? DRAFT_06_URI
      : ((ajv.opts.defaultMeta as string | undefined) ?? (ajv.defaultMeta() as string)),
  );
  if (meta !== undefined && !meta(schema))
    return { ok: false, message: distinctClauses(`schema is invalid: ${ajv.errorsText(meta.errors)}`) };
  // The meta-schemas do not check regular expressions; compiling would (ajv uses the `u` flag).
  const bad = badPattern(schema, '', 0);
  return bad === undefined ? { ok: true, reading } : { ok: false, message: bad };
}

// ajv repeats a complaint once per branch of the meta-schema it tried ("data/items must be
// object,boolean" eight times for one tuple): say each once.
function distinctClauses(message: string): string {
  const prefix = /^schema is invalid: /.exec(message)?.[0] ?? '';
  const clauses = message.slice(prefix.length).split(/, (?=data[/ ])/);
  return prefix + clauses.filter((c, i) => clauses.indexOf(c) === i).join(', ');
}

function badPattern(node: unknown, pointer: string, depth: number): string | undefined {
  if (typeof node !== 'object' || node === null || depth > 64) return undefined;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const bad = badPattern(node[i], `${pointer}/${i}`, depth + 1);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  const o = node as Record<string, unknown>;
  const patterns: Array<[string, string]> = [];
  if (typeof o.pattern === 'string') patterns.push([o.pattern, `${pointer}/pattern`]);
  if (typeof o.patternProperties === 'object' && o.patternProperties !== null)
    for (const key of Object.keys(o.patternProperties)) patterns.push([key, `${pointer}/patternProperties`]);
  for (const [pattern, at] of patterns) {
    try {
      new RegExp(pattern, 'u');
    } catch {
      return `schema is invalid: data${at} has the pattern ${JSON.stringify(pattern)}, which is not a valid regular expression`;
    }
  }
  for (const key of Object.keys(o)) {
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
    const bad = badPattern(o[key], `${pointer}/${key}`, depth + 1);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

/** One validation error as a short phrase, e.g. `"/total" must be number`. */
export function describeValidationError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the payload' : `"${error.instancePath}"`;
  switch (error.keyword) {
    case 'required':
      return `${where} is missing the required property "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where} has the property "${String(error.params.additionalProperty)}", which the schema does not allow`;
    case 'type':
      return `${where} must be ${String(error.params.type)}`;
    case 'enum':
      return `${where} must be one of ${JSON.stringify(error.params.allowedValues)}`;
    case 'const':
      return `${where} must be ${JSON.stringify(error.params.allowedValue)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}
