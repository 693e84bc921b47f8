/** What every board file's name ends in: the app lists, opens and saves only these. */
export const BOARD_SUFFIX = '.storm.json';

/**
 * The file name a board's own name suggests: lower case, words joined by "-", without the
 * characters a file name cannot hold on some system, e.g. "Coffee counter" → "coffee-counter.storm.json".
 * Letters of any script stay.
 */
export function boardFileName(boardName: string): string {
  const base = boardName
    .normalize('NFC')
    .toLowerCase()
    .replace(/\.storm\.json$/, '')
    // eslint-disable-next-line no-control-regex -- control characters cannot be in a file name
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .trim()
    .replace(/[\s_.]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);
  return `${base === '' ? 'board' : base}${BOARD_SUFFIX}`;
}

/** A name as typed in a Save dialog, with the suffix added when it lacks one. */
export function withBoardSuffix(typed: string): string {
  return typed.endsWith(BOARD_SUFFIX) ? typed : `${typed}${BOARD_SUFFIX}`;
}
