import { printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * What a JSON syntax error means, in words, for the JSON a person types in the app: a schema in the
 * JSON editor, a scenario's payload. Callers add where (line and column) and what to do. (The
 * board loader words its own, for a whole file.)
 */
const WORDS: Record<string, string> = {
  InvalidNumberFormat: 'a number written wrongly',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'the text should end here',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a text is not closed with "',
  UnexpectedEndOfNumber: 'a number ends too soon',
  InvalidUnicode: 'a \\u escape is not valid',
  InvalidEscapeCharacter: 'a \\ escape is not valid',
  InvalidCharacter: 'a control character inside a text',
};

export function describeSyntaxError(error: ParseError, text: string): string {
  const code = printParseErrorCode(error.error);
  // Mostly a bare word: a property name or a string someone forgot to quote.
  if (code === 'InvalidSymbol')
    return `unexpected ${JSON.stringify(text.slice(error.offset, error.offset + Math.max(1, Math.min(error.length, 20))))} (names and strings need double quotes)`;
  return WORDS[code] ?? code;
}
