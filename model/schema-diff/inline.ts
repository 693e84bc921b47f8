/** A changed line cut in three: what it shares with its partner at each end, and what differs. */
export interface InlineChange {
  head: string;
  changed: string;
  tail: string;
}

/**
 * Splits two versions of one line around what changed (`"type": "integer"` and `"type": "string"`
 * share `"type": "` and `"`), so the view can mark only the part that differs.
 */
export function inlineChange(line: string, other: string): InlineChange {
  let head = 0;
  const limit = Math.min(line.length, other.length);
  while (head < limit && line[head] === other[head]) head++;
  let tail = 0;
  while (tail < limit - head && line[line.length - 1 - tail] === other[other.length - 1 - tail]) tail++;
  return {
    head: line.slice(0, head),
    changed: line.slice(head, line.length - tail),
    tail: line.slice(line.length - tail),
  };
}
