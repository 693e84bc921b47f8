import { parseTree, type Node } from 'jsonc-parser';
import { segmentsOf } from '../json-pointer.ts';

/** Lines of a text, 0-based and inclusive at both ends. */
export interface LineRange {
  from: number;
  to: number;
}

/** Where a JSON pointer lands in a pretty-printed schema. */
export interface Located extends LineRange {
  /**
   * False when the schema has no such place (a property the other version added): the range is
   * then the nearest enclosing value that does exist.
   */
  exact: boolean;
}

/** How many `$ref`s one pointer may pass through: enough for real schemas, finite for cycles. */
const MAX_REFS = 32;

/** The 0-based line of each offset, by binary search over the line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function property(object: Node, key: string): Node | undefined {
  return object.children?.find((p) => p.children?.[0]?.value === key);
}

/** A local `$ref` (`#/$defs/Money`) of an object node, as pointer segments. */
function localRef(node: Node): string[] | undefined {
  const ref = node.type === 'object' ? property(node, '$ref')?.children?.[1] : undefined;
  return typeof ref?.value === 'string' && ref.value.startsWith('#') ? segmentsOf(ref.value) : undefined;
}

/**
 * Finds a JSON pointer of the schema engine in a pretty-printed schema. The engine reports paths
 * at the place of use, so a path may run through a `$ref` (`#/properties/billing/properties/city`
 * where billing is `{"$ref": "#/$defs/Address"}`): the walk follows local references. A property's
 * range includes its name; a path that does not exist gives the nearest existing value, not exact.
 */
export class SchemaLocator {
  readonly #root: Node | undefined;
  readonly #starts: number[];

  constructor(text: string) {
    this.#root = parseTree(text);
    this.#starts = lineStarts(text);
  }

  locate(pointer: string): Located | undefined {
    const root = this.#root;
    if (!root) return undefined;
    const found = this.#walk(root, segmentsOf(pointer), 0);
    const from = lineAt(this.#starts, found.node.offset);
    const to = lineAt(this.#starts, found.node.offset + Math.max(found.node.length - 1, 0));
    return { from, to, exact: found.exact };
  }

  #walk(start: Node, segments: readonly string[], refs: number): { node: Node; exact: boolean } {
    let value = start;
    // The node to show: for a property, the property with its name, not only its value.
    let shown = start;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      let next: Node | undefined;
      let whole: Node | undefined;
      if (value.type === 'object') {
        whole = property(value, segment);
        next = whole?.children?.[1];
      } else if (value.type === 'array' && /^(0|[1-9][0-9]*)$/.test(segment)) {
        next = value.children?.[Number(segment)];
        whole = next;
      }
      if (!next || !whole) {
        const ref = localRef(value);
        if (ref && refs < MAX_REFS && this.#root) {
          const target = this.#walk(this.#root, ref, refs + 1);
          if (target.exact) {
            const within = this.#walk(
              target.node.type === 'property' ? target.node.children![1]! : target.node,
              segments.slice(i),
              refs + 1,
            );
            if (within.exact) return within;
          }
        }
        return { node: shown, exact: false };
      }
      value = next;
      shown = whole;
    }
    return { node: shown, exact: true };
  }
}
