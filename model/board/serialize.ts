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
  order: ['id', 'kind', 'name', 'context', 'x', 'y', 'width', 'height', 'text', 'color', 'resolved', 'idField', 'compatibility', 'schema', 'versions', 'scenarios'],
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
  const out: string[] = [];
  write(value, board, '', out);
  out.push('\n');
  return out.join('');
}

function keysOf(obj: object, shape: Shape): string[] {
  const own = Object.keys(obj).filter((k) => (obj as Record<string, unknown>)[k] !== undefined);
  if (shape === FREE) return own;
  const known = shape.order.filter((k) => own.includes(k));
  const rest = own.filter((k) => !shape.order.includes(k)).sort();
  return [...known, ...rest];
}

function write(value: unknown, shape: Shape, indent: string, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    // JSON.stringify turns NaN and Infinity into null, as a file must.
    out.push(JSON.stringify(value) ?? 'null');
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[\n');
    value.forEach((item, i) => {
      out.push(inner);
      write(item === undefined ? null : item, shape, inner, out);
      out.push(i < value.length - 1 ? ',\n' : '\n');
    });
    out.push(indent, ']');
    return;
  }
  const keys = keysOf(value, shape);
  if (keys.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{\n');
  const record = value as Record<string, unknown>;
  keys.forEach((key, i) => {
    out.push(inner, JSON.stringify(key), ': ');
    const child = shape === FREE ? FREE : shape.items?.[key] ?? shape.fields?.[key] ?? FREE;
    write(record[key], child, inner, out);
    out.push(i < keys.length - 1 ? ',\n' : '\n');
  });
  out.push(indent, '}');
}
