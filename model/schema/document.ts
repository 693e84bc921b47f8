import { draftOf, type Draft } from '../json-schema/ajv.ts';
import { unescapeSegment } from '../json-pointer.ts';
import { SchemaInputError } from './errors.ts';
import { isObject, own } from './json.ts';
import type { SchemaView } from './view.ts';

/**
 * One schema document: its root, its draft, and the places a `$ref` may point to (JSON pointers,
 * `$id`s, `$anchor`s). Every sub-schema of the document is reached through a `SchemaNode`.
 */
export interface SchemaDocument {
  root: unknown;
  draft: Draft;
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
}

export interface SchemaNode {
  raw: unknown;
  doc: SchemaDocument;
}

// Values under these keywords are data, not schemas: a `$ref` or `$id` inside them means nothing.
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

export function makeDocument(root: unknown, which: string): SchemaDocument {
  if (typeof root !== 'boolean' && !isObject(root)) {
    throw new SchemaInputError(`The ${which} schema is not a JSON Schema: it must be an object or a boolean, not ${Array.isArray(root) ? 'an array' : root === null ? 'null' : `a ${typeof root}`}.`);
  }
  const draft = draftOf(root);
  if (draft === undefined) {
    throw new SchemaInputError(`The ${which} schema names a "$schema" Stormbench does not know (use draft 2020-12, 2019-09, draft-07, draft-06 or draft-04).`);
  }
  const idKey = draft === 'draft-04' ? 'id' : '$id';
  const rootId = isObject(root) ? own(root, idKey) : undefined;
  const base = typeof rootId === 'string' ? stripFragment(rootId) : undefined;
  const doc: SchemaDocument = { root, draft, base, targets: new Map(), resolved: new Map(), views: new Map(), merged: new Map() };
  index(doc, root, idKey, new Set());
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

function index(doc: SchemaDocument, value: unknown, idKey: string, seen: Set<unknown>): void {
  if (Array.isArray(value)) {
    for (const item of value) index(doc, item, idKey, seen);
    return;
  }
  if (!isObject(value) || seen.has(value)) return;
  seen.add(value);
  const id = own(value, idKey);
  if (typeof id === 'string') {
    if (id.startsWith('#')) doc.targets.set(id, value);
    else {
      doc.targets.set(stripFragment(absolute(id, doc.base)), value);
      doc.targets.set(stripFragment(id), value);
    }
  }
  const anchor = own(value, '$anchor');
  if (typeof anchor === 'string') doc.targets.set(`#${anchor}`, value);
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
  return new SchemaInputError(`The ${which} schema has a "$ref" to ${JSON.stringify(ref)}, which points nowhere in the schema; add that definition or fix the reference.`);
}

/** Visits every `$ref` of the document once, so a dangling one is an input error even if unused. */
export function checkRefs(doc: SchemaDocument, which: string): void {
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isObject(value) || seen.has(value)) return;
    seen.add(value);
    const ref = own(value, '$ref');
    if (typeof ref === 'string') {
      // Following `$ref`s alone, without going into a property or an item, must reach a schema:
      // a cycle there is an infinite regress for every validator (ajv overflows its stack).
      const chain = new Set<unknown>([value]);
      let target = resolveRef(doc, ref, which);
      while (isObject(target) && typeof own(target, '$ref') === 'string') {
        if (chain.has(target)) throw new SchemaInputError(`The ${which} schema has a "$ref" cycle that never reaches a schema (${ref}); make one of the definitions say something itself.`);
        chain.add(target);
        target = resolveRef(doc, own(target, '$ref') as string, which);
      }
    }
    for (const key of Object.keys(value)) if (!DATA_KEYWORDS.has(key)) visit(value[key]);
  };
  visit(doc.root);
}
