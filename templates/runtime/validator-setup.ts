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

/** Which draft a schema is written in, from its `$schema` (2020-12 when it says nothing). */
export function draftOf(schema: unknown): Draft | undefined {
  if (typeof schema !== 'object' || schema === null) return '2020-12';
  const uri = (schema as { $schema?: unknown }).$schema;
  if (uri === undefined) return '2020-12';
  if (typeof uri !== 'string') return undefined;
  if (uri.includes('2020-12')) return '2020-12';
  if (uri.includes('2019-09')) return '2019-09';
  if (uri.includes('draft-07')) return 'draft-07';
  if (uri.includes('draft-06')) return 'draft-06';
  if (uri.includes('draft-04')) return 'draft-04';
  return undefined;
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
  matcher = re2 ? { test: (text) => re2.test(text), linear: true, toString } : { test: (text) => native.test(text), linear: false, toString };
  if (patterns.size >= 5000) patterns.clear(); // a long session in the app must not grow without end
  patterns.set(pattern, matcher);
  return matcher;
}

// What ECMAScript means by `\s` and by `.` (no line terminator), spelled for RE2, whose own `\s`
// and `.` are narrower or wider.
const SPACE = '\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
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
  exactMultipleOf.errors = [{ keyword: 'multipleOf', message: `must be multiple of ${divisor}`, params: { multipleOf: divisor } }];
  return false;
};

type AnyAjv = Ajv2020 | Ajv2019 | Ajv | InstanceType<typeof AjvDraft04>;

function createAjv(draft: Draft, mode: ValidatorMode): AnyAjv {
  const options = {
    // Schemas come from workshops: unknown keywords and formats are tolerated, not fatal.
    strict: false,
    // ...but `strict: false` also lets Infinity and NaN pass as numbers (1e400 parses to Infinity).
    strictNumbers: true,
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
  ajv.addKeyword({ keyword: 'multipleOf', type: 'number', schemaType: 'number', errors: true, validate: exactMultipleOf });
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

export type CompiledSchema = { ok: true; validate: ValidateFunction; draft: Draft } | { ok: false; message: string };

/** Compiles a user's JSON Schema in the draft its `$schema` names. Never throws. */
export function compileUserSchema(schema: unknown, mode: ValidatorMode = {}): CompiledSchema {
  const draft = draftOf(schema);
  if (draft === undefined) {
    const uri = String((schema as { $schema?: unknown }).$schema);
    return { ok: false, message: `its "$schema" (${uri}) is not a JSON Schema draft Stormbench knows (2020-12, 2019-09, draft-07, draft-06, draft-04)` };
  }
  if (typeof schema !== 'object' && typeof schema !== 'boolean') return { ok: false, message: 'a schema must be an object or a boolean' };
  try {
    return { ok: true, validate: ajvFor(draft, mode).compile(schema as object), draft };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
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
