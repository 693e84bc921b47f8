import type { MessageOrigin } from '../../model/export/asyncapi.ts';
import { asciiKey, KeySet } from '../../model/export/names.ts';
import {
  BOARD_FORMAT,
  FORMAT_VERSION,
  COMPATIBILITY_LEVELS,
  type Board,
  type CommandElement,
  type CompatibilityLevel,
  type Context,
  type Element,
  type EventElement,
  type EventVersion,
  type JsonSchema,
} from '../../model/board/types.ts';
import { fragmentOf, segmentsOf, unescapeSegment } from '../../model/json-pointer.ts';
import { toIdentifier } from '../../model/names/identifiers.ts';

/**
 * AsyncAPI documents (2.x or 3.0, as parsed, $refs not yet resolved) → one board. Every message
 * becomes an event whose payload schema is version 1, laid out as a timeline per channel inside a
 * frame per context; documents Stormbench exported carry `x-stormbench` on their messages and come
 * back with their own contexts, version numbers, notes and commands.
 */

type Json = Record<string, unknown>;

export interface ImportResult {
  board: Board;
  /** Sentences about what could not be taken over (e.g. an Avro payload). */
  notes: string[];
}

interface Found {
  kind: 'event' | 'command';
  context: string;
  name: string;
  channel: string;
  versions: EventVersion[];
  compatibility?: CompatibilityLevel;
  schema?: JsonSchema;
}

const STICKY = { width: 160, height: 100 };
const STEP_X = 200;
const STEP_Y = 140;

export function asyncApiToBoard(
  documents: ReadonlyArray<{ raw: unknown; source: string }>,
  boardName?: string,
): ImportResult {
  const notes: string[] = [];
  const contexts = new Map<string, { name: string; named: boolean }>();
  const found = new Map<string, Found>();
  let name = boardName;

  for (const { raw, source } of documents) {
    const doc = asObject(raw);
    const info = asObject(doc.info);
    const origin = asObject(info['x-stormbench']);
    const title = typeof info.title === 'string' && info.title.trim() !== '' ? info.title : 'Imported';
    const contextId = typeof origin.context === 'string' ? origin.context : toIdentifier(title).kebab || 'imported';
    const contextName = typeof origin.contextName === 'string' ? origin.contextName : title;
    const known = contexts.get(contextId);
    if (!known || !known.named) contexts.set(contextId, { name: contextName, named: true });
    name ??= typeof origin.board === 'string' ? origin.board : title;

    const add = (item: {
      kind: 'event' | 'command';
      stamp: Partial<MessageOrigin>;
      name: string;
      context: string;
      channel: string;
      key: string;
      schema: JsonSchema | undefined;
      examples: unknown[];
    }) => {
      const { kind, stamp, context } = item;
      if (!contexts.has(context)) contexts.set(context, { name: context, named: false });
      const identity = `${kind}\u0000${context}\u0000${toIdentifier(item.name).pascal || item.name}`;
      let entry = found.get(identity);
      if (!entry) {
        entry = { kind, context, name: item.name, channel: `${context}\u0000${item.channel}`, versions: [] };
        found.set(identity, entry);
      }
      if (kind === 'command') {
        if (item.schema !== undefined && entry.schema === undefined) entry.schema = item.schema;
        return;
      }
      if (
        typeof stamp.compatibility === 'string' &&
        (COMPATIBILITY_LEVELS as readonly string[]).includes(stamp.compatibility)
      ) {
        entry.compatibility = stamp.compatibility as CompatibilityLevel;
      }
      if (item.schema === undefined) return;
      const number =
        typeof stamp.version === 'number' && Number.isInteger(stamp.version) && stamp.version >= 1
          ? stamp.version
          : entry.versions.length + 1;
      if (entry.versions.some((v) => v.version === number)) return; // the same version read from a second document
      if (typeof stamp.version !== 'number' && entry.versions.length > 0) {
        notes.push(
          `${source}: message ${item.key} repeats the event "${item.name}"; its schema became version ${number}.`,
        );
      }
      const version: EventVersion = { version: number, schema: item.schema };
      if (item.examples.length > 0) version.examples = item.examples;
      if (typeof stamp.note === 'string') version.note = stamp.note;
      if (typeof stamp.date === 'string') version.date = stamp.date;
      entry.versions.push(version);
    };

    // A Stormbench document's events are the log entries in components.schemas (the messages of its
    // logs carry them in batches), each with the board's examples as entries.
    const logs = stormbenchLogs(doc);
    for (const { key, entry, stamp } of stormbenchEntries(doc)) {
      const context = typeof stamp.context === 'string' ? stamp.context : contextId;
      const data = asObject(entry.properties).data;
      // An entry without a version number stands for an event with no schema yet.
      const schema =
        typeof stamp.version === 'number' && data !== null && typeof data === 'object' && !Array.isArray(data)
          ? (inline(
              doc,
              data,
              fragmentOf(['components', 'schemas', key, 'properties', 'data']),
              new Set(),
            ) as JsonSchema)
          : undefined;
      add({
        kind: 'event',
        stamp,
        name: typeof stamp.name === 'string' ? stamp.name : key,
        context,
        channel: logs.get(key) ?? '',
        key,
        schema,
        examples: asArray(entry.examples)
          .map((e) => asObject(e))
          .filter((e) => 'data' in e)
          .map((e) => e.data),
      });
    }

    for (const { channel, key, message, path } of messagesOf(doc, String(doc.asyncapi ?? ''))) {
      const stamp = asObject(message['x-stormbench']) as Partial<MessageOrigin>;
      if (stamp.kind === 'log') continue;
      add({
        kind: stamp.kind === 'command' ? 'command' : 'event',
        stamp,
        name: typeof stamp.name === 'string' ? stamp.name : (firstString(message.title, message.name, key) ?? key),
        context: typeof stamp.context === 'string' ? stamp.context : contextId,
        channel,
        key,
        schema: payloadSchema(doc, message, path, `${source}: message ${key}`, notes),
        examples: asArray(message.examples)
          .map((e) => asObject(e))
          .filter((e) => 'payload' in e)
          .map((e) => e.payload),
      });
    }
  }
  return { board: layout(name ?? 'Imported', contexts, [...found.values()]), notes };
}

/** The log entries of a Stormbench document: `components.schemas` marked as events. */
function stormbenchEntries(doc: Json): Array<{ key: string; entry: Json; stamp: Partial<MessageOrigin> }> {
  const out: Array<{ key: string; entry: Json; stamp: Partial<MessageOrigin> }> = [];
  for (const [key, value] of Object.entries(asObject(asObject(doc.components).schemas))) {
    const entry = asObject(value);
    const stamp = asObject(entry['x-stormbench']) as Partial<MessageOrigin>;
    if (stamp.kind === 'event') out.push({ key, entry, stamp });
  }
  return out;
}

/** For each log entry of a Stormbench document, the address of the first log that carries it (its event's row). */
function stormbenchLogs(doc: Json): Map<string, string> {
  const channelOf = new Map<string, string>();
  for (const channelValue of Object.values(asObject(doc.channels))) {
    const channel = resolve(doc, channelValue).value;
    for (const ref of Object.values(asObject(channel.messages))) {
      const message = resolve(doc, ref).value;
      if (asObject(message['x-stormbench']).kind !== 'log') continue;
      const items = asObject(asObject(asObject(asObject(message.payload).properties).events).items);
      for (const r of asArray(items.oneOf).map((item) => asObject(item).$ref)) {
        if (typeof r !== 'string' || !r.startsWith('#/components/schemas/')) continue;
        const key = unescapeSegment(r.slice('#/components/schemas/'.length));
        if (!channelOf.has(key)) channelOf.set(key, firstString(channel.address) ?? '');
      }
    }
  }
  return channelOf;
}

/** Every message of the document with the channel it travels on, in document order. */
function* messagesOf(
  doc: Json,
  version: string,
): Generator<{ channel: string; key: string; message: Json; path: string }> {
  const channels = asObject(doc.channels);
  for (const [channelKey, channelValue] of Object.entries(channels)) {
    const channel = resolve(doc, channelValue).value;
    const label = version.startsWith('2.') ? channelKey : (firstString(channel.address, channelKey) ?? channelKey);
    const refs: Array<[string, unknown]> = [];
    if (version.startsWith('2.')) {
      for (const op of ['subscribe', 'publish']) {
        const message = asObject(resolve(doc, asObject(channel[op]).message ?? null).value);
        if (Array.isArray(message.oneOf))
          refs.push(...message.oneOf.map((m, i): [string, unknown] => [`${channelKey}${op}${i + 1}`, m]));
        else if (Object.keys(message).length > 0) refs.push([`${channelKey}${op}`, asObject(channel[op]).message]);
      }
    } else {
      refs.push(...Object.entries(asObject(channel.messages)));
    }
    for (const [fallback, ref] of refs) {
      const { value, path } = resolve(doc, ref);
      if (Object.keys(value).length === 0) continue;
      const key = path !== '' ? (segmentsOf(path).at(-1) ?? path) : (firstString(value.name, fallback) ?? fallback);
      yield { channel: label, key, message: value, path };
    }
  }
}

/** The message's payload as a board schema: multi-format wrappers unwrapped, $refs made local again. */
function payloadSchema(doc: Json, message: Json, path: string, where: string, notes: string[]): JsonSchema | undefined {
  if (!('payload' in message)) return undefined;
  let payload = resolve(doc, message.payload).value as unknown;
  let base = `${path}/payload`;
  const wrapped = asObject(payload);
  if (typeof wrapped.schemaFormat === 'string' && 'schema' in wrapped) {
    if (
      !/json|asyncapi|^application\/schema/i.test(wrapped.schemaFormat) ||
      /avro|protobuf|raml|openapi/i.test(wrapped.schemaFormat)
    ) {
      notes.push(
        `${where}: its payload is ${wrapped.schemaFormat}, not JSON Schema; the event was imported without a schema.`,
      );
      return undefined;
    }
    payload = wrapped.schema;
    base = `${base}/schema`;
  }
  if (typeof payload === 'object' && payload !== null && '$ref' in payload && Object.keys(payload).length === 1) {
    const target = resolve(doc, payload);
    payload = target.value;
    base = target.path;
  }
  return inline(doc, payload, base, new Set()) as JsonSchema;
}

/** Local $refs into the payload itself become `#/…` again; other local $refs are copied in. */
function inline(doc: Json, value: unknown, base: string, seen: Set<string>): unknown {
  return rewriteRefsDeep(value, (ref) => {
    if (ref === base || ref.startsWith(`${base}/`)) return { ref: `#${ref.slice(base.length)}` };
    if (!ref.startsWith('#/') || seen.has(ref)) return { ref };
    const target = resolve(doc, { $ref: ref });
    if (target.missing) return { ref };
    return { value: inline(doc, target.value, base, new Set([...seen, ref])) };
  });
}

function rewriteRefsDeep(value: unknown, rewrite: (ref: string) => { ref: string } | { value: unknown }): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefsDeep(v, rewrite));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Json;
  if (typeof object.$ref === 'string') {
    const result = rewrite(object.$ref);
    if ('value' in result && Object.keys(object).length === 1) return result.value;
    if ('ref' in result)
      return { ...mapValues(object, (v, k) => (k === '$ref' ? result.ref : rewriteRefsDeep(v, rewrite))) };
  }
  return mapValues(object, (v) => rewriteRefsDeep(v, rewrite));
}

function mapValues(object: Json, f: (v: unknown, k: string) => unknown): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(object)) out[k] = f(v, k);
  return out;
}

function resolve(doc: Json, value: unknown, depth = 0): { value: Json; path: string; missing?: boolean } {
  const object = asObject(value);
  const ref = object.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#')) return { value: object, path: '' };
  let target: unknown = doc;
  for (const key of segmentsOf(ref).filter((p) => p !== '')) {
    target = target !== null && typeof target === 'object' ? (target as Json)[key] : undefined;
  }
  if (target === undefined) return { value: {}, path: ref, missing: true };
  if (depth < 10 && typeof asObject(target).$ref === 'string' && Object.keys(asObject(target)).length === 1)
    return resolve(doc, target, depth + 1);
  return { value: asObject(target), path: ref };
}

function layout(name: string, contexts: Map<string, { name: string }>, found: Found[]): Board {
  const board: Board = {
    format: BOARD_FORMAT,
    formatVersion: FORMAT_VERSION,
    name,
    contexts: [],
    elements: [],
    links: [],
  };
  const ids = new KeySet();
  let y = 0;
  for (const [id, { name: contextName }] of contexts) {
    const mine = found.filter((f) => f.context === id);
    const rows = new Map<string, Found[]>();
    for (const f of mine.filter((f) => f.kind === 'event')) rows.set(f.channel, [...(rows.get(f.channel) ?? []), f]);
    const commands = mine.filter((f) => f.kind === 'command');
    if (commands.length > 0) rows.set('\u0000commands', commands);
    const context: Context = { id, name: contextName, x: 0, y, width: 0, height: 0 };
    let row = 0;
    let longest = 1;
    for (const entries of rows.values()) {
      entries.forEach((f, i) => {
        const base = {
          id: ids.take(
            `${f.kind === 'event' ? 'evt' : 'cmd'}-${asciiKey(id)}-${toIdentifier(f.name).kebab || 'unnamed'}`,
          ),
          name: f.name,
          context: id,
          x: 40 + i * STEP_X,
          y: y + 60 + row * STEP_Y,
          ...STICKY,
        };
        if (f.kind === 'command') {
          const command: CommandElement = {
            ...base,
            kind: 'command',
            ...(f.schema !== undefined ? { schema: f.schema } : {}),
          };
          board.elements.push(command);
        } else {
          const event: EventElement = {
            ...base,
            kind: 'event',
            ...(f.compatibility ? { compatibility: f.compatibility } : {}),
          };
          if (f.versions.length > 0) event.versions = [...f.versions].sort((a, b) => a.version - b.version);
          board.elements.push(event as Element);
        }
      });
      longest = Math.max(longest, entries.length);
      row++;
    }
    context.width = 80 + longest * STEP_X;
    context.height = 100 + Math.max(1, row) * STEP_Y;
    board.contexts.push(context);
    y += context.height + 100;
  }
  return board;
}

function asObject(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v.trim() !== '') return v;
  return undefined;
}
