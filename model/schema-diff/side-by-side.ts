import { alignLines, type AlignedRow } from './align.ts';
import { SchemaLocator, type LineRange } from './locate.ts';

/** Rows (indexes into `SideBySide.rows`) of a pointer on each side, for highlighting and scrolling. */
export interface PointerRows {
  left: LineRange;
  right: LineRange;
  /** Whether each side has the place itself (false: a property only the other version has). */
  leftExact: boolean;
  rightExact: boolean;
}

/** Two versions of a schema, pretty-printed and aligned line by line. */
export interface SideBySide {
  leftLines: string[];
  rightLines: string[];
  rows: AlignedRow[];
  /** Whether the two texts have any line that differs. */
  identical: boolean;
  /** Where a difference's path (`#/properties/total`) lies on each side, in rows; undefined if nowhere. */
  rowsOf(pointer: string): PointerRows | undefined;
}

/**
 * The text a schema is shown as: JSON with two spaces, the keys in the author's order (the order
 * they are written in the board file), so a reader recognises it.
 */
export function printSchema(schema: unknown): string {
  return JSON.stringify(schema, null, 2) ?? 'undefined';
}

function rowRange(rowOfLine: readonly number[], range: LineRange): LineRange {
  return { from: rowOfLine[range.from]!, to: rowOfLine[range.to]! };
}

export function sideBySide(oldSchema: unknown, newSchema: unknown): SideBySide {
  const leftText = printSchema(oldSchema);
  const rightText = printSchema(newSchema);
  const leftLines = leftText.split('\n');
  const rightLines = rightText.split('\n');
  const rows = alignLines(leftLines, rightLines);
  const leftRow: number[] = [];
  const rightRow: number[] = [];
  rows.forEach((row, index) => {
    if (row.left !== undefined) leftRow[row.left] = index;
    if (row.right !== undefined) rightRow[row.right] = index;
  });
  const leftLocator = new SchemaLocator(leftText);
  const rightLocator = new SchemaLocator(rightText);

  return {
    leftLines,
    rightLines,
    rows,
    identical: rows.every((r) => r.mark === 'same'),
    rowsOf(pointer) {
      const l = leftLocator.locate(pointer);
      const r = rightLocator.locate(pointer);
      if (!l || !r) return undefined;
      let left = rowRange(leftRow, l);
      let right = rowRange(rightRow, r);
      // A place only one side has: the other side shows the gap level with it, not its whole parent.
      if (l.exact && !r.exact) right = left;
      else if (r.exact && !l.exact) left = right;
      return { left, right, leftExact: l.exact, rightExact: r.exact };
    },
  };
}
