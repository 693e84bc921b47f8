import type { SchemaNode } from './document.ts';
import type { SchemaTable } from './intern.ts';

export type Policy = 'lenient' | 'strict';

/**
 * One difference as the engine finds it: a path relative to where the comparison started, and
 * whether it keeps each direction of compatibility. `backward`: every payload the old schema
 * accepts here, the new one accepts too (a reader of the new version reads old events).
 * `forward`: the reverse. Levels and policies are applied to these two flags, nothing else.
 */
export interface Diff {
  type: string;
  path: string[];
  backward: boolean;
  forward: boolean;
  needsReview?: boolean;
  oldValue?: unknown;
  newValue?: unknown;
  /** Extra words for the message (e.g. the differences inside a covered property). */
  detail?: string;
}

export interface Context {
  policy: Policy;
  /** Pairs being compared right now, by view key: meeting one again is recursion. */
  stack: Map<object, Set<object>>;
  memo: Map<object, Map<object, Diff[]>>;
  /** How many times recursion was cut; results computed under a cut are not memoised. */
  cuts: number;
  /** Names declared at the current place of the payload by the rest of each schema (declared-here.ts). */
  here?: { old: ReadonlySet<string>; new: ReadonlySet<string> };
  /** What the pairs of one history share (checkHistory); absent for a single pair. */
  shared?: Shared;
}

/**
 * Comparisons shared by every pair of one history: two self-contained sub-schemas (intern.ts)
 * are compared once per pair of texts and drafts, whichever versions hold them.
 */
export interface Shared {
  table: SchemaTable;
  /** By `oldDraft newDraft`, then old id, then new id. */
  memo: Map<string, Map<number, Map<number, Diff[]>>>;
  /** How many results the memo holds. */
  size: number;
  /** The work done, for the tests and the bench that hold it near-linear. */
  tally: HistoryTally;
}

export interface HistoryTally {
  /** Pairs of versions compared. */
  pairs: number;
  /** Sub-schema comparisons made (the root of each pair is one), not counting those found made. */
  comparisons: number;
}

export function newContext(policy: Policy, shared?: Shared): Context {
  return { policy, stack: new Map(), memo: new Map(), cuts: 0, shared };
}

export function diff(
  type: string,
  path: string[],
  backward: boolean,
  forward: boolean,
  extra: Partial<Diff> = {},
): Diff {
  return { type, path, backward, forward, ...extra };
}

export function prefixed(segments: string[], diffs: readonly Diff[]): Diff[] {
  return diffs.map((d) => ({ ...d, path: [...segments, ...d.path] }));
}

export const allBackward = (diffs: readonly Diff[]): boolean => diffs.every((d) => d.backward);
export const allForward = (diffs: readonly Diff[]): boolean => diffs.every((d) => d.forward);

export const TRUE_NODE = (like: SchemaNode): SchemaNode => ({ raw: true, doc: like.doc });
export const FALSE_NODE = (like: SchemaNode): SchemaNode => ({ raw: false, doc: like.doc });

/** A short list of the types inside a nested comparison, for a summary's message. */
export function summarize(diffs: readonly Diff[]): string | undefined {
  if (diffs.length === 0) return undefined;
  const types = [...new Set(diffs.map((d) => d.type))];
  return types.slice(0, 4).join(', ') + (types.length > 4 ? ', …' : '');
}
