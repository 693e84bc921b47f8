/**
 * Deciding whether one regular expression's language contains another's is not something to
 * guess. This decides the shapes event schemas use (a fixed set of words `^(a|b)$`, a prefix
 * `^ord-`, a fixed substring) and answers `unknown` for the rest: the engine then says
 * "needs review" instead of a silent verdict.
 */
export type PatternRelation = 'same' | 'wider' | 'narrower' | 'unrelated' | 'unknown';

type Language =
  | { kind: 'words'; words: Set<string> } // exactly one of these strings
  | { kind: 'prefix'; text: string } // any string starting with text
  | { kind: 'contains'; text: string }; // any string containing text

const META = /[\\^$.|?*+()[\]{}]/;

function literal(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined; // \d, \w, \1 … are classes
      out += next;
      i++;
    } else if (META.test(ch)) return undefined;
    else out += ch;
  }
  return out;
}

function splitTop(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return depth === 0 ? parts : undefined;
}

function parse(pattern: string): Language | undefined {
  const anchoredStart = pattern.startsWith('^');
  const anchoredEnd = pattern.endsWith('$') && !pattern.endsWith('\\$');
  let body = pattern.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined);
  if (anchoredStart && anchoredEnd) {
    const group = /^\((?:\?:)?(.*)\)$/s.exec(body);
    if (group && splitTop(group[1]!) !== undefined) body = group[1]!;
    const alternatives = splitTop(body);
    if (!alternatives) return undefined;
    const words = alternatives.map(literal);
    if (words.some((w) => w === undefined)) return undefined;
    return { kind: 'words', words: new Set(words as string[]) };
  }
  const text = literal(body);
  if (text === undefined || anchoredEnd) return undefined;
  return anchoredStart ? { kind: 'prefix', text } : { kind: 'contains', text };
}

/** Whether every string of `a` is in `b`. */
function within(a: Language, b: Language): boolean {
  const test = (s: string): boolean =>
    b.kind === 'words' ? b.words.has(s) : b.kind === 'prefix' ? s.startsWith(b.text) : s.includes(b.text);
  if (a.kind === 'words') return [...a.words].every(test);
  if (b.kind === 'words') return false; // a is infinite
  if (a.kind === 'prefix') return b.kind === 'prefix' ? a.text.startsWith(b.text) : a.text.includes(b.text);
  return b.kind === 'contains' && a.text.includes(b.text);
}

/** How the new pattern's language relates to the old one's. */
export function comparePatterns(oldPattern: string, newPattern: string): PatternRelation {
  if (oldPattern === newPattern) return 'same';
  const a = parse(oldPattern);
  const b = parse(newPattern);
  if (!a || !b) return 'unknown';
  const wider = within(a, b);
  const narrower = within(b, a);
  if (wider && narrower) return 'same';
  return wider ? 'wider' : narrower ? 'narrower' : 'unrelated';
}
