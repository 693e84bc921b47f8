import { withDetail } from './compare-arrays.ts';
import { compareCount } from './compare-bounds.ts';
import { compareNodes } from './compare-node.ts';
import { allBackward, allForward, diff, FALSE_NODE, prefixed, TRUE_NODE, type Context, type Diff } from './context.ts';
import { atChildPlace, atSamePlace, hasInPlace, namedBeside, namesAt } from './declared-here.ts';
import type { SchemaNode } from './document.ts';
import { compilePattern, type PatternMatcher } from '../json-schema/validator-setup.ts';
import { viewOf, type SchemaView } from './view.ts';

/**
 * What an object schema says about a property name it does not declare: nothing (an open content
 * model), that it may not appear (closed: `additionalProperties: false`), or that its value must
 * match a schema (partly open: `additionalProperties` as a schema, or a matching `patternProperties`).
 */
type Slot = { kind: 'open' } | { kind: 'closed' } | { kind: 'schema'; node: SchemaNode };

/** A property-name pattern, run as every value's pattern is (linear time); null when invalid. */
function regex(pattern: string): PatternMatcher | null {
  try {
    return compilePattern(pattern);
  } catch {
    return null;
  }
}

function governing(view: SchemaView, name: string): Slot {
  const matches: SchemaNode[] = [];
  for (const [pattern, node] of view.patternProperties) if (regex(pattern)?.test(name)) matches.push(node);
  if (matches.length === 1) return { kind: 'schema', node: matches[0]! };
  if (matches.length > 1)
    return { kind: 'schema', node: { raw: { allOf: matches.map((m) => m.raw) }, doc: view.node.doc } };
  return additionalSlot(view);
}

function additionalSlot(view: SchemaView): Slot {
  const ap = view.additional;
  if (ap === undefined) return { kind: 'open' };
  if (ap.raw === false) return { kind: 'closed' };
  return viewOf(ap, 'either').asserts ? { kind: 'schema', node: ap } : { kind: 'open' };
}

/** A name is part of a schema when it is declared in `properties` or named in `required`. */
function memberNode(view: SchemaView, name: string): SchemaNode | undefined {
  const declared = view.properties.get(name);
  if (declared) return declared;
  if (!view.required.has(name)) return undefined;
  // Required but undeclared: its value is whatever the content model allows for that name.
  const slot = governing(view, name);
  return slot.kind === 'schema' ? slot.node : slot.kind === 'open' ? TRUE_NODE(view.node) : FALSE_NODE(view.node);
}

export function compareObjects(ctx: Context, o: SchemaView, n: SchemaView, out: Diff[]): void {
  const here = ctx.here;
  atChildPlace(ctx, () => compareMembers(ctx, o, n, out, here));
  atSamePlace(ctx, o, n, () => compareDependentSchemas(ctx, o, n, out));
}

function compareMembers(ctx: Context, o: SchemaView, n: SchemaView, out: Diff[], here: Context['here']): void {
  const lenient = ctx.policy === 'lenient';
  const names = new Set<string>([...o.properties.keys(), ...o.required, ...n.properties.keys(), ...n.required]);
  for (const name of names) {
    const path = ['properties', name];
    const oldNode = memberNode(o, name);
    const newNode = memberNode(n, name);
    const oldRequired = o.required.has(name);
    const newRequired = n.required.has(name);
    if (oldNode && newNode) {
      out.push(...prefixed(path, compareNodes(ctx, oldNode, newNode)));
      if (newRequired && !oldRequired) out.push(requiredAdded(ctx, newNode, path));
      if (oldRequired && !newRequired) out.push(diff('REQUIRED_ATTRIBUTE_REMOVED', path, true, false));
    } else if (newNode) {
      // The lenient policy's promise (writers send no undeclared name) does not cover a name the
      // old schema names elsewhere in place: an `anyOf` branch or a dependent schema may have writers send it.
      out.push(
        ...propertyAdded(
          ctx,
          governing(o, name),
          newNode,
          newRequired,
          path,
          lenient && !(here?.old.has(name) || namedBeside(o, name)),
        ),
      );
    } else if (oldNode) {
      out.push(
        ...propertyRemoved(
          ctx,
          oldNode,
          governing(n, name),
          oldRequired,
          path,
          lenient && !(here?.new.has(name) || namedBeside(n, name)),
        ),
      );
    }
  }
  // Closing (opening) the object is lenient-safe only if every name writers of the other version
  // may send at this place is declared by the object itself.
  const sentBy = (view: SchemaView, around: ReadonlySet<string> | undefined): Iterable<string> =>
    around === undefined && !hasInPlace(view)
      ? [...view.properties.keys(), ...view.required]
      : [...(around ?? []), ...namesAt(view)];
  const declaredIn = (view: SchemaView, names: Iterable<string>): boolean => {
    for (const name of names) if (!view.properties.has(name)) return false;
    return true;
  };
  const lenientBackward = lenient && declaredIn(n, sentBy(o, here?.old));
  const lenientForward = lenient && declaredIn(o, sentBy(n, here?.new));
  compareContentModel(ctx, o, n, out, lenientBackward, lenientForward);
  compareCount('MIN_PROPERTIES', o.minProperties, n.minProperties, 'lower', out);
  compareCount('MAX_PROPERTIES', o.maxProperties, n.maxProperties, 'upper', out);
  if (o.propertyNames || n.propertyNames) {
    out.push(
      ...prefixed(
        ['propertyNames'],
        compareNodes(ctx, o.propertyNames ?? TRUE_NODE(o.node), n.propertyNames ?? TRUE_NODE(n.node)),
      ),
    );
  }
  compareDependentRequired(o, n, out);
}

// A reader that fills defaults (every service Stormbench generates) reads an old event without the
// property; a strict validator still rejects it, so only the lenient policy accepts it.
function requiredAdded(ctx: Context, node: SchemaNode, path: string[]): Diff {
  const view = viewOf(node, 'new');
  return view.hasDefault
    ? diff('REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED', path, ctx.policy === 'lenient', true, { newValue: view.default })
    : diff('REQUIRED_ATTRIBUTE_ADDED', path, false, true);
}

function propertyAdded(
  ctx: Context,
  oldSlot: Slot,
  node: SchemaNode,
  required: boolean,
  path: string[],
  lenient: boolean,
): Diff[] {
  const view = viewOf(node, 'new');
  const extra = view.hasDefault ? { newValue: view.default } : {};
  if (oldSlot.kind === 'open') {
    if (required) {
      return view.hasDefault
        ? [diff('REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL', path, lenient, true, extra)]
        : [diff('REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', path, false, true)];
    }
    // Strictly, an old payload may already carry this name with any value; leniently, it does not.
    if (!view.asserts) return [diff('PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL', path, true, true)];
    return [diff('OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', path, lenient, true, extra)];
  }
  if (oldSlot.kind === 'closed') {
    if (!required) return [diff('OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', path, true, view.isFalse, extra)];
    return view.hasDefault
      ? [diff('REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL', path, lenient, false, extra)]
      : // Required yet forbidden (an undeclared name in a closed object): the new schema accepts no object at all.
        [diff('REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', path, false, view.isFalse)];
  }
  const inner = compareNodes(ctx, oldSlot.node, node);
  const covered = allBackward(inner) && allForward(inner);
  const type = covered
    ? 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
    : 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL';
  const result = [diff(type, path, allBackward(inner), allForward(inner), { ...extra, ...withDetail(inner) })];
  if (required) result.push(requiredAdded(ctx, node, path));
  return result;
}

function propertyRemoved(
  ctx: Context,
  node: SchemaNode,
  newSlot: Slot,
  required: boolean,
  path: string[],
  lenient: boolean,
): Diff[] {
  const view = viewOf(node, 'old');
  const result: Diff[] = [];
  if (newSlot.kind === 'open') {
    // Strictly, a new writer may put anything under the name an old reader still checks.
    result.push(diff('PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', path, true, lenient || !view.asserts));
  } else if (newSlot.kind === 'closed') {
    result.push(
      view.isFalse
        ? diff('PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL', path, true, true)
        : diff('PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', path, false, true),
    );
  } else {
    const inner = compareNodes(ctx, node, newSlot.node);
    const covered = allBackward(inner) && allForward(inner);
    const type = covered
      ? 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
      : 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL';
    result.push(diff(type, path, allBackward(inner), allForward(inner), withDetail(inner)));
  }
  if (required) result.push(diff('REQUIRED_ATTRIBUTE_REMOVED', path, true, false));
  return result;
}

/** The slot for names neither side declares: `additionalProperties`, then `patternProperties`. */
function compareContentModel(
  ctx: Context,
  o: SchemaView,
  n: SchemaView,
  out: Diff[],
  lenientBackward: boolean,
  lenientForward: boolean,
): void {
  const lenient = { backward: lenientBackward, forward: lenientForward };
  // Reported at the keyword that governs the names now (`unevaluatedProperties` may stand for it).
  const keyword = n.additional !== undefined || o.additional === undefined ? n.additionalKeyword : o.additionalKeyword;
  compareSlots(ctx, additionalSlot(o), additionalSlot(n), [keyword], 'ADDITIONAL_PROPERTIES', out, lenient);
  const patterns = new Set([...o.patternProperties.keys(), ...n.patternProperties.keys()]);
  for (const pattern of patterns) {
    const path = ['patternProperties', pattern];
    const oldNode = o.patternProperties.get(pattern);
    const newNode = n.patternProperties.get(pattern);
    if (oldNode && newNode) out.push(...prefixed(path, compareNodes(ctx, oldNode, newNode)));
    else if (newNode)
      compareSlots(
        ctx,
        additionalSlot(o),
        { kind: 'schema', node: newNode },
        path,
        'PATTERN_PROPERTY',
        out,
        lenient,
        'ADDED',
      );
    else if (oldNode)
      compareSlots(
        ctx,
        { kind: 'schema', node: oldNode },
        additionalSlot(n),
        path,
        'PATTERN_PROPERTY',
        out,
        lenient,
        'REMOVED',
      );
  }
}

function compareSlots(
  ctx: Context,
  a: Slot,
  b: Slot,
  path: string[],
  prefix: string,
  out: Diff[],
  lenient: { backward: boolean; forward: boolean },
  verb?: string,
): void {
  if (a.kind === 'schema' && b.kind === 'schema') {
    const inner = compareNodes(ctx, a.node, b.node);
    if (verb) out.push(diff(`${prefix}_${verb}`, path, allBackward(inner), allForward(inner), withDetail(inner)));
    else out.push(...prefixed(path, inner));
    return;
  }
  if (a.kind === b.kind) return;
  // Undeclared names in an open object: the lenient policy assumes writers never send them.
  let backward: boolean;
  let forward: boolean;
  if (a.kind === 'open') {
    backward = lenient.backward || (b.kind === 'schema' && !viewOf(b.node, 'new').asserts);
    forward = true;
  } else if (b.kind === 'open') {
    backward = true;
    forward = lenient.forward;
  } else if (a.kind === 'closed') {
    backward = true;
    forward = b.kind === 'schema' && viewOf(b.node, 'new').isFalse;
  } else {
    backward = a.kind === 'schema' && viewOf(a.node, 'old').isFalse;
    forward = true;
  }
  // Named by what the keyword does to the set of values, whatever the policy makes of it.
  const wider = a.kind === 'closed' || b.kind === 'open';
  const type = verb
    ? `${prefix}_${verb}`
    : a.kind === 'open' && b.kind === 'closed'
      ? `${prefix}_REMOVED`
      : a.kind === 'closed' && b.kind === 'open'
        ? `${prefix}_ADDED`
        : wider
          ? `${prefix}_EXTENDED`
          : `${prefix}_NARROWED`;
  out.push(diff(type, path, backward, forward));
}

function compareDependentRequired(o: SchemaView, n: SchemaView, out: Diff[]): void {
  for (const name of new Set([...o.dependentRequired.keys(), ...n.dependentRequired.keys()])) {
    const path = ['dependentRequired', name];
    const a = o.dependentRequired.get(name);
    const b = n.dependentRequired.get(name);
    if (!a) out.push(diff('DEPENDENCY_ARRAY_ADDED', path, b!.length === 0, true, { newValue: b }));
    else if (!b) out.push(diff('DEPENDENCY_ARRAY_REMOVED', path, true, a.length === 0, { oldValue: a }));
    else {
      const more = a.every((x) => b.includes(x)); // the new list asks for at least the old names
      const less = b.every((x) => a.includes(x));
      if (more && less) continue;
      const type = more ? 'DEPENDENCY_ARRAY_EXTENDED' : less ? 'DEPENDENCY_ARRAY_NARROWED' : 'DEPENDENCY_ARRAY_CHANGED';
      out.push(diff(type, path, less, more, { oldValue: a, newValue: b }));
    }
  }
}

/** Dependent schemas apply at the object's own place: compared with the names declared there. */
function compareDependentSchemas(ctx: Context, o: SchemaView, n: SchemaView, out: Diff[]): void {
  for (const name of new Set([...o.dependentSchemas.keys(), ...n.dependentSchemas.keys()])) {
    const path = ['dependentSchemas', name];
    const a = o.dependentSchemas.get(name);
    const b = n.dependentSchemas.get(name);
    if (a && b) out.push(...prefixed(path, compareNodes(ctx, a, b)));
    else if (b) out.push(diff('DEPENDENCY_SCHEMA_ADDED', path, !viewOf(b, 'new').asserts, true));
    else if (a) out.push(diff('DEPENDENCY_SCHEMA_REMOVED', path, true, !viewOf(a, 'old').asserts));
  }
}
