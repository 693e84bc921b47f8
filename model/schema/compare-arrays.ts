import { compareCount } from './compare-bounds.ts';
import { compareNodes } from './compare-node.ts';
import { allBackward, allForward, diff, prefixed, summarize, type Context, type Diff } from './context.ts';
import { atChildPlace } from './declared-here.ts';
import type { SchemaNode } from './document.ts';
import { viewOf, type SchemaView } from './view.ts';

/**
 * Arrays: bounds, `uniqueItems`, `contains`, and the items position by position. A position past
 * a tuple's `prefixItems` is governed by `items`: absent is an open content model, `false` a closed
 * one, a schema a partly open one (Confluent's words for the same three cases).
 */
export function compareArrays(ctx: Context, o: SchemaView, n: SchemaView, out: Diff[]): void {
  atChildPlace(ctx, () => compareItems(ctx, o, n, out));
}

function compareItems(ctx: Context, o: SchemaView, n: SchemaView, out: Diff[]): void {
  compareCount('MIN_ITEMS', o.minItems, n.minItems, 'lower', out);
  compareCount('MAX_ITEMS', o.maxItems, n.maxItems, 'upper', out);
  if (o.uniqueItems !== n.uniqueItems) {
    out.push(
      n.uniqueItems ? diff('UNIQUE_ITEMS_ADDED', [], false, true) : diff('UNIQUE_ITEMS_REMOVED', [], true, false),
    );
  }
  if (o.contains || n.contains) {
    if (!o.contains) out.push(diff('CONTAINS_ADDED', [], false, true));
    else if (!n.contains) out.push(diff('CONTAINS_REMOVED', [], true, false));
    else {
      // An item that matched the old `contains` matches the new one if the new one is wider.
      out.push(...prefixed(['contains'], compareNodes(ctx, o.contains, n.contains)));
      compareCount('MIN_CONTAINS', o.minContains, n.minContains, 'lower', out);
      compareCount('MAX_CONTAINS', o.maxContains, n.maxContains, 'upper', out);
    }
  }
  const length = Math.max(o.prefixItems.length, n.prefixItems.length);
  for (let i = 0; i < length; i++) {
    const path = ['prefixItems', String(i)];
    const oldItem = o.prefixItems[i];
    const newItem = n.prefixItems[i];
    if (oldItem && newItem) out.push(...prefixed(path, compareNodes(ctx, oldItem, newItem)));
    else if (newItem) out.push(itemAdded(ctx, o.items, newItem, path));
    else if (oldItem) out.push(itemRemoved(ctx, oldItem, n.items, path));
  }
  // Reported at the keyword that governs the tail now (`additionalItems` in a draft-07 tuple, `unevaluatedItems` …).
  compareTail(
    ctx,
    o.items,
    n.items,
    out,
    n.items !== undefined || o.items === undefined ? n.itemsKeyword : o.itemsKeyword,
  );
}

function isClosed(node: SchemaNode | undefined): boolean {
  return node !== undefined && node.raw === false;
}

function itemAdded(ctx: Context, oldTail: SchemaNode | undefined, added: SchemaNode, path: string[]): Diff {
  if (oldTail === undefined) {
    const accepts = !viewOf(added, 'new').asserts;
    return diff(
      accepts ? 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL',
      path,
      accepts,
      true,
    );
  }
  if (isClosed(oldTail)) return diff('ITEM_ADDED_TO_CLOSED_CONTENT_MODEL', path, true, false);
  const inner = compareNodes(ctx, oldTail, added);
  const covered = allBackward(inner) && allForward(inner);
  return diff(
    covered
      ? 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
      : 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    path,
    allBackward(inner),
    allForward(inner),
    withDetail(inner),
  );
}

function itemRemoved(ctx: Context, removed: SchemaNode, newTail: SchemaNode | undefined, path: string[]): Diff {
  if (newTail === undefined) {
    const accepted = !viewOf(removed, 'old').asserts;
    return diff('ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL', path, true, accepted);
  }
  if (isClosed(newTail)) {
    return isClosed(removed)
      ? diff('ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL', path, true, true)
      : diff('ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL', path, false, true);
  }
  const inner = compareNodes(ctx, removed, newTail);
  const covered = allBackward(inner) && allForward(inner);
  return diff(
    covered
      ? 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
      : 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    path,
    allBackward(inner),
    allForward(inner),
    withDetail(inner),
  );
}

function tailKind(s: SchemaNode | undefined): 'open' | 'closed' | 'schema' {
  return s === undefined || !viewOf(s, 'either').asserts ? 'open' : isClosed(s) ? 'closed' : 'schema';
}

function compareTail(
  ctx: Context,
  o: SchemaNode | undefined,
  n: SchemaNode | undefined,
  out: Diff[],
  keyword: string,
): void {
  const path = [keyword];
  const a = tailKind(o);
  const b = tailKind(n);
  if (a === 'open' && b === 'open') return;
  if (a === 'schema' && b === 'schema') {
    out.push(...prefixed(path, compareNodes(ctx, o!, n!)));
    return;
  }
  if (a === b) return;
  if (a === 'open')
    out.push(diff(b === 'closed' ? 'ADDITIONAL_ITEMS_REMOVED' : 'ADDITIONAL_ITEMS_NARROWED', path, false, true));
  else if (b === 'open')
    out.push(diff(a === 'closed' ? 'ADDITIONAL_ITEMS_ADDED' : 'ADDITIONAL_ITEMS_EXTENDED', path, true, false));
  else if (a === 'closed') out.push(diff('ADDITIONAL_ITEMS_EXTENDED', path, true, false));
  else out.push(diff('ADDITIONAL_ITEMS_NARROWED', path, false, true));
}

export function withDetail(inner: readonly Diff[]): Partial<Diff> {
  const detail = summarize(inner);
  return detail === undefined ? {} : { detail: `inside: ${detail}` };
}
