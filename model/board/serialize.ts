import type { Board } from './types.ts';

/**
 * Where the fields of each part of a board go. Known fields come first in this order, unknown
 * fields (a newer app's, or a user's) follow in alphabetical order, so that the same board always
 * gives the same bytes. User content (JSON Schemas, example payloads, scenario data) keeps the
 * order it was written in: a schema's properties are in the order the team chose them.
 */
interface Shape {
  order: readonly string[];
  fields?: Readonly<Record<string, Shape>>;
  /** The shape of each item of an array field. */
  items?: Readonly<Record<string, Shape>>;
}

const FREE: Shape = { order: [] };
const eventRef: Shape = { order: ['event', 'data'], fields: { data: FREE } };
const scenario: Shape = {
  order: ['name', 'given', 'when', 'then', 'thenError'],
  items: { given: eventRef, then: eventRef },
  fields: { when: { order: ['command', 'data'], fields: { data: FREE } } },
};
const version: Shape = {
  order: ['version', 'date', 'note', 'schema', 'examples'],
  fields: { schema: FREE },
  items: { examples: FREE },
};
const element: Shape = {
  order: [
    'id',
    'kind',
    'name',
    'context',
    'x',
    'y',
    'width',
    'height',
    'text',
    'color',
    'resolved',
    'idField',
    'compatibility',
    'schema',
    'versions',
    'scenarios',
  ],
  fields: { schema: FREE },
  items: { versions: version, scenarios: scenario },
};
const context: Shape = {
  order: ['id', 'name', 'x', 'y', 'width', 'height', 'color', 'service'],
  fields: { service: { order: ['packageName', 'responseMode'] } },
};
const link: Shape = { order: ['id', 'from', 'to', 'label'] };
const board: Shape = {
  order: ['format', 'formatVersion', 'name', 'contexts', 'elements', 'links'],
  items: { contexts: context, elements: element, links: link },
};

/**
 * The board as the text of its file: two-space indentation, one field per line, a final newline,
 * and a stable field order, so that moving one sticky changes two lines of a diff.
 */
export function serializeBoard(value: Board): string {
  // Reorder the structure into fresh objects, then let the engine's own serialiser write it: it
  // is exact (same escapes, same numbers) and ten times faster than writing it piece by piece.
  return `${JSON.stringify(canonical(value, board), null, 2)}\n`;
}

function keysOf(obj: Record<string, unknown>, shape: Shape): string[] {
  const known: string[] = [];
  for (const k of shape.order) if (Object.hasOwn(obj, k) && obj[k] !== undefined) known.push(k);
  if (known.length === Object.keys(obj).length) return known;
  const rest = Object.keys(obj)
    .filter((k) => obj[k] !== undefined && !shape.order.includes(k))
    .sort();
  return known.concat(rest);
}

function canonical(value: unknown, shape: Shape): unknown {
  // User content keeps its own order; it is written as it is.
  if (shape === FREE || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => canonical(item, shape));
  const record = value as Record<string, unknown>;
  // Object.fromEntries defines own properties, so a key named "__proto__" stays plain data.
  return Object.fromEntries(keysOf(record, shape).map((key) => [key, canonical(record[key], childShape(shape, key))]));
}

/** The shape of a field; own lookups only, since a user's key may be "constructor" or "__proto__". */
function childShape(shape: Shape, key: string): Shape {
  if (shape.items && Object.hasOwn(shape.items, key)) return shape.items[key]!;
  if (shape.fields && Object.hasOwn(shape.fields, key)) return shape.fields[key]!;
  return FREE;
}
