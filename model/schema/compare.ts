import type { CompatibilityLevel, EventVersion } from '../board/types.ts';
import type { DraftReading } from '../json-schema/validator-setup.ts';
import { compareNodes, isTitleChange, titleChanges, titledApart } from './compare-node.ts';
import { newContext, type Context, type Diff, type HistoryTally, type Policy, type Shared } from './context.ts';
import { checkRefs, makeDocument, notASchema, unknownDraft, type SchemaDocument } from './document.ts';
import { SchemaInputError } from './errors.ts';
import { fragmentOf, pointerOf, segmentsOf } from '../json-pointer.ts';
import { SchemaTable } from './intern.ts';
import { canonical } from './json.ts';
import { describe } from './messages.ts';
import { checkSchema } from './schema-check.ts';

export type { Policy } from './context.ts';
export { SchemaInputError } from './errors.ts';

export interface Difference {
  /** Confluent's name where it has one (`TYPE_NARROWED`), new ones in the same style. */
  type: string;
  /** JSON pointer into the schema, at the place of use: `#/properties/total`. */
  path: string;
  /** Whether this difference keeps the report's level (always true for NONE). */
  compatible: boolean;
  /** What it means for readers and writers of the event, in one sentence. */
  message: string;
  /** The engine could not decide (a changed regular expression): a person must look. */
  needsReview?: boolean;
  /** A reader of the new version still reads payloads of the old one. */
  backward: boolean;
  /** A reader of the old version still reads payloads of the new one. */
  forward: boolean;
  oldValue?: unknown;
  newValue?: unknown;
}

export interface CompatibilityReport {
  compatible: boolean;
  mode: CompatibilityLevel;
  policy: Policy;
  /** The draft each version was read in; `inferredFrom` when no `$schema` named it (draftNote says it in words). */
  drafts: { old: DraftReading; new: DraftReading };
  differences: Difference[];
}

export interface CompareOptions {
  mode?: CompatibilityLevel;
  policy?: Policy;
}

/** Whether a difference keeps a level: `_TRANSITIVE` means the same as the plain level for one pair. */
export function keepsLevel(d: { backward: boolean; forward: boolean }, mode: CompatibilityLevel): boolean {
  switch (mode) {
    case 'NONE':
      return true;
    case 'BACKWARD':
    case 'BACKWARD_TRANSITIVE':
      return d.backward;
    case 'FORWARD':
    case 'FORWARD_TRANSITIVE':
      return d.forward;
    default:
      return d.backward && d.forward;
  }
}

/** ajv's first complaint, with its `data/type` written as a pointer: `#/type must be …`. */
function ajvReason(message: string): string {
  const first = message
    .replace(/\s+/g, ' ')
    .replace(/^schema is invalid: /, '')
    .split(', data')[0]!;
  return first.replace(/^data(\/|\b)/, '#$1').replace(/\.$/, '');
}

function load(schema: unknown, which: 'old' | 'new') {
  const bad = notASchema(schema, which);
  if (bad) throw bad;
  // Checked by its draft's meta-schema, not compiled: a validator is not needed to compare.
  const checked = checkSchema(schema);
  if (!checked.ok)
    throw checked.reading === undefined
      ? unknownDraft(which)
      : new SchemaInputError(`The ${which} schema is not a valid JSON Schema: ${ajvReason(checked.message)}.`);
  const doc = makeDocument(schema, which, checked.reading, checked.plain);
  checkRefs(doc, which);
  return doc;
}

/**
 * Compares two JSON Schemas of one event (`oldSchema` is the earlier version) and reports every
 * difference with its verdict under `mode` (default BACKWARD) and `policy` (default lenient).
 * Throws SchemaInputError for input that is not a schema or holds a `$ref` that points nowhere.
 */
export function compareSchemas(
  oldSchema: unknown,
  newSchema: unknown,
  options: CompareOptions = {},
): CompatibilityReport {
  return compareDocuments(load(oldSchema, 'old'), load(newSchema, 'new'), options);
}

function compareDocuments(
  oldDoc: SchemaDocument,
  newDoc: SchemaDocument,
  options: CompareOptions,
): CompatibilityReport {
  const mode = options.mode ?? 'BACKWARD';
  const policy = options.policy ?? 'lenient';
  return toReport(findDifferences(oldDoc, newDoc, newContext(policy)), oldDoc, newDoc, mode, policy);
}

function findDifferences(oldDoc: SchemaDocument, newDoc: SchemaDocument, ctx: Context): Diff[] {
  return dedupe(compareNodes(ctx, { raw: oldDoc.root, doc: oldDoc }, { raw: newDoc.root, doc: newDoc }));
}

function toReport(
  found: Diff[],
  oldDoc: SchemaDocument,
  newDoc: SchemaDocument,
  mode: CompatibilityLevel,
  policy: Policy,
): CompatibilityReport {
  const differences = found.map((d) => toDifference(d, mode));
  return {
    compatible: differences.every((d) => d.compatible),
    mode,
    policy,
    drafts: { old: oldDoc.reading, new: newDoc.reading },
    differences,
  };
}

function dedupe(diffs: Diff[]): Diff[] {
  const seen = new Set<string>();
  return diffs.filter((d) => {
    const key = `${d.type}\u0000${d.path.join('\u0000')}\u0000${d.backward}${d.forward}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toDifference(d: Diff, mode: CompatibilityLevel): Difference {
  const path = fragmentOf(d.path);
  const out: Difference = {
    type: d.type,
    path,
    compatible: keepsLevel(d, mode),
    message: describe(d, path),
    backward: d.backward,
    forward: d.forward,
  };
  if (d.needsReview) out.needsReview = true;
  if (d.oldValue !== undefined) out.oldValue = d.oldValue;
  if (d.newValue !== undefined) out.newValue = d.newValue;
  return out;
}

export interface HistoryStep {
  /** Version numbers, as the board numbers them. */
  from: number;
  to: number;
  report: CompatibilityReport;
}

const TRANSITIVE = new Set<CompatibilityLevel>(['BACKWARD_TRANSITIVE', 'FORWARD_TRANSITIVE', 'FULL_TRANSITIVE']);

export type { HistoryTally } from './context.ts';

export interface HistoryOptions {
  policy?: Policy;
  /**
   * `breaking`: keep only the steps that break the level (what the linter reports). Every pair is
   * still compared, but a compatible one leaves nothing behind, so a long _TRANSITIVE history
   * holds its breaks, not its n(n-1)/2 reports.
   */
  keep?: 'all' | 'breaking';
  /** Filled with the work done (pairs, sub-schema comparisons). */
  tally?: HistoryTally;
}

/**
 * Checks a version history against a level: each version against the one before it, or against
 * every earlier one for the `_TRANSITIVE` levels. NONE still lists the differences, all compatible.
 */
export function checkHistory(
  versions: EventVersion[],
  level: CompatibilityLevel,
  options: HistoryOptions = {},
): { compatible: boolean; steps: HistoryStep[] } {
  const policy = options.policy ?? 'lenient';
  const keepAll = options.keep !== 'breaking';
  const steps: HistoryStep[] = [];
  let compatible = true;
  // Each version is checked, indexed and interned once, and its views serve every step it takes
  // part in (a _TRANSITIVE history of n versions has n(n-1)/2 steps). Nothing edits them meanwhile.
  const shared: Shared = {
    table: new SchemaTable(),
    memo: new Map(),
    size: 0,
    tally: options.tally ?? { pairs: 0, comparisons: 0 },
  };
  const docs: SchemaDocument[] = [];
  const doc = (i: number): SchemaDocument => {
    let d = docs[i];
    if (d === undefined) {
      d = docs[i] = load(versions[i]!.schema, i === 0 ? 'old' : 'new');
      d.ids = shared.table.intern(d.root);
    }
    return d;
  };
  // Each version's text, and whether its root's title and description can be set apart (then
  // the id of its root without them).
  const texts: Array<{ text: number | undefined; untitled: number | undefined }> = [];
  const textOf = (i: number) => {
    let t = texts[i];
    if (t === undefined) {
      const d = doc(i);
      const untitled = titledApart(d, i === 0 ? 'old' : 'new')
        ? shared.table.untitled(d.ids!, d.root as Record<string, unknown>)
        : undefined;
      t = texts[i] = { text: d.ids!.of.get(d.root as object), untitled };
    }
    return t;
  };
  for (let i = 1; i < versions.length; i++) {
    const first = TRANSITIVE.has(level) ? 0 : i - 1;
    textOf(first); // versions are read in order, so a broken one is named as before
    const newer = doc(i);
    const retitled = textOf(i).untitled !== undefined;
    // Earlier versions with one text give this version the same differences: each distinct
    // earlier text is compared once (a history that goes back and forth compares few pairs).
    // Where only the roots' title and description set earlier versions apart, the rest of the
    // differences is the same, and those two are compared alone (they always keep the level).
    const compared = new Map<number, { breaks: boolean; rest: Diff[]; differences?: Difference[] }>();
    for (let j = first; j < i; j++) {
      const older = doc(j);
      const { text, untitled } = textOf(j);
      const apart = retitled && untitled !== undefined;
      // Title-less ids below zero, text ids from zero: one map, no key to build per pair.
      const g = apart ? -1 - untitled : text;
      let step = g === undefined ? undefined : compared.get(g);
      let titles: Diff[] | undefined;
      if (step === undefined) {
        shared.tally.pairs++;
        const found = findDifferences(older, newer, newContext(policy, shared));
        let k = 0;
        if (apart) while (k < found.length && isTitleChange(found[k]!)) k++;
        titles = found.slice(0, k);
        step = { breaks: !found.every((d) => keepsLevel(d, level)), rest: found.slice(k) };
        if (g !== undefined) compared.set(g, step);
      }
      if (step.breaks) compatible = false;
      if (!keepAll && !step.breaks) continue;
      titles ??= apart ? titleChanges(older, newer) : [];
      step.differences ??= step.rest.map((d) => toDifference(d, level));
      const differences =
        titles.length === 0 ? step.differences : [...titles.map((d) => toDifference(d, level)), ...step.differences];
      const report: CompatibilityReport = {
        compatible: !step.breaks,
        mode: level,
        policy,
        drafts: { old: older.reading, new: newer.reading },
        differences,
      };
      steps.push({ from: versions[j]!.version, to: versions[i]!.version, report });
    }
  }
  return { compatible, steps };
}

export interface MechanicalStep {
  /** True when an old payload becomes a new one by filling defaults and dropping removed properties. */
  mechanical: boolean;
  /** Payload pointers (`/currency`) and the default to put there when the property is missing. */
  defaults: Array<{ pointer: string; value: unknown }>;
  /** Payload pointers of properties the new version no longer declares, to delete. */
  removed: string[];
  /** The differences that stop it from being mechanical. */
  blocking: Difference[];
}

const FILLS_DEFAULT = new Set([
  'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL',
  'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL',
  'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
  'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
  'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL',
  'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED',
]);
const DROPS = new Set([
  'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL',
  'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL',
  'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL',
]);

/**
 * For the generator's upcasters: whether old → new can be upcast without a person writing code,
 * and how. It can when every difference is one of:
 * - a property added with a `default`: fill the default when the property is missing;
 * - a property removed: delete it;
 * - anything the report calls backward compatible (an annotation, an optional property without a
 *   default, a widened type or bound): an old payload is already valid, nothing to do.
 * Only plain property paths can be filled or deleted (`#/properties/a/properties/b` becomes the
 * payload pointer `/a/b`); anything else that is not backward compatible (a changed type, a new
 * required property without a default, a change inside an array or a combinator) needs
 * hand-written code and is listed in `blocking`. Use a report of the event's own policy.
 */
export function isMechanicalStep(report: CompatibilityReport): MechanicalStep {
  const defaults: MechanicalStep['defaults'] = [];
  const removed: string[] = [];
  const blocking: Difference[] = [];
  const seen = new Set<string>();
  for (const d of report.differences) {
    const payload = payloadPointer(d.path);
    // A property added without a default needs nothing filled; with one, the default goes in.
    if (payload !== undefined && FILLS_DEFAULT.has(d.type) && d.newValue !== undefined) {
      if (!seen.has(payload)) {
        seen.add(payload);
        defaults.push({ pointer: payload, value: d.newValue });
      }
      continue;
    }
    if (payload !== undefined && DROPS.has(d.type)) {
      removed.push(payload);
      continue;
    }
    if (d.backward) continue;
    blocking.push(d);
  }
  return { mechanical: blocking.length === 0, defaults, removed, blocking };
}

function payloadPointer(path: string): string | undefined {
  const segments = segmentsOf(path);
  if (segments.length % 2 !== 0 || segments.length === 0) return undefined;
  const out: string[] = [];
  for (let i = 0; i < segments.length; i += 2) {
    if (segments[i] !== 'properties') return undefined;
    out.push(segments[i + 1]!);
  }
  return pointerOf(out);
}

/** Two schemas that accept exactly the same payloads as far as the engine can tell. */
export function sameSchema(a: unknown, b: unknown): boolean {
  if (canonical(a) === canonical(b)) return true;
  return compareSchemas(a, b, { mode: 'FULL', policy: 'strict' }).differences.every((d) => d.backward && d.forward);
}
