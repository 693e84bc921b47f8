/**
 * Free-text sticky names → code identifiers. "Order placed" → `OrderPlaced` (types, classes) and
 * `orderPlaced` (functions, variables). Latin accents are folded ("Bestellung bestätigt" →
 * `BestellungBestatigt`); letters of other scripts are kept, since TypeScript accepts them
 * ("Заказ создан" → `ЗаказСоздан`). A name that yields no identifier, starts with a digit, or
 * lands on a word TypeScript or the generated code reserves is reported, never guessed at.
 */

export type IdentifierProblem =
  | { code: 'empty'; message: string }
  | { code: 'leading-digit'; message: string }
  | { code: 'reserved'; message: string };

export interface Identifier {
  /** `OrderPlaced`; empty when the name has no letters or digits at all. */
  pascal: string;
  /** `orderPlaced`, made safe with a trailing `_` where it is a reserved word (`delete_`). */
  camel: string;
  /** `order-placed`, for file names and package names. */
  kebab: string;
  problem?: IdentifierProblem;
}

// Letters that Unicode does not decompose into a base letter and a mark.
const FOLD: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'Ae',
  œ: 'oe',
  Œ: 'Oe',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
};

/** ECMAScript reserved words and TypeScript's strict-mode and type keywords. */
const RESERVED_CAMEL = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false ' +
    'finally for function if import in instanceof new null return super switch this throw true try ' +
    'typeof var void while with implements interface let package private protected public static yield ' +
    'await async arguments eval undefined NaN Infinity any unknown never object string number boolean ' +
    'symbol bigint type declare namespace module readonly keyof infer is asserts satisfies of as from get set'
  ).split(' '),
);

/**
 * Type names a generated service cannot define without shadowing a global it uses itself
 * (an event called "Error" or "Date" would break the code around it).
 */
const RESERVED_PASCAL = new Set(
  (
    'Object String Number Boolean Symbol BigInt Array Function Promise Error TypeError RangeError Date ' +
    'Map Set WeakMap WeakSet RegExp JSON Math Record Partial Readonly Required Pick Omit Exclude ' +
    'Extract NonNullable ReturnType Parameters Awaited Uint8Array Buffer Event Request Response URL ' +
    'Infinity NaN'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a name: split on anything that is not a letter or digit, and on camelCase humps. */
export function wordsOf(name: string): string[] {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßẞæÆœŒøØđĐðÐþÞłŁıħĦ]/g, (c) => FOLD[c] ?? c);
  const words: string[] = [];
  for (const chunk of folded.match(WORD) ?? []) {
    // "placeOrder" → place, Order; "HTTPRequest" → HTTP, Request
    for (const part of chunk.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u)) if (part) words.push(part);
  }
  return words;
}

function capitalise(word: string): string {
  // An all-capitals word is an acronym: "HTTP" → "Http", so that camelCase stays readable.
  const lower =
    word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase() ? word.toLowerCase() : word;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

const cache = new Map<string, Identifier>();

export function toIdentifier(name: string): Identifier {
  const hit = cache.get(name);
  if (hit) return hit;
  const result = compute(name);
  if (cache.size > 50_000) cache.clear();
  cache.set(name, result);
  return result;
}

function compute(name: string): Identifier {
  const words = wordsOf(name);
  const pascal = words.map(capitalise).join('');
  const kebab = words.map((w) => w.toLowerCase()).join('-');
  if (pascal === '') {
    return {
      pascal,
      camel: '',
      kebab,
      problem: {
        code: 'empty',
        message: `${JSON.stringify(name)} has no letters or digits, so it cannot become a name in code`,
      },
    };
  }
  const first = pascal.charAt(0);
  let camel = first.toLowerCase() + pascal.slice(1);
  if (/\p{N}/u.test(first)) {
    return {
      pascal,
      camel,
      kebab,
      problem: {
        code: 'leading-digit',
        message: `${JSON.stringify(name)} starts with a digit, and a name in code cannot ("${pascal}")`,
      },
    };
  }
  if (RESERVED_CAMEL.has(camel)) camel += '_';
  if (RESERVED_PASCAL.has(pascal)) {
    return {
      pascal,
      camel,
      kebab,
      problem: {
        code: 'reserved',
        message: `${JSON.stringify(name)} becomes ${pascal}, a built-in name that the generated TypeScript needs for itself`,
      },
    };
  }
  return { pascal, camel, kebab };
}

/** True for a string usable as-is as a TypeScript identifier (for `idField` and similar). */
export function isIdentifier(text: string): boolean {
  return /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u.test(text) && !RESERVED_CAMEL.has(text);
}
