import type { Draft } from '../json-schema/ajv.ts';
import { keyword, referencesOf } from './dialect.ts';
import { resolveRef, type SchemaDocument, type SchemaNode } from './document.ts';
import { isObject } from './json.ts';
import type { SchemaView } from './view.ts';

/**
 * `unevaluatedProperties` and `unevaluatedItems` apply to what nothing else in place evaluated:
 * the schema's own `properties`, `patternProperties`, `prefixItems` …, and those of the
 * applicators beside it (`allOf`, `$ref`, `anyOf`, `if` …) that a payload passes through.
 *
 * When what those applicators evaluate is the same for every payload (`allOf` and `$ref` always
 * apply; a branch that declares nothing evaluates nothing), the keyword is exactly an
 * `additionalProperties` (or `items` past the tuple) over the names (positions) nobody else
 * evaluates, and the view says so: the names the applicators evaluate become declared with `true`,
 * and the keyword becomes the view's `additional` (`items`). The comparison then judges it like
 * any closed or partly open content model.
 *
 * When it depends on the payload (an `anyOf` branch that declares properties, an `if` that does),
 * the view records why: any change that could move what is evaluated is then marked for review.
 */
export interface Undecided {
  keyword: 'unevaluatedProperties' | 'unevaluatedItems';
  value: unknown;
  /** Why a person must look, in words: "which branch of its "anyOf" a payload matches …". */
  reason: string;
}

type What = 'properties' | 'items';

/** What a schema evaluates for every payload it accepts. */
interface Reach {
  all: boolean;
  names: Set<string>;
  patterns: Set<string>;
  /** Tuple positions (items) evaluated: the longest `prefixItems`. */
  prefix: number;
}
type Found = Reach | { undecided: string };

const nothing = (): Reach => ({ all: false, names: new Set(), patterns: new Set(), prefix: 0 });
const isEmpty = (r: Reach): boolean => !r.all && r.names.size === 0 && r.patterns.size === 0 && r.prefix === 0;

function join(into: Reach, other: Reach): void {
  into.all ||= other.all;
  for (const n of other.names) into.names.add(n);
  for (const p of other.patterns) into.patterns.add(p);
  into.prefix = Math.max(into.prefix, other.prefix);
}

// ajv (the validator of the workbench and of every generated service) does not count the items
// `contains` matched as evaluated; 2020-12 says to. Neither answer can be given for both.
const CONTAINS =
  'ajv (the validator of the workbench and of every generated service) does not count the items that match "contains" as evaluated, though 2020-12 does, and the two disagree on which items it constrains';

/** What a schema's own keywords evaluate, before the applicators beside them. */
function ownReach(raw: Record<string, unknown>, draft: Draft, what: What, withUnevaluated = true): Found {
  const reach = nothing();
  if (what === 'properties') {
    const properties = keyword(raw, 'properties', draft);
    if (isObject(properties)) for (const name of Object.keys(properties)) reach.names.add(name);
    const patterns = keyword(raw, 'patternProperties', draft);
    if (isObject(patterns)) for (const p of Object.keys(patterns)) reach.patterns.add(p);
    reach.all =
      keyword(raw, 'additionalProperties', draft) !== undefined ||
      (withUnevaluated && keyword(raw, 'unevaluatedProperties', draft) !== undefined);
    return reach;
  }
  const items = keyword(raw, 'items', draft);
  if (Array.isArray(items)) {
    reach.prefix = items.length;
    reach.all = keyword(raw, 'additionalItems', draft) !== undefined;
  } else {
    const prefix = keyword(raw, 'prefixItems', draft);
    if (Array.isArray(prefix)) reach.prefix = prefix.length;
    reach.all = items !== undefined;
  }
  reach.all ||= withUnevaluated && keyword(raw, 'unevaluatedItems', draft) !== undefined;
  if (!reach.all && draft === '2020-12' && keyword(raw, 'contains', draft) !== undefined)
    return { undecided: CONTAINS };
  return reach;
}

function reachOf(value: unknown, doc: SchemaDocument, which: string, what: What, seen: Set<unknown>): Found {
  if (!isObject(value)) return nothing();
  if (seen.has(value)) return { undecided: 'its applicators refer back to themselves ("$ref" through "allOf")' };
  const own = ownReach(value, doc.draft, what);
  if ('undecided' in own || own.all) return own;
  const inner = new Set(seen).add(value);
  const beside = reachBeside(value, doc, which, what, inner);
  if ('undecided' in beside) return beside;
  join(own, beside);
  return own;
}

/**
 * What the in-place applicators of a schema object evaluate for every payload, or why that
 * depends on the payload.
 */
export function reachBeside(
  raw: Record<string, unknown>,
  doc: SchemaDocument,
  which: string,
  what: What,
  seen: Set<unknown>,
): Found {
  const draft = doc.draft;
  const reach = nothing();
  // Always applied: every `allOf` branch and every reference.
  const always: unknown[] = [];
  const allOf = keyword(raw, 'allOf', draft);
  if (Array.isArray(allOf)) always.push(...allOf);
  for (const ref of referencesOf(raw, draft)) always.push(resolveRef(doc, ref, which));
  for (const branch of always) {
    const found = reachOf(branch, doc, which, what, seen);
    if ('undecided' in found) return found;
    join(reach, found);
  }
  // Applied to some payloads only: fine as long as they evaluate nothing.
  const sometimes: Array<[string, unknown]> = [];
  for (const key of ['anyOf', 'oneOf']) {
    const branches = keyword(raw, key, draft);
    if (Array.isArray(branches)) for (const b of branches) sometimes.push([key, b]);
  }
  for (const key of ['if', 'then', 'else']) {
    const branch = keyword(raw, key, draft);
    if (branch !== undefined && keyword(raw, 'if', draft) !== undefined) sometimes.push([key, branch]);
  }
  for (const key of ['dependentSchemas', 'dependencies']) {
    const map = keyword(raw, key, draft);
    if (isObject(map))
      for (const name of Object.keys(map)) if (!Array.isArray(map[name])) sometimes.push([key, map[name]]);
  }
  for (const [key, branch] of sometimes) {
    const found = reachOf(branch, doc, which, what, seen);
    if ('undecided' in found) return found;
    if (!isEmpty(found)) return { undecided: because(key, what) };
  }
  return reach;
}

function because(key: string, what: What): string {
  const things = what === 'properties' ? 'properties' : 'items';
  if (key === 'anyOf' || key === 'oneOf')
    return `the ${things} its "${key}" evaluates depend on which branches a payload matches`;
  if (key === 'if' || key === 'then' || key === 'else')
    return `the ${things} its "if"/"then"/"else" evaluates depend on whether a payload matches "if"`;
  return `the ${things} its "${key}" evaluates depend on which properties a payload has`;
}

const node = (raw: unknown, doc: SchemaDocument): SchemaNode | undefined =>
  raw === true || (!isObject(raw) && raw !== false) ? undefined : { raw, doc };

/** Turns a decidable `unevaluated*` of a view into the content model it is (see the top of this file). */
export function closeUnevaluated(raw: Record<string, unknown>, view: SchemaView, which: string): void {
  const doc = view.node.doc;
  const draft = doc.draft;
  const up = keyword(raw, 'unevaluatedProperties', draft);
  if (up !== undefined && keyword(raw, 'additionalProperties', draft) === undefined) {
    const found = reachBeside(raw, doc, which, 'properties', new Set([raw]));
    if ('undecided' in found)
      view.undecided = [...view.undecided, { keyword: 'unevaluatedProperties', value: up, reason: found.undecided }];
    else if (!found.all) {
      const declared = (names: Iterable<string>, into: Map<string, SchemaNode>): Map<string, SchemaNode> => {
        const out = new Map(into);
        for (const name of names) if (!out.has(name)) out.set(name, { raw: true, doc });
        return out;
      };
      if (found.names.size > 0) view.properties = declared(found.names, view.properties);
      if (found.patterns.size > 0) view.patternProperties = declared(found.patterns, view.patternProperties);
      view.additional = node(up, doc);
      view.additionalKeyword = 'unevaluatedProperties';
    }
  }
  const ui = keyword(raw, 'unevaluatedItems', draft);
  if (ui === undefined) return;
  const own = ownReach(raw, draft, 'items', false);
  if (!('undecided' in own) && own.all) return;
  const beside = 'undecided' in own ? own : reachBeside(raw, doc, which, 'items', new Set([raw]));
  if ('undecided' in beside) {
    view.undecided = [...view.undecided, { keyword: 'unevaluatedItems', value: ui, reason: beside.undecided }];
    return;
  }
  if (beside.all) return;
  const length = Math.max(view.prefixItems.length, beside.prefix);
  if (length > view.prefixItems.length)
    view.prefixItems = [
      ...view.prefixItems,
      ...Array.from({ length: length - view.prefixItems.length }, () => ({ raw: true, doc })),
    ];
  view.items = node(ui, doc);
  view.itemsKeyword = 'unevaluatedItems';
}
