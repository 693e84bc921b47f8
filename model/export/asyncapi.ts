import { compatibilityOf, versionsOf } from '../board/events.ts';
import { BoardGraph, type Identity } from '../board/graph.ts';
import type { Board, CommandElement, Context, EventVersion, JsonSchema } from '../board/types.ts';
import { packageNameOf } from '../lint/rules/contexts.ts';
import { toIdentifier } from '../names/identifiers.ts';
import { markdownText } from './markdown.ts';
import { asciiKey, contextToken, KeySet, subjectOf } from './names.ts';

/**
 * One bounded context as an AsyncAPI 3.0 document: the channels are the log's subjects, the
 * operations are what the service sends (its own events) and receives (events of other contexts
 * that its policies and read models consume, and its commands over HTTP), and every event version
 * is a message whose payload is that version's JSON Schema.
 *
 * Stormbench's own facts that AsyncAPI has no field for (which board element a message is, its
 * version number, the authors' note) travel in `x-stormbench` on each message, so that
 * `stormbench import asyncapi` gets back exactly what was exported.
 */

export const ASYNCAPI_VERSION = '3.0.0';
export type AsyncApiDocument = Record<string, unknown>;

/** What `x-stormbench` on a message says. */
export interface MessageOrigin {
  kind: 'event' | 'command';
  context: string;
  /** The sticky's name as written. */
  name: string;
  version?: number;
  compatibility?: string;
  note?: string;
  date?: string;
}

export interface AsyncApiExport {
  contextId: string;
  /** `<packageName>.asyncapi.json`, safe as a file name. */
  fileName: string;
  document: AsyncApiDocument;
  /** Sentences about what was left out (e.g. stickies whose names give no identifier). */
  notes: string[];
}

const REF = (pointer: string) => ({ $ref: pointer });
const pointerKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The AsyncAPI document of every context of the board (or of one), in board order. */
export function buildAsyncApiExports(board: Board, contextId?: string): AsyncApiExport[] {
  const graph = new BoardGraph(board);
  const contexts = contextId === undefined ? board.contexts : board.contexts.filter((c) => c.id === contextId);
  const files = new KeySet();
  return contexts.map((context) => {
    const notes: string[] = [];
    const document = buildAsyncApi(board, context, graph, notes);
    const fileName = `${files.take(asciiKey(packageNameOf(context).replace(/^@[^/]*\//, '')))}.asyncapi.json`;
    return { contextId: context.id, fileName, document, notes };
  });
}

/**
 * The AsyncAPI document a generated service ships (e.g. as `asyncapi.json` beside its
 * `openapi.json`): deterministic JSON text with a final newline.
 */
export function asyncApiDocumentText(board: Board, contextId: string): string {
  const context = board.contexts.find((c) => c.id === contextId);
  if (!context) throw new Error(`The board has no context with id ${JSON.stringify(contextId)}.`);
  return `${JSON.stringify(buildAsyncApi(board, context, new BoardGraph(board), []), null, 2)}\n`;
}

export function buildAsyncApi(board: Board, context: Context, graph: BoardGraph, notes: string[]): AsyncApiDocument {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const channelKeys = new KeySet();
  const operationKeys = new KeySet();
  const messageKeys = new KeySet();

  const addEvent = (event: Identity, action: 'send' | 'receive') => {
    const own = action === 'send';
    const prefix = own ? '' : toIdentifier(event.contextId ?? '').pascal;
    const base = asciiKey(`${prefix}${event.identifier.pascal}`);
    const channelKey = channelKeys.take(base);
    const channelMessages: Record<string, unknown> = {};
    const versions = versionsOf(event);
    const name = event.stickies[0]!.name;
    const origin = { kind: 'event' as const, context: event.contextId ?? '', name };
    if (versions.length === 0) {
      const key = messageKeys.take(base);
      messages[key] = eventMessage(event, name, undefined, key, { ...origin, compatibility: compatibilityOf(event) });
      channelMessages[key] = REF(`#/components/messages/${pointerKey(key)}`);
    }
    for (const version of versions) {
      const key = messageKeys.take(`${base}V${version.version}`);
      messages[key] = eventMessage(event, name, version, key, {
        ...origin,
        version: version.version,
        compatibility: compatibilityOf(event),
        ...(version.note !== undefined ? { note: version.note } : {}),
        ...(version.date !== undefined ? { date: version.date } : {}),
      });
      channelMessages[key] = REF(`#/components/messages/${pointerKey(key)}`);
    }
    channels[channelKey] = {
      address: subjectOf(graph, event),
      title: name,
      description: own
        ? `The log subject of "${markdownText(name)}" events, written by this service.`
        : `The log subject of "${markdownText(name)}" events of the ${markdownText(contextName(board, event.contextId))} context, read by this service.`,
      messages: channelMessages,
      servers: [REF('#/servers/log')],
    };
    const operationKey = operationKeys.take(`${action}${channelKey}`);
    operations[operationKey] = {
      action,
      channel: REF(`#/channels/${pointerKey(channelKey)}`),
      title: own ? `Append ${name}` : `Consume ${name}`,
      summary: own ? `The service appends "${name}" events to the log.` : `The service reads "${name}" events: ${consumersOf(graph, event, context.id)}.`,
      messages: Object.keys(channelMessages).map((k) => REF(`#/channels/${pointerKey(channelKey)}/messages/${pointerKey(k)}`)),
    };
  };

  for (const identity of graph.identities()) {
    if (identity.kind !== 'event' || identity.contextId !== context.id) continue;
    if (identity.identifier.pascal === '') {
      notes.push(`The event sticky ${JSON.stringify(identity.stickies[0]!.name)} (${identity.stickies[0]!.id}) was left out: its name gives no identifier.`);
      continue;
    }
    addEvent(identity, 'send');
  }
  for (const identity of graph.identities()) {
    if (identity.kind !== 'event' || identity.contextId === context.id || identity.identifier.pascal === '') continue;
    const readers = graph.targets(identity, ['policy', 'readModel']).filter((e) => e.context === context.id);
    if (readers.length > 0) addEvent(identity, 'receive');
  }
  for (const identity of graph.identities()) {
    if (identity.kind !== 'command' || identity.contextId !== context.id || identity.identifier.pascal === '') continue;
    const command = identity.stickies.find((s) => (s as CommandElement).schema !== undefined) ?? identity.stickies[0]!;
    const schema = (command as CommandElement).schema;
    const base = asciiKey(identity.identifier.pascal);
    const channelKey = channelKeys.take(`${base}Command`);
    const messageKey = messageKeys.take(`${base}Command`);
    const name = identity.stickies[0]!.name;
    const origin: MessageOrigin = { kind: 'command', context: context.id, name };
    messages[messageKey] = {
      name: identity.identifier.pascal,
      title: name,
      summary: `The "${name}" command, as the body of an HTTP POST.`,
      contentType: 'application/json',
      ...(schema !== undefined ? { payload: payloadOf(schema, `#/components/messages/${pointerKey(messageKey)}/payload`) } : {}),
      'x-stormbench': origin,
    };
    channels[channelKey] = {
      address: `/commands/${identity.identifier.kebab}`,
      title: name,
      description: `POST the "${markdownText(name)}" command here; the service answers as its response mode (${context.service?.responseMode ?? 'applied'}) says.`,
      messages: { [messageKey]: REF(`#/components/messages/${pointerKey(messageKey)}`) },
      servers: [REF('#/servers/http')],
    };
    operations[operationKeys.take(`handle${base}`)] = {
      action: 'receive',
      channel: REF(`#/channels/${pointerKey(channelKey)}`),
      title: `Handle ${name}`,
      summary: `The service accepts "${name}" as an HTTP POST.`,
      bindings: { http: { method: 'POST', bindingVersion: '0.3.0' } },
      messages: [REF(`#/channels/${pointerKey(channelKey)}/messages/${pointerKey(messageKey)}`)],
    };
  }

  const boardKey = toIdentifier(board.name).kebab || 'board';
  return {
    asyncapi: ASYNCAPI_VERSION,
    // `id` must be a URI: ASCII only.
    id: `urn:stormbench:${asciiKey(boardKey)}:${asciiKey(contextToken(context.id))}`,
    info: {
      title: context.name,
      version: '1.0.0',
      description:
        `The ${markdownText(context.name)} service (${markdownText(packageNameOf(context))}) of the board "${markdownText(board.name)}": ` +
        'the events it appends to the log, the events of other contexts it reads, and the commands it accepts over HTTP. Exported by Stormbench.',
      'x-stormbench': { board: board.name, context: context.id, contextName: context.name },
    },
    defaultContentType: 'application/json',
    servers: {
      log: {
        host: 'localhost:4222',
        protocol: 'nats',
        description: 'The event log. Subjects are <context>.<Aggregate>.<Event>; a generated service uses its embedded SQLite log unless it is configured for NATS JetStream.',
      },
      http: { host: 'localhost:3000', protocol: 'http', description: "The service's HTTP API (PORT, default 3000)." },
    },
    channels,
    operations,
    components: { messages },
  };
}

function eventMessage(event: Identity, name: string, version: EventVersion | undefined, key: string, origin: MessageOrigin): Record<string, unknown> {
  const message: Record<string, unknown> = {
    name: event.identifier.pascal,
    title: version ? `${name} (version ${version.version})` : name,
    summary: version?.note ?? `Version ${version?.version ?? 1} of "${name}".`,
    contentType: 'application/json',
  };
  if (version) message.payload = payloadOf(version.schema, `#/components/messages/${pointerKey(key)}/payload`);
  if (version?.examples && version.examples.length > 0) {
    message.examples = version.examples.map((payload, i) => ({ name: `example${i + 1}`, payload }));
  }
  message['x-stormbench'] = origin;
  return message;
}

/**
 * A board schema as a message payload. A local `$ref` (`#/$defs/money`) is relative to the schema,
 * but in the document it would be read relative to the document, so it is rewritten to point into
 * the payload (`#/components/messages/X/payload/$defs/money`); import rewrites it back.
 */
export function payloadOf(schema: JsonSchema, base: string): JsonSchema {
  return rewriteRefs(schema, (ref) => (ref === '#' || ref.startsWith('#/') ? `${base}${ref.slice(1)}` : ref)) as JsonSchema;
}

export function rewriteRefs(value: unknown, rewrite: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, rewrite));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof v === 'string' ? rewrite(v) : rewriteRefs(v, rewrite);
  }
  return out;
}

function contextName(board: Board, id: string | undefined): string {
  return board.contexts.find((c) => c.id === id)?.name ?? id ?? 'unknown';
}

function consumersOf(graph: BoardGraph, event: Identity, contextId: string): string {
  const names = graph.targets(event, ['policy', 'readModel']).filter((e) => e.context === contextId).map((e) => `${e.kind === 'policy' ? 'policy' : 'read model'} "${e.name}"`);
  return [...new Set(names)].join(', ');
}
