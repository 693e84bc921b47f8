import { withDetail } from './compare-arrays.ts';
import { compareNodes } from './compare-node.ts';
import { allBackward, allForward, diff, FALSE_NODE, prefixed, TRUE_NODE, type Context, type Diff } from './context.ts';
import { ignoredIn } from './dialect.ts';
import { disjoint, typesOverlap } from './disjoint.ts';
import type { SchemaNode } from './document.ts';
import { isObject } from './json.ts';
import { ANNOTATIONS } from './keywords.ts';
import { viewOf, type SchemaView } from './view.ts';

type Kind = 'allOf' | 'anyOf' | 'oneOf';

const ANNOTATION_DIFFERENCES = new Set(['TITLE_CHANGED', 'DESCRIPTION_CHANGED', 'DEFAULT_CHANGED']);

/** The one combinator a schema consists of, when it asserts nothing else. */
function onlyCombinator(view: SchemaView): Kind | null {
  const raw = view.node.raw;
  if (!isObject(raw)) return null;
  const kinds = new Set<Kind>();
  const ignored = ignoredIn(view.node.doc.draft);
  for (const key of Object.keys(raw)) {
    if (ANNOTATIONS.has(key) || ignored.has(key)) continue;
    if (key === 'allOf' || key === '$ref' || key === '$recursiveRef' || key === '$dynamicRef') kinds.add('allOf');
    else if (key === 'anyOf' || key === 'oneOf') kinds.add(key);
    else return null;
  }
  return kinds.size === 1 ? [...kinds][0]! : null;
}

export function pureCombinator(view: SchemaView): boolean {
  return onlyCombinator(view) !== null;
}

const unionOf = (v: SchemaView): Kind | null => (v.oneOf ? 'oneOf' : v.anyOf ? 'anyOf' : null);

/**
 * `allOf`, `anyOf` and `oneOf`, branch by branch, whatever their order. With `whole`, a side that is
 * only a combinator is compared against the other side as one branch (`T` versus `anyOf: [T, null]`),
 * and the function says whether it did so.
 */
export function compareCombinators(ctx: Context, o: SchemaView, n: SchemaView, out: Diff[], whole: boolean): boolean {
  if (whole) {
    const a = onlyCombinator(o);
    const b = onlyCombinator(n);
    if (a !== null && a !== 'allOf' && unionOf(n) === null) {
      compareUnion(ctx, branches(o, a), typeBranches(n), a, null, out);
      return true;
    }
    if (b !== null && b !== 'allOf' && unionOf(o) === null) {
      compareUnion(ctx, typeBranches(o), branches(n, b), null, b, out);
      return true;
    }
    if (a === 'allOf' && n.allOf.length === 0) {
      compareProduct(ctx, o.allOf, [n.node], true, false, out);
      return true;
    }
    if (b === 'allOf' && o.allOf.length === 0) {
      compareProduct(ctx, [o.node], n.allOf, false, true, out);
      return true;
    }
    return false;
  }
  if (o.allOf.length || n.allOf.length) compareProduct(ctx, o.allOf, n.allOf, true, true, out);
  const a = unionOf(o);
  const b = unionOf(n);
  if (a === null && b === null) return true;
  if ((o.anyOf && o.oneOf) || (n.anyOf && n.oneOf)) {
    // Both keywords at once: each is its own constraint.
    for (const kind of ['anyOf', 'oneOf'] as const) {
      if (o[kind] || n[kind])
        compareUnion(
          ctx,
          o[kind] ?? [TRUE_NODE(o.node)],
          n[kind] ?? [TRUE_NODE(n.node)],
          o[kind] ? kind : null,
          n[kind] ? kind : null,
          out,
        );
    }
    return true;
  }
  compareUnion(ctx, a ? branches(o, a) : [TRUE_NODE(o.node)], b ? branches(n, b) : [TRUE_NODE(n.node)], a, b, out);
  return true;
}

/** `{"type": ["string", "null"]}` is the union of one branch per type: so it matches `anyOf` branches one by one. */
function typeBranches(view: SchemaView): SchemaNode[] {
  const raw = view.node.raw;
  if (!isObject(raw) || view.types === null || view.types.size < 2) return [view.node];
  if (!Object.keys(raw).every((k) => k === 'type' || ANNOTATIONS.has(k))) return [view.node];
  return [...view.types].map((t) => ({ raw: { type: t }, doc: view.node.doc }));
}

function branches(view: SchemaView, kind: Kind): SchemaNode[] {
  return (kind === 'allOf' ? view.allOf : view[kind]) ?? [];
}

function matrix(ctx: Context, olds: SchemaNode[], news: SchemaNode[]): Diff[][][] {
  return olds.map((a) => news.map((b) => compareNodes(ctx, a, b)));
}

/** Pairs branches for reporting: identical ones first, then the closest related ones. */
function pair(olds: SchemaNode[], news: SchemaNode[], m: Diff[][][]): Map<number, number> {
  const candidates: Array<[number, number, number]> = [];
  for (let i = 0; i < olds.length; i++) {
    for (let j = 0; j < news.length; j++) {
      if (m[i]![j]!.length === 0 || typesOverlap(viewOf(olds[i]!, 'old').types, viewOf(news[j]!, 'new').types))
        candidates.push([m[i]![j]!.length, i, j]);
    }
  }
  candidates.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const byOld = new Map<number, number>();
  const usedNew = new Set<number>();
  for (const [, i, j] of candidates) {
    if (byOld.has(i) || usedNew.has(j)) continue;
    byOld.set(i, j);
    usedNew.add(j);
  }
  return byOld;
}

const at = (kind: Kind | null, index: number): string[] => (kind === null ? [] : [kind, String(index)]);

function compareUnion(
  ctx: Context,
  olds: SchemaNode[],
  news: SchemaNode[],
  oldKind: Kind | null,
  newKind: Kind | null,
  out: Diff[],
): void {
  const m = matrix(ctx, olds, news);
  // Backward: each old branch fits inside some new branch. Forward: each new branch inside some old one.
  const oldCovered = olds.map((_, i) => news.some((_, j) => allBackward(m[i]![j]!)));
  const newCovered = news.map((_, j) => olds.some((_, i) => allForward(m[i]![j]!)));
  const pairs = pair(olds, news, m);
  const pairedNew = new Set(pairs.values());
  for (let i = 0; i < olds.length; i++) {
    const j = pairs.get(i);
    if (j === undefined) {
      out.push(diff('SUM_TYPE_NARROWED', at(oldKind, i), oldCovered[i]!, true));
      continue;
    }
    for (const d of prefixed(at(newKind, j), m[i]![j]!))
      out.push({ ...d, backward: d.backward || oldCovered[i]!, forward: d.forward || newCovered[j]! });
  }
  for (let j = 0; j < news.length; j++) {
    if (!pairedNew.has(j)) out.push(diff('SUM_TYPE_EXTENDED', at(newKind, j), true, newCovered[j]!));
  }
  if (oldKind !== null && newKind !== null && oldKind !== newKind)
    out.push(diff('COMBINED_TYPE_CHANGED', [], true, true, { oldValue: oldKind, newValue: newKind }));
  // `oneOf` wants exactly one branch: a value that now fits two new branches is rejected. An
  // overlap both versions have is no change, if each of the two branches kept its own twin.
  const twins = (i: number, l: number, pairsOf: (x: number) => number[]): boolean =>
    pairsOf(i).some((j) => pairsOf(l).some((k) => j !== k));
  const sameOld = (j: number): number[] => olds.flatMap((_, i) => (m[i]![j]!.length === 0 ? [i] : []));
  const sameNew = (i: number): number[] => news.flatMap((_, j) => (m[i]![j]!.length === 0 ? [j] : []));
  if (newKind === 'oneOf') {
    for (let j = 0; j < news.length; j++)
      for (let k = j + 1; k < news.length; k++) {
        if (oldKind === 'oneOf' && twins(j, k, sameOld)) continue;
        if (!disjoint(news[j]!, news[k]!, 'new'))
          out.push(
            diff('SUM_TYPE_BRANCHES_OVERLAP', at(newKind, k), false, true, {
              detail: `branches ${j} and ${k} of the new "oneOf" can both match one value`,
            }),
          );
      }
  }
  if (oldKind === 'oneOf') {
    for (let i = 0; i < olds.length; i++)
      for (let l = i + 1; l < olds.length; l++) {
        if (newKind === 'oneOf' && twins(i, l, sameNew)) continue;
        if (!disjoint(olds[i]!, olds[l]!, 'old'))
          out.push(
            diff('SUM_TYPE_BRANCHES_OVERLAP', at(oldKind, l), true, false, {
              detail: `branches ${i} and ${l} of the old "oneOf" can both match one value`,
            }),
          );
      }
  }
}

function compareProduct(
  ctx: Context,
  olds: SchemaNode[],
  news: SchemaNode[],
  oldIsAllOf: boolean,
  newIsAllOf: boolean,
  out: Diff[],
): void {
  const m = matrix(ctx, olds, news);
  // Backward: each new conjunct is implied by some old one. Forward: each old one by some new one.
  const newImplied = news.map((_, j) => olds.some((_, i) => allBackward(m[i]![j]!)));
  const oldImplied = olds.map((_, i) => news.some((_, j) => allForward(m[i]![j]!)));
  const pairs = pair(olds, news, m);
  const pairedNew = new Set(pairs.values());
  const oldAt = (i: number): string[] => (oldIsAllOf ? ['allOf', String(i)] : []);
  const newAt = (j: number): string[] => (newIsAllOf ? ['allOf', String(j)] : []);
  for (let i = 0; i < olds.length; i++) {
    const j = pairs.get(i);
    if (j === undefined) {
      out.push(diff('PRODUCT_TYPE_NARROWED', oldAt(i), true, oldImplied[i]!));
      continue;
    }
    for (const d of prefixed(newAt(j), m[i]![j]!))
      out.push({ ...d, backward: d.backward || newImplied[j]!, forward: d.forward || oldImplied[i]! });
  }
  for (let j = 0; j < news.length; j++) {
    if (!pairedNew.has(j)) out.push(diff('PRODUCT_TYPE_EXTENDED', newAt(j), newImplied[j]!, true));
  }
}

/** `not`: the values it excludes grow when its schema grows, so the verdicts swap. */
export function compareNot(ctx: Context, o: SchemaView, n: SchemaView, out: Diff[]): void {
  if (!o.not && !n.not) return;
  const inner = compareNodes(ctx, o.not ?? FALSE_NODE(o.node), n.not ?? FALSE_NODE(n.node));
  if (inner.length === 0) return;
  const backward = allForward(inner);
  const forward = allBackward(inner);
  const type =
    backward && !forward ? 'NOT_TYPE_NARROWED' : forward && !backward ? 'NOT_TYPE_EXTENDED' : 'NOT_TYPE_CHANGED';
  out.push(diff(type, ['not'], backward, forward, withDetail(inner)));
}

/** `if`/`then`/`else`: with the same `if`, the branches compare like any sub-schema. */
export function compareConditionals(ctx: Context, o: SchemaView, n: SchemaView, out: Diff[]): void {
  if (!o.if && !n.if) return;
  const asserts = (node: SchemaNode | undefined, which: string): boolean =>
    node !== undefined && viewOf(node, which).asserts;
  if (!o.if) {
    out.push(diff('CONDITIONAL_SCHEMA_ADDED', ['if'], !asserts(n.then, 'new') && !asserts(n.else, 'new'), true));
    return;
  }
  if (!n.if) {
    out.push(diff('CONDITIONAL_SCHEMA_REMOVED', ['if'], true, !asserts(o.then, 'old') && !asserts(o.else, 'old')));
    return;
  }
  const condition = compareNodes(ctx, o.if, n.if);
  const thenDiffs = compareNodes(ctx, o.then ?? TRUE_NODE(o.node), n.then ?? TRUE_NODE(n.node));
  const elseDiffs = compareNodes(ctx, o.else ?? TRUE_NODE(o.node), n.else ?? TRUE_NODE(n.node));
  if (condition.some((d) => !ANNOTATION_DIFFERENCES.has(d.type))) {
    // Which payloads take which branch has changed: only identical, unconstraining branches are safe.
    const safe = thenDiffs.length === 0 && elseDiffs.length === 0 && !asserts(n.then, 'new') && !asserts(n.else, 'new');
    out.push(diff('CONDITIONAL_IF_CHANGED', ['if'], safe, safe, withDetail(condition)));
  }
  out.push(...prefixed(['then'], thenDiffs), ...prefixed(['else'], elseDiffs));
}
