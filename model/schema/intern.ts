/**
 * Hash-consing of the sub-schemas of one version history. A `_TRANSITIVE` history of n versions
 * compares n(n-1)/2 pairs, and most of each version is the text of the one before: every object
 * and array of every version gets the id of its text (keys in any order), so two sub-schemas
 * written alike are known alike in one lookup, and the comparison of two texts is made once for
 * the whole history instead of once per pair that holds them (compare-node.ts).
 *
 * An id stands for a meaning only where the text alone decides it: a sub-schema with a `$ref`
 * inside means what the reference finds in its own document, so such texts are marked.
 */
export interface SchemaIds {
  /** The table the ids come from: ids of two documents compare only when it is the same one. */
  table: SchemaTable;
  /** Every object and array of the document (data under `enum` and the like too) and its id. */
  of: Map<object, number>;
}

const REFERENCES = new Set(['$ref', '$recursiveRef', '$dynamicRef']);

/** Interned texts of one history; ids are small integers. */
export class SchemaTable {
  readonly #ids = new Map<string, number>();
  /** Per id: the depth of its deepest object or array (a leaf object is 1). */
  readonly #height: number[] = [];
  /** Per id: a reference key appears somewhere inside. */
  readonly #refers: boolean[] = [];
  readonly #untitled = new Map<string, number>();

  /** Gives every object and array of `root` its id: one walk, each text built from its children's ids. */
  intern(root: unknown): SchemaIds {
    const of = new Map<object, number>();
    const walk = (value: unknown): [key: string, height: number, refers: boolean] => {
      if (typeof value !== 'object' || value === null) return [JSON.stringify(value) ?? 'null', 0, false];
      const known = of.get(value);
      if (known !== undefined) return [`#${known}`, this.#height[known]!, this.#refers[known]!];
      let height = 0;
      let refers = false;
      let key: string;
      if (Array.isArray(value)) {
        const parts: string[] = [];
        for (const item of value) {
          const [k, h, r] = walk(item);
          parts.push(k);
          if (h > height) height = h;
          refers ||= r;
        }
        key = `[${parts.join(',')}]`;
      } else {
        const parts: string[] = [];
        for (const name of Object.keys(value).sort()) {
          const [k, h, r] = walk((value as Record<string, unknown>)[name]);
          parts.push(`${JSON.stringify(name)}:${k}`);
          if (h > height) height = h;
          refers ||= r || REFERENCES.has(name);
        }
        key = `{${parts.join(',')}}`;
      }
      let id = this.#ids.get(key);
      if (id === undefined) {
        id = this.#height.length;
        this.#ids.set(key, id);
        this.#height.push(height + 1);
        this.#refers.push(refers);
      }
      of.set(value, id);
      return [`#${id}`, height + 1, refers];
    };
    walk(root);
    return { table: this, of };
  }

  /**
   * The id of a version's root without its `title` and `description` (compare.ts checkHistory):
   * versions that differ in nothing else compare alike but for those two.
   */
  untitled(ids: SchemaIds, root: Record<string, unknown>): number {
    const parts: string[] = [];
    for (const name of Object.keys(root).sort()) {
      if (name === 'title' || name === 'description') continue;
      const value = root[name];
      const child = typeof value === 'object' && value !== null ? ids.of.get(value) : undefined;
      parts.push(`${JSON.stringify(name)}:${child === undefined ? (JSON.stringify(value) ?? 'null') : `#${child}`}`);
    }
    // Ids of their own: they stand for no text, and settle no comparison.
    const key = `{${parts.join(',')}}`;
    let id = this.#untitled.get(key);
    if (id === undefined) this.#untitled.set(key, (id = this.#untitled.size));
    return id;
  }

  height(id: number): number {
    return this.#height[id]!;
  }

  /** The text alone decides what the sub-schema accepts (in a given draft): no reference inside. */
  selfContained(id: number): boolean {
    return !this.#refers[id];
  }
}
