import type { Draft, DraftReading } from '../json-schema/validator-setup.ts';
import { referencesOf, usesDynamicRef } from './dialect.ts';
import { unescapeSegment } from '../json-pointer.ts';
import { SchemaInputError } from './errors.ts';
import { isObject, own } from './json.ts';
import type { SchemaIds } from './intern.ts';
import type { SchemaView } from './view.ts';

/**
 * One schema document: its root, its draft, and the places a `$ref` may point to (JSON pointers,
 * `$id`s, `$anchor`s). Every sub-schema of the document is reached through a `SchemaNode`.
 */
export interface SchemaDocument {
  root: unknown;
  draft: Draft;
  /** How the draft was chosen: named by `$schema`, or inferred (and from which keyword). */
  reading: DraftReading;
  base: string | undefined;
  /** `$id`s (absolute where the root has a base) and anchors (`#name`) to their sub-schemas. */
  targets: Map<string, unknown>;
  /** Resolved `$ref`s, by their text. */
  resolved: Map<string, unknown>;
  /**
   * Views and merged `allOf`s of this document's sub-schemas. They live as long as one comparison:
   * a schema object edited in place between two comparisons is never seen stale.
   */
  views: Map<object, SchemaView>;
  merged: Map<object, Record<string, unknown>>;
  /** A sub-schema below the root has its own `$id` (an embedded resource). */
  embedded?: boolean;
  /** A `$recursiveRef` or `$dynamicRef` the draft applies appears somewhere. */
  dynamic?: boolean;
  /** The schema objects that hold a reference, found while indexing (checkRefs follows them). */
  referrers: Record<string, unknown>[];
  /** The ids of its sub-schemas' texts, when it is one version of a history (intern.ts). */
  ids?: SchemaIds;
}

export interface SchemaNode {
  raw: unknown;
  doc: SchemaDocument;
}

// Values under these keywords are data, not schemas: a `$ref` or `$id` inside them means nothing.
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

/** The sentence for input that is neither an object nor a boolean. */
export function notASchema(root: unknown, which: string): SchemaInputError | undefined {
  if (typeof root === 'boolean' || isObject(root)) return undefined;
  return new SchemaInputError(
    `The ${which} schema is not a JSON Schema: it must be an object or a boolean, not ${Array.isArray(root) ? 'an array' : root === null ? 'null' : `a ${typeof root}`}.`,
  );
}

export function unknownDraft(which: string): SchemaInputError {
  return new SchemaInputError(
    `The ${which} schema names a "$schema" Stormbench does not know (use draft 2020-12, 2019-09, draft-07, draft-06 or draft-04).`,
  );
}

/** A document of a schema already checked against its draft's meta-schema (compare.ts `load`). */
export function makeDocument(root: unknown, which: string, reading: DraftReading, plain = false): SchemaDocument {
  const bad = notASchema(root, which);
  if (bad) throw bad;
  const draft = reading.draft;
  const idKey = draft === 'draft-04' ? 'id' : '$id';
  const rootId = isObject(root) ? own(root, idKey) : undefined;
  const base = typeof rootId === 'string' ? stripFragment(rootId) : undefined;
  const doc: SchemaDocument = {
    root,
    draft,
    reading,
    base,
    targets: new Map(),
    resolved: new Map(),
    views: new Map(),
    merged: new Map(),
    referrers: [],
  };
  // A schema without references or targets has nothing to index (most event schemas).
  if (!plain) index(doc, root, idKey, new Set(), true);
  return doc;
}

function stripFragment(uri: string): string {
  const i = uri.indexOf('#');
  return i === -1 ? uri : uri.slice(0, i);
}

function absolute(ref: string, base: string | undefined): string {
  if (base === undefined) return ref;
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

function index(doc: SchemaDocument, value: unknown, idKey: string, seen: Set<unknown>, isRoot = false): void {
  if (Array.isArray(value)) {
    for (const item of value) index(doc, item, idKey, seen);
    return;
  }
  if (!isObject(value) || seen.has(value)) return;
  seen.add(value);
  const id = own(value, idKey);
  if (typeof id === 'string' && !isRoot && !id.startsWith('#')) doc.embedded = true;
  const dynamic = usesDynamicRef(value, doc.draft);
  if (dynamic) doc.dynamic = true;
  if (dynamic || typeof own(value, '$ref') === 'string') doc.referrers.push(value);
  if (typeof id === 'string') {
    if (id.startsWith('#')) doc.targets.set(id, value);
    else {
      doc.targets.set(stripFragment(absolute(id, doc.base)), value);
      doc.targets.set(stripFragment(id), value);
    }
  }
  // ajv indexes both kinds of anchor in every draft.
  for (const key of ['$anchor', '$dynamicAnchor']) {
    const anchor = own(value, key);
    if (typeof anchor === 'string') doc.targets.set(`#${anchor}`, value);
  }
  for (const key of Object.keys(value)) {
    if (!DATA_KEYWORDS.has(key)) index(doc, value[key], idKey, seen);
  }
}

/** The sub-schema a `$ref` names, or a SchemaInputError that says which `$ref` points nowhere. */
export function resolveRef(doc: SchemaDocument, ref: string, which: string): unknown {
  const hit = doc.resolved.get(ref);
  if (hit !== undefined) return hit;
  const target = findRef(doc, ref, which);
  doc.resolved.set(ref, target);
  return target;
}

function findRef(doc: SchemaDocument, ref: string, which: string): unknown {
  const hash = ref.indexOf('#');
  const resource = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  let start: unknown = doc.root;
  if (resource !== '') {
    const abs = stripFragment(absolute(resource, doc.base));
    const isRoot = doc.base !== undefined && abs === doc.base;
    if (!isRoot) {
      const hit = doc.targets.has(abs) ? doc.targets.get(abs) : doc.targets.get(resource);
      if (hit === undefined) throw nowhere(ref, which);
      start = hit;
    }
  }
  if (fragment === '') return start;
  if (!fragment.startsWith('/')) {
    const hit = doc.targets.get(`#${decodeURIComponent(fragment)}`);
    if (hit === undefined) throw nowhere(ref, which);
    return hit;
  }
  let current: unknown = start;
  for (const raw of fragment.slice(1).split('/')) {
    let segment: string;
    try {
      segment = unescapeSegment(decodeURIComponent(raw));
    } catch {
      throw nowhere(ref, which);
    }
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(segment) && Number(segment) < current.length) {
      current = current[Number(segment)];
    } else if (isObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      throw nowhere(ref, which);
    }
  }
  if (typeof current !== 'boolean' && !isObject(current)) throw nowhere(ref, which);
  return current;
}

function nowhere(ref: string, which: string): SchemaInputError {
  return new SchemaInputError(
    `The ${which} schema has a "$ref" to ${JSON.stringify(ref)}, which points nowhere in the schema; add that definition or fix the reference.`,
  );
}

/** Visits every `$ref` of the document once, so a dangling one is an input error even if unused. */
export function checkRefs(doc: SchemaDocument, which: string): void {
  if (doc.dynamic && doc.embedded) {
    // With one resource, a dynamic reference names one schema whatever path reached it; across
    // embedded resources it depends on the path, which no comparison of two documents can fix.
    throw new SchemaInputError(
      `The ${which} schema uses "$recursiveRef" or "$dynamicRef" in a document with embedded resources (sub-schemas with their own "$id"); which schema it names depends on the path a payload takes, so Stormbench cannot compare it: compare by hand, or use "$ref" to name the schema.`,
    );
  }
  // Indexing found every schema object that holds a reference: one walk of the document, not two.
  for (const value of doc.referrers) {
    for (const ref of referencesOf(value, doc.draft)) {
      // Following `$ref`s alone, without going into a property or an item, must reach a schema:
      // a cycle there is an infinite regress for every validator (ajv overflows its stack).
      const chain = new Set<unknown>([value]);
      let target = resolveRef(doc, ref, which);
      let next: string | undefined;
      while (isObject(target) && (next = referencesOf(target, doc.draft)[0]) !== undefined) {
        if (chain.has(target))
          throw new SchemaInputError(
            `The ${which} schema has a "$ref" cycle that never reaches a schema (${ref}); make one of the definitions say something itself.`,
          );
        chain.add(target);
        target = resolveRef(doc, next, which);
      }
    }
  }
}
