import { compareArrays } from './compare-arrays.ts';
import { compareNumbers, compareStrings } from './compare-bounds.ts';
import { compareCombinators, compareConditionals, compareNot, pureCombinator } from './compare-combinators.ts';
import { compareObjects } from './compare-objects.ts';
import { diff, type Context, type Diff, type Shared } from './context.ts';
import { atSamePlace } from './declared-here.ts';
import { settleByValues } from './enum-values.ts';
import type { SchemaDocument, SchemaNode } from './document.ts';
import { refOnly } from './keywords.ts';
import { keyword } from './dialect.ts';
import { canonical, isObject, jsonEqual } from './json.ts';
import type { SchemaTable } from './intern.ts';
import type { Undecided } from './unevaluated.ts';
import { admitsType, viewOf, type JsonType, type SchemaView } from './view.ts';

/**
 * Compares two sub-schemas: every difference, with paths relative to them. A pair met again while
 * it is still being compared (a recursive schema) adds nothing: its differences are reported where
 * it was met first. Results are memoised per pair, so a definition used in many places is compared
 * once and reported at each of them; in a history, two self-contained texts are compared once for
 * every pair of versions that holds them (intern.ts).
 */
export function compareNodes(ctx: Context, oldNode: SchemaNode, newNode: SchemaNode): Diff[] {
  const sameDraft = oldNode.doc.draft === newNode.doc.draft;
  const ids = internedPair(ctx, oldNode, newNode);
  // Most of two versions is the same text: no view is needed to know it accepts the same values.
  if (ids === undefined) {
    if (sameDraft && sameText(oldNode.raw, newNode.raw, 0)) return NO_DIFFERENCES;
  } else if (
    sameDraft &&
    (oldNode.raw === newNode.raw ||
      (ids.old === ids.new && ids.table.selfContained(ids.old) && ids.table.height(ids.old) <= SAME_TEXT_DEPTH + 1))
  ) {
    // What sameText would answer, in one lookup (the same depth, so the same reports).
    return NO_DIFFERENCES;
  }
  const o = viewOf(oldNode, 'old');
  const n = viewOf(newNode, 'new');
  let onStack = ctx.stack.get(o.key);
  if (onStack?.has(n.key)) {
    ctx.cuts++;
    return [];
  }
  // A result depends on the names declared around it only inside branches; there it is not shared.
  const memoable = ctx.here === undefined;
  // Two texts with no reference inside mean the same in every version that holds them. Two roots
  // are left to checkHistory, which compares each distinct pair of versions once anyway.
  const shareable =
    memoable &&
    ids !== undefined &&
    ids.table.selfContained(ids.old) &&
    ids.table.selfContained(ids.new) &&
    !(oldNode.raw === oldNode.doc.root && newNode.raw === newNode.doc.root);
  const row = shareable ? sharedRow(ctx.shared!, oldNode, newNode, ids!.old) : undefined;
  const hit = row ? row.get(ids!.new) : memoable ? ctx.memo.get(o.key)?.get(n.key) : undefined;
  if (hit) return hit;
  if (!onStack) {
    onStack = new Set();
    ctx.stack.set(o.key, onStack);
  }
  onStack.add(n.key);
  const cutsBefore = ctx.cuts;
  let result: Diff[];
  try {
    if (ctx.shared) ctx.shared.tally.comparisons++;
    result = compareViews(ctx, o, n);
  } finally {
    onStack.delete(n.key);
  }
  if (memoable && ctx.cuts === cutsBefore) {
    if (row) remember(ctx.shared!, row, ids!.new, result);
    else {
      let mine = ctx.memo.get(o.key);
      if (!mine) ctx.memo.set(o.key, (mine = new Map()));
      mine.set(n.key, result);
    }
  }
  return result;
}

/** The ids of both texts, when both sides are versions of the history being checked. */
function internedPair(
  ctx: Context,
  oldNode: SchemaNode,
  newNode: SchemaNode,
): { table: SchemaTable; old: number; new: number } | undefined {
  const shared = ctx.shared;
  if (shared === undefined || typeof oldNode.raw !== 'object' || typeof newNode.raw !== 'object') return undefined;
  const a = oldNode.doc.ids;
  const b = newNode.doc.ids;
  if (a?.table !== shared.table || b?.table !== shared.table) return undefined;
  // Objects the engine makes while comparing (merged conjuncts, a synthetic allOf) have no id.
  const old = a.of.get(oldNode.raw as object);
  const neu = b.of.get(newNode.raw as object);
  return old === undefined || neu === undefined ? undefined : { table: shared.table, old, new: neu };
}

// The shared results are a cache: past this many they are dropped and gathered afresh, so a
// history whose sub-schemas never repeat does not hold one result for every pair of versions.
const SHARED_LIMIT = 1 << 18;

function remember(shared: Shared, row: Map<number, Diff[]>, newId: number, result: Diff[]): void {
  if (++shared.size > SHARED_LIMIT) {
    shared.memo.clear();
    shared.size = 1;
  }
  row.set(newId, result);
}

function sharedRow(shared: Shared, oldNode: SchemaNode, newNode: SchemaNode, oldId: number): Map<number, Diff[]> {
  const drafts = `${oldNode.doc.draft} ${newNode.doc.draft}`;
  let byOld = shared.memo.get(drafts);
  if (!byOld) shared.memo.set(drafts, (byOld = new Map()));
  let row = byOld.get(oldId);
  if (!row) byOld.set(oldId, (row = new Map()));
  return row;
}

const NO_DIFFERENCES: Diff[] = [];
const REFERENCES = new Set(['$ref', '$recursiveRef', '$dynamicRef']);

/**
 * Two sub-schemas written alike (in any key order) that refer to nothing: in one draft they accept
 * the same values. A reference is left to the full comparison, since its target lies in each
 * document. Deep or long ones too (the walk would cost what it saves).
 */
const SAME_TEXT_DEPTH = 16;
function sameText(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > SAME_TEXT_DEPTH)
    return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameText(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (REFERENCES.has(key) || !Object.hasOwn(b, key)) return false;
    if (!sameText((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function compareViews(ctx: Context, o: SchemaView, n: SchemaView): Diff[] {
  const out: Diff[] = [];
  compareAnnotations(o, n, out);
  if (!n.asserts) {
    if (o.asserts) out.push(diff('TYPE_EXTENDED_TO_ANY', [], true, false));
    return out;
  }
  if (o.isFalse || n.isFalse) {
    if (!(o.isFalse && n.isFalse)) {
      out.push(
        o.isFalse
          ? diff('TYPE_EXTENDED', [], true, false, { oldValue: false, newValue: typeList(n.types) })
          : diff('TYPE_NARROWED', [], false, true, { oldValue: typeList(o.types), newValue: false }),
      );
    }
    return out;
  }
  // A side that is only a combinator is compared branch by branch against the other side whole.
  let whole = false;
  if (pureCombinator(o) || pureCombinator(n))
    atSamePlace(ctx, o, n, () => void (whole = compareCombinators(ctx, o, n, out, true)));
  if (whole) {
    compareUndecided(o, n, out);
    return out;
  }
  const scalar: Diff[] = [];
  const common = compareTypes(o, n, scalar);
  compareEnums(o, n, scalar);
  if (common.has('integer') || common.has('number')) compareNumbers(o, n, scalar);
  if (common.has('string')) compareStrings(o, n, scalar);
  settleByValues(o, n, scalar);
  out.push(...scalar);
  if (common.has('array')) compareArrays(ctx, o, n, out);
  if (common.has('object')) compareObjects(ctx, o, n, out);
  atSamePlace(ctx, o, n, () => {
    compareCombinators(ctx, o, n, out, false);
    compareNot(ctx, o, n, out);
    compareConditionals(ctx, o, n, out);
  });
  compareUndecided(o, n, out);
  return out;
}

// Differences that cannot change what an applicator evaluates: annotations, and constraints on the
// value itself rather than on which names or positions something else evaluates.
const VALUE_LEVEL =
  /^(TITLE|DESCRIPTION|DEFAULT|TYPE|ENUM_ARRAY|FORMAT|PATTERN|MULTIPLE_OF|MINIMUM|MAXIMUM|EXCLUSIVE_MINIMUM|EXCLUSIVE_MAXIMUM|MIN_LENGTH|MAX_LENGTH|MIN_ITEMS|MAX_ITEMS|MIN_PROPERTIES|MAX_PROPERTIES|UNIQUE_ITEMS|REQUIRED_ATTRIBUTE|DEPENDENCY_ARRAY|NOT_TYPE)_/;
const OTHER_KIND: Record<Undecided['keyword'], ReadonlySet<string>> = {
  unevaluatedProperties: new Set(['items', 'prefixItems', 'additionalItems', 'unevaluatedItems', 'contains']),
  unevaluatedItems: new Set([
    'properties',
    'patternProperties',
    'additionalProperties',
    'unevaluatedProperties',
    'propertyNames',
    'dependentRequired',
  ]),
};

/** Whether a difference may change the names (positions) in-place applicators evaluate. */
function movesReach(d: Diff, o: SchemaView, n: SchemaView, keyword: Undecided['keyword']): boolean {
  const [first, second] = d.path;
  if (first === undefined) return !VALUE_LEVEL.test(d.type);
  if (OTHER_KIND[keyword].has(first) || first === 'not' || first === 'propertyNames') return false;
  // Inside a property both declare, or a tuple position both have: the same name is evaluated.
  if (first === 'properties' && second !== undefined) return !(o.properties.has(second) && n.properties.has(second));
  if (first === 'prefixItems' && second !== undefined)
    return Number(second) >= Math.min(o.prefixItems.length, n.prefixItems.length);
  return true;
}

/**
 * An `unevaluated*` whose reach depends on the payload (unevaluated.ts) is not judged: when it
 * changed, or anything changed that may move what the applicators beside it evaluate, a person
 * must look. Never "compatible" by silence.
 */
function compareUndecided(o: SchemaView, n: SchemaView, out: Diff[]): void {
  if (o.undecided.length === 0 && n.undecided.length === 0) return;
  for (const [keyword, type] of [
    ['unevaluatedProperties', 'UNEVALUATED_PROPERTIES_CHANGED'],
    ['unevaluatedItems', 'UNEVALUATED_ITEMS_CHANGED'],
  ] as const) {
    const a = o.undecided.find((u) => u.keyword === keyword);
    const b = n.undecided.find((u) => u.keyword === keyword);
    if (!a && !b) continue;
    const oldValue = isObject(o.node.raw) ? keywordOf(o, keyword) : undefined;
    const newValue = isObject(n.node.raw) ? keywordOf(n, keyword) : undefined;
    const changed = canonical(oldValue ?? true) !== canonical(newValue ?? true);
    if (changed || out.some((d) => movesReach(d, o, n, keyword))) {
      out.push(
        diff(type, [keyword], false, false, { needsReview: true, oldValue, newValue, detail: (b ?? a)!.reason }),
      );
    }
  }
}

function keywordOf(view: SchemaView, key: string): unknown {
  return keyword(view.node.raw as Record<string, unknown>, key, view.node.doc.draft);
}

/**
 * Whether a version's root may be told apart from others by its title and description alone
 * (checkHistory): compareViews reports them first and nothing else reads them, unless the root
 * stands for a `$ref` (its target's annotations count) or is compared whole against branches.
 */
export function titledApart(doc: SchemaDocument, which: 'old' | 'new'): boolean {
  const root = doc.root;
  if (!isObject(root) || refOnly(root, doc.draft)) return false;
  return !pureCombinator(viewOf({ raw: root, doc }, which));
}

/** The root's title and description changes, as compareViews reports them (titledApart roots). */
export function titleChanges(oldDoc: SchemaDocument, newDoc: SchemaDocument): Diff[] {
  const out: Diff[] = [];
  compareAnnotations(
    viewOf({ raw: oldDoc.root, doc: oldDoc }, 'old'),
    viewOf({ raw: newDoc.root, doc: newDoc }, 'new'),
    out,
  );
  return out.filter(isTitleChange);
}

export const isTitleChange = (d: Diff): boolean =>
  d.path.length === 0 && (d.type === 'TITLE_CHANGED' || d.type === 'DESCRIPTION_CHANGED');

function compareAnnotations(o: SchemaView, n: SchemaView, out: Diff[]): void {
  if (
    o.title === undefined &&
    n.title === undefined &&
    o.description === undefined &&
    n.description === undefined &&
    !o.hasDefault &&
    !n.hasDefault
  )
    return;
  if (!jsonEqual(o.title ?? null, n.title ?? null))
    out.push(diff('TITLE_CHANGED', [], true, true, { oldValue: o.title, newValue: n.title }));
  if (!jsonEqual(o.description ?? null, n.description ?? null))
    out.push(diff('DESCRIPTION_CHANGED', [], true, true, { oldValue: o.description, newValue: n.description }));
  if (o.hasDefault !== n.hasDefault || (o.hasDefault && !jsonEqual(o.default, n.default))) {
    out.push(diff('DEFAULT_CHANGED', [], true, true, { oldValue: o.default, newValue: n.default }));
  }
}

const ALL_TYPES: JsonType[] = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'];

export function typeList(types: Set<JsonType> | null): string[] | string {
  return types === null ? 'any' : [...types].sort();
}

function subset(a: Set<JsonType> | null, b: Set<JsonType> | null): boolean {
  if (b === null) return true;
  if (a === null) return false;
  return [...a].every((t) => admitsType(b, t));
}

/** Reports the change of type, and returns the types both sides admit (their keywords are compared). */
function compareTypes(o: SchemaView, n: SchemaView, out: Diff[]): Set<JsonType> {
  const common = new Set(ALL_TYPES.filter((t) => admitsType(o.types, t) && admitsType(n.types, t)));
  // Two enums say it all: their own comparison reports the change.
  if (o.enumValues !== null && n.enumValues !== null) return common;
  const wider = subset(o.types, n.types);
  const narrower = subset(n.types, o.types);
  if (wider && narrower) return common;
  const type = wider ? 'TYPE_EXTENDED' : narrower ? 'TYPE_NARROWED' : 'TYPE_CHANGED';
  out.push(diff(type, [], wider, narrower, { oldValue: typeList(o.types), newValue: typeList(n.types) }));
  return common;
}

function compareEnums(o: SchemaView, n: SchemaView, out: Diff[]): void {
  if (o.enumValues === null && n.enumValues === null) return;
  if (o.enumValues === null) {
    out.push(diff('ENUM_ARRAY_ADDED', [], false, true, { newValue: n.enumValues }));
    return;
  }
  if (n.enumValues === null) {
    out.push(diff('ENUM_ARRAY_REMOVED', [], true, false, { oldValue: o.enumValues }));
    return;
  }
  const oldKeys = new Set(o.enumValues.map(canonical));
  const newKeys = new Set(n.enumValues.map(canonical));
  const wider = [...oldKeys].every((k) => newKeys.has(k));
  const narrower = [...newKeys].every((k) => oldKeys.has(k));
  if (wider && narrower) return;
  const type = wider ? 'ENUM_ARRAY_EXTENDED' : narrower ? 'ENUM_ARRAY_NARROWED' : 'ENUM_ARRAY_CHANGED';
  const added = n.enumValues.filter((v) => !oldKeys.has(canonical(v)));
  const removed = o.enumValues.filter((v) => !newKeys.has(canonical(v)));
  out.push(
    diff(type, [], wider, narrower, {
      oldValue: o.enumValues,
      newValue: n.enumValues,
      detail: enumDetail(added, removed),
    }),
  );
}

function enumDetail(added: unknown[], removed: unknown[]): string {
  const parts: string[] = [];
  if (added.length) parts.push(`adds ${added.map((v) => JSON.stringify(v)).join(', ')}`);
  if (removed.length) parts.push(`drops ${removed.map((v) => JSON.stringify(v)).join(', ')}`);
  return parts.join(' and ');
}
