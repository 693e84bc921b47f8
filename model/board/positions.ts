import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { segmentsOf } from '../json-pointer.ts';

export interface Position {
  line: number;
  column: number;
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Finds where a JSON pointer lands in the file's text. Only used on the error path: it re-parses
 * the file into a syntax tree, which costs more than the plain parse of a good load.
 */
export class PointerLocator {
  #tree: Node | undefined;
  #parsed = false;
  constructor(private readonly text: string) {}

  locate(pointer: string): Position | undefined {
    if (!this.#parsed) {
      this.#tree = parseTree(this.text);
      this.#parsed = true;
    }
    if (!this.#tree) return undefined;
    const path = segmentsOf(pointer).map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
    // Walk up until something exists, so a missing property points at its parent object.
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.#tree, path.slice(0, n));
      if (node) return positionAt(this.text, node.offset);
    }
    return undefined;
  }
}
