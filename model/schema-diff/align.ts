/** How a row of the side-by-side view differs between the two texts. */
export type RowMark = 'same' | 'added' | 'removed' | 'changed';

/**
 * One row of two texts laid side by side: a line of the left text, of the right text, or of both.
 * A side without a line is a gap, so that the lines around it stay level with their partners.
 */
export interface AlignedRow {
  /** 0-based line of the left text; absent on an added row. */
  left?: number;
  /** 0-based line of the right text; absent on a removed row. */
  right?: number;
  mark: RowMark;
}

/** Above this many cells the middle of two texts is not searched for common lines (a few MB). */
const MAX_CELLS = 4_000_000;

/**
 * A pretty-printed JSON line as the alignment compares it: the trailing comma is dropped, because
 * adding a property after another one adds a comma to the earlier line without changing it.
 */
function matchKey(line: string): string {
  return line.replace(/,\s*$/, '').trimEnd();
}

/**
 * The slot a line fills in its object or array: its indentation and its property name (or that it
 * is an array item or a bracket). Two lines in the same slot, one removed and one added, are one
 * changed line (`"type": "integer"` became `"type": "string"`), not two unrelated ones.
 */
function slotKey(line: string): string {
  const indent = /^\s*/.exec(line)![0].length;
  const rest = line.slice(indent);
  const key = /^("(?:[^"\\]|\\.)*")\s*:/.exec(rest);
  if (key) return `${indent}:${key[1]}`;
  if (/^[\]}]/.test(rest)) return `${indent}:${rest[0]}`;
  return `${indent}:item`;
}

/** Index pairs of a longest common subsequence of two key lists (DP; the lists here are short). */
function commonPairs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || n * m > MAX_CELLS) return [];
  // lengths[i][j]: LCS length of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

/**
 * Lays the lines of a run that differ (removed lines of the left, added lines of the right) side by
 * side: lines in the same slot pair up as changed, the rest stay removed or added.
 */
function alignHunk(
  left: readonly number[],
  right: readonly number[],
  leftLines: readonly string[],
  rightLines: readonly string[],
  out: AlignedRow[],
): void {
  const pairs = commonPairs(
    left.map((l) => slotKey(leftLines[l]!)),
    right.map((r) => slotKey(rightLines[r]!)),
  );
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [left.length, right.length] as [number, number]]) {
    for (; i < pi; i++) out.push({ left: left[i]!, mark: 'removed' });
    for (; j < pj; j++) out.push({ right: right[j]!, mark: 'added' });
    if (pi < left.length && pj < right.length) {
      out.push({ left: left[pi]!, right: right[pj]!, mark: 'changed' });
      i++;
      j++;
    }
  }
}

/**
 * Aligns two texts' lines for a side-by-side view: lines both have are level with each other, and
 * what lies between is marked removed (left only), added (right only) or changed (both, same slot).
 * Every line of each side appears exactly once, in order.
 */
export function alignLines(leftLines: readonly string[], rightLines: readonly string[]): AlignedRow[] {
  const a = leftLines.map(matchKey);
  const b = rightLines.map(matchKey);
  // The common head and tail need no search; for a schema with one new property that is nearly all of it.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const rows: AlignedRow[] = [];
  for (let k = 0; k < head; k++) rows.push({ left: k, right: k, mark: 'same' });
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...commonPairs(midA, midB), [midA.length, midB.length] as [number, number]]) {
    const removed: number[] = [];
    const added: number[] = [];
    for (; i < pi; i++) removed.push(head + i);
    for (; j < pj; j++) added.push(head + j);
    alignHunk(removed, added, leftLines, rightLines, rows);
    if (pi < midA.length && pj < midB.length) {
      rows.push({ left: head + pi, right: head + pj, mark: 'same' });
      i++;
      j++;
    }
  }
  for (let k = tail; k > 0; k--) rows.push({ left: a.length - k, right: b.length - k, mark: 'same' });
  return rows;
}
