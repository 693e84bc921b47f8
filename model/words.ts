/** Small rules of English the messages share, so that every count and clause reads the same. */

/** `1 context`, `3 contexts`, `2 stickies` (give the plural where it is not the word plus s). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A sentence made a clause: "The property…" after "because" reads "the property…". */
export function asClause(sentence: string): string {
  return sentence.length > 1 && /^[A-Z][a-z]*\b/.test(sentence)
    ? sentence[0]!.toLowerCase() + sentence.slice(1)
    : sentence;
}
