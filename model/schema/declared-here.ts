import type { Context } from './context.ts';
import { viewOf, type SchemaView } from './view.ts';

/**
 * The lenient policy assumes writers put no name their schema does not declare into an open
 * object. "Declare" means anywhere at that place in the payload: an `anyOf` branch that leaves
 * out `id` still receives the `id` its parent object declares, and a name one branch requires is
 * sent by writers that take that branch. So when branches (and conditions, dependent schemas,
 * `allOf` conjuncts) are compared, the names the rest of each schema declares at the same place
 * travel with them (`ctx.here`); a child property or item is another place and starts afresh.
 */
const cache = new WeakMap<SchemaView, ReadonlySet<string>>();

/** Names a view declares or requires at its own place: its own, and those of its in-place applicators. */
export function namesAt(view: SchemaView, depth = 0): ReadonlySet<string> {
  const hit = cache.get(view);
  if (hit) return hit;
  const names = new Set<string>([...view.properties.keys(), ...view.required]);
  if (depth < 6) {
    const beside = [...view.allOf, ...(view.anyOf ?? []), ...(view.oneOf ?? []), ...view.dependentSchemas.values()];
    for (const node of [view.if, view.then, view.else]) if (node) beside.push(node);
    for (const node of beside) for (const name of namesAt(viewOf(node, 'either'), depth + 1)) names.add(name);
  }
  cache.set(view, names);
  return names;
}

/** Whether a view has in-place applicators at all: most have none, and need no names carried. */
export function hasInPlace(view: SchemaView): boolean {
  return (
    view.allOf.length > 0 ||
    view.anyOf !== null ||
    view.oneOf !== null ||
    view.if !== undefined ||
    view.dependentSchemas.size > 0 ||
    view.not !== undefined
  );
}

/** Whether the name is declared at the view's place by one of its in-place applicators. */
export function namedBeside(view: SchemaView, name: string): boolean {
  return hasInPlace(view) && namesAt(view).has(name);
}

/** Runs the comparison of in-place parts of `o` and `n` with the names declared at their place. */
export function atSamePlace(ctx: Context, o: SchemaView, n: SchemaView, compare: () => void): void {
  if (!hasInPlace(o) && !hasInPlace(n)) return compare();
  const saved = ctx.here;
  ctx.here = { old: union(saved?.old, namesAt(o)), new: union(saved?.new, namesAt(n)) };
  try {
    compare();
  } finally {
    ctx.here = saved;
  }
}

/** Runs the comparison of children (properties, items): another place in the payload. */
export function atChildPlace<T>(ctx: Context, compare: () => T): T {
  const saved = ctx.here;
  ctx.here = undefined;
  try {
    return compare();
  } finally {
    ctx.here = saved;
  }
}

function union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): ReadonlySet<string> {
  if (!a || a.size === 0) return b;
  if (b.size === 0) return a;
  return new Set([...a, ...b]);
}
