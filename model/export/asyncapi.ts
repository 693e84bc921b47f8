import { compatibilityOf, versionsOf } from '../board/events.ts';
import { BoardGraph, type Identity } from '../board/graph.ts';
import { KINDS } from '../board/kinds.ts';
import type { Board, CommandElement, Context, EventVersion, JsonSchema } from '../board/types.ts';
import { packageNameOf } from '../lint/rules/contexts.ts';
import { escapeSegment } from '../json-pointer.ts';
import { toIdentifier } from '../names/identifiers.ts';
import { markdownText } from './markdown.ts';
import { emittersOf, idParameterDescription, logChannelOf, SUBJECT_PREFIX, type LogChannel } from './log-channels.ts';
import { asciiKey, contextToken, KeySet } from './names.ts';

/**
 * One bounded context as an AsyncAPI 3.0 document that describes what its generated service really
 * does on the wire: a channel per aggregate whose address is the log subject the service appends
 * to (`storm.sales.Order.{orderId}`, see log-channels.ts), whose one message is the JetStream
 * message of one command (a batch of events, as the runtime writes it), and whose events are log
 * entries in `components.schemas`, one per event version, each with that version's JSON Schema
 * as its `data`. Operations say what the service sends (its aggregates' logs) and receives (the
 * logs of other contexts that its policies and read models read, and its commands over HTTP).
 *
 * Stormbench's own facts that AsyncAPI has no field for (which board element an entry is, its
 * version number, the authors' note) travel in `x-stormbench`, so that `stormbench import
 * asyncapi` gets back exactly what was exported.
 */

export const ASYNCAPI_VERSION = '3.0.0';
export type AsyncApiDocument = Record<string, unknown>;

/** What `x-stormbench` on a log entry or a message says. */
export interface MessageOrigin {
  /** `log`: the message of an aggregate's log, which carries events of several kinds. */
  kind: 'event' | 'command' | 'log';
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
  const schemas: Record<string, unknown> = {};
  const channelKeys = new KeySet();
  const operationKeys = new KeySet();
  const messageKeys = new KeySet();
  const schemaKeys = new KeySet();
  const prefixOf = (contextId: string | undefined) =>
    contextId === context.id ? '' : toIdentifier(contextId ?? '').pascal;

  // Every event version the document speaks of is one schema (the log entry that carries it), so
  // that each log's message can list the entries its commands may append.
  const entries = new Map<Identity, LogEntryKey[]>();
  const describeEvent = (event: Identity): LogEntryKey[] => {
    const known = entries.get(event);
    if (known) return known;
    const base = asciiKey(`${prefixOf(event.contextId)}${event.identifier.pascal}`);
    const name = event.stickies[0]!.name;
    const logs = emittersOf(graph, event).map((a) => logChannelOf(graph, a).address);
    const origin: MessageOrigin = {
      kind: 'event',
      context: event.contextId ?? '',
      name,
      compatibility: compatibilityOf(event),
    };
    const versions = versionsOf(event);
    const list: LogEntryKey[] =
      versions.length === 0
        ? [{ event, key: schemaKeys.take(base) }]
        : versions.map((version) => ({ event, key: schemaKeys.take(`${base}V${version.version}`), version }));
    for (const { key, version } of list) {
      schemas[key] = logEntry(event, name, version, key, logs, {
        ...origin,
        ...(version ? { version: version.version } : {}),
        ...(version?.note !== undefined ? { note: version.note } : {}),
        ...(version?.date !== undefined ? { date: version.date } : {}),
      });
    }
    entries.set(event, list);
    return list;
  };

  const addLog = (aggregate: Identity, action: 'send' | 'receive', read: Identity[]) => {
    const log = logChannelOf(graph, aggregate);
    if (log.events.length === 0) return;
    const own = action === 'send';
    const aggregateName = aggregate.stickies[0]!.name;
    const base = asciiKey(`${prefixOf(aggregate.contextId)}${aggregate.identifier.pascal}`);
    const channelKey = channelKeys.take(base);
    const messageKey = messageKeys.take(`${base}Events`);
    messages[messageKey] = logMessage(log, aggregateName, log.events.flatMap(describeEvent));
    channels[channelKey] = {
      address: log.address,
      title: `${aggregateName} log`,
      description:
        `One subject per ${markdownText(aggregateName)} of the ${markdownText(contextName(board, log.contextId))} context. Each command the ${markdownText(aggregateName)} ` +
        `aggregate handles appends one message to it, holding the events it decided (${log.events.map((e) => markdownText(e.stickies[0]!.name)).join(', ')}).`,
      parameters: {
        [log.parameter]: { description: markdownText(idParameterDescription(log, aggregateName)) },
      },
      messages: { [messageKey]: REF(`#/components/messages/${escapeSegment(messageKey)}`) },
      servers: [REF('#/servers/log')],
    };
    const names = (own ? log.events : read).map((e) => `"${e.stickies[0]!.name}"`).join(', ');
    operations[operationKeys.take(`${action}${channelKey}`)] = {
      action,
      channel: REF(`#/channels/${escapeSegment(channelKey)}`),
      title: own ? `Append to the ${aggregateName} log` : `Read the ${aggregateName} log`,
      summary: own
        ? `The service appends one message per command the ${aggregateName} aggregate handles, holding the events it decided: ${names}.`
        : `The service reads ${names} from this log: ${read.map((e) => consumersOf(graph, e, context.id)).join('; ')}.`,
      messages: [REF(`#/channels/${escapeSegment(channelKey)}/messages/${escapeSegment(messageKey)}`)],
    };
  };

  const ownAggregates: Identity[] = [];
  for (const identity of graph.identities()) {
    if (identity.contextId !== context.id) continue;
    if (identity.identifier.pascal === '') {
      if (identity.kind === 'event' || identity.kind === 'command') {
        notes.push(
          `The ${identity.kind} sticky ${JSON.stringify(identity.stickies[0]!.name)} (${identity.stickies[0]!.id}) was left out: its name gives no identifier.`,
        );
      }
      continue;
    }
    if (identity.kind === 'event') describeEvent(identity);
    if (identity.kind === 'aggregate') ownAggregates.push(identity);
  }
  for (const aggregate of ownAggregates) addLog(aggregate, 'send', []);

  // Events of other contexts that this context's policies and read models read, grouped by the
  // log (the other context's aggregate) they arrive on.
  const received = new Map<Identity, Identity[]>();
  for (const identity of graph.identities()) {
    if (identity.kind !== 'event' || identity.contextId === context.id || identity.identifier.pascal === '') continue;
    if (!graph.targets(identity, ['policy', 'readModel']).some((e) => e.context === context.id)) continue;
    describeEvent(identity);
    for (const aggregate of emittersOf(graph, identity))
      received.set(aggregate, [...(received.get(aggregate) ?? []), identity]);
  }
  for (const [aggregate, read] of received) addLog(aggregate, 'receive', read);

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
      ...(schema !== undefined
        ? { payload: payloadOf(schema, `#/components/messages/${escapeSegment(messageKey)}/payload`) }
        : {}),
      'x-stormbench': origin,
    };
    channels[channelKey] = {
      address: `/commands/${identity.identifier.kebab}`,
      title: name,
      description: `POST the "${markdownText(name)}" command here; the service answers as its response mode (${context.service?.responseMode ?? 'applied'}) says.`,
      messages: { [messageKey]: REF(`#/components/messages/${escapeSegment(messageKey)}`) },
      servers: [REF('#/servers/http')],
    };
    operations[operationKeys.take(`handle${base}`)] = {
      action: 'receive',
      channel: REF(`#/channels/${escapeSegment(channelKey)}`),
      title: `Handle ${name}`,
      summary: `The service accepts "${name}" as an HTTP POST.`,
      bindings: { http: { method: 'POST', bindingVersion: '0.3.0' } },
      messages: [REF(`#/channels/${escapeSegment(channelKey)}/messages/${escapeSegment(messageKey)}`)],
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
        description:
          'The event log on NATS JetStream (STORM_LOG=nats://HOST:PORT; a generated service keeps an embedded SQLite log otherwise). ' +
          `One stream (STORM) takes ${markdownText(`${SUBJECT_PREFIX}.>`)}; each command's events are one message on its aggregate's subject ` +
          `${SUBJECT_PREFIX}.CONTEXT.AGGREGATE.ID, with the headers Storm-Context, Storm-Command, Storm-Events and Nats-Msg-Id ` +
          '(CONTEXT:COMMAND-ID). The prefix option of STORM_LOG replaces the first token.',
      },
      http: { host: 'localhost:3000', protocol: 'http', description: "The service's HTTP API (PORT, default 3000)." },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}

interface LogEntryKey {
  event: Identity;
  /** Its key in `components.schemas`. */
  key: string;
  version?: EventVersion;
}

/** One log entry (an event as the log stores it) in one version: `data` is that version's schema. */
function logEntry(
  event: Identity,
  name: string,
  version: EventVersion | undefined,
  key: string,
  logs: string[],
  origin: MessageOrigin,
): JsonSchema {
  // Plain text, not code spans: AsyncAPI renderers (EventCatalog's among them) draw code unreadably dark.
  const where =
    logs.length > 0
      ? `Appended on ${logs.map(markdownText).join(', ')}.`
      : 'No aggregate of its context emits it, so no generated service writes it to the log.';
  return {
    title: version ? `${name} (version ${version.version})` : name,
    description: `${version?.note ? `${markdownText(version.note)} ` : ''}${where}`,
    type: 'object',
    required: ['id', 'type', 'version', 'data'],
    properties: {
      id: { type: 'string', description: "The event's own id (a UUID)." },
      type: { const: event.identifier.pascal },
      version: version ? { const: version.version } : { type: 'integer', minimum: 1 },
      data: version
        ? payloadOf(version.schema, `#/components/schemas/${escapeSegment(key)}/properties/data`)
        : { description: 'The board has no schema for it yet.' },
      metadata: { type: 'object', description: 'Set by the log: the commandId of the command that decided the event.' },
    },
    ...(version?.examples && version.examples.length > 0
      ? { examples: version.examples.map((data) => exampleEntry(event, version, data)) }
      : {}),
    'x-stormbench': origin,
  };
}

const EXAMPLE_COMMAND = '00000000-0000-4000-8000-000000000001';
const EXAMPLE_EVENT = '00000000-0000-4000-8000-000000000002';

function exampleEntry(event: Identity, version: EventVersion, data: unknown): Record<string, unknown> {
  return {
    id: EXAMPLE_EVENT,
    type: event.identifier.pascal,
    version: version.version,
    data,
    metadata: { commandId: EXAMPLE_COMMAND },
  };
}

/**
 * The JetStream message of one command on an aggregate's log (the runtime's `Body` in
 * templates/runtime/nats-stream.ts): each of its events is one of the log's entries. Each board
 * example becomes a message example holding that one event, which the parser checks against it.
 */
function logMessage(log: LogChannel, aggregateName: string, entries: LogEntryKey[]): Record<string, unknown> {
  const aggregateType = log.aggregate.identifier.pascal;
  const examples = entries.flatMap(({ event, key, version }) =>
    (version?.examples ?? []).map((data, i) => {
      const id = (data as Record<string, unknown> | null)?.[log.idField];
      return {
        name: `${key}_${i + 1}`,
        summary: `"${event.stickies[0]!.name}" version ${version!.version}, example ${i + 1}`,
        headers: { 'Storm-Context': log.contextId, 'Storm-Command': EXAMPLE_COMMAND, 'Storm-Events': '1' },
        payload: {
          context: log.contextId,
          stream: `${log.contextId}.${aggregateType}-${typeof id === 'string' || typeof id === 'number' ? String(id) : 'example'}`,
          commandId: EXAMPLE_COMMAND,
          firstVersion: 1,
          recordedAt: '2026-01-01T00:00:00.000Z',
          events: [exampleEntry(event, version!, data)],
        },
      };
    }),
  );
  const origin: MessageOrigin = { kind: 'log', context: log.contextId, name: aggregateName };
  return {
    name: `${aggregateType}Events`,
    title: `${aggregateName} events`,
    summary: `The events that one command handled by the ${aggregateName} aggregate decided, as one JetStream message.`,
    contentType: 'application/json',
    headers: {
      type: 'object',
      required: ['Storm-Context', 'Storm-Command', 'Storm-Events'],
      properties: {
        'Storm-Context': { const: log.contextId },
        'Storm-Command': { type: 'string', description: "The command's id." },
        'Storm-Events': { type: 'string', pattern: '^[1-9][0-9]*$', description: 'How many events the message holds.' },
      },
    },
    payload: {
      type: 'object',
      required: ['context', 'stream', 'commandId', 'firstVersion', 'recordedAt', 'events'],
      properties: {
        context: { const: log.contextId },
        stream: {
          type: 'string',
          description: markdownText(
            `The ${aggregateName}'s stream: ${log.contextId}.${aggregateType}- followed by its ${log.idField}.`,
          ),
        },
        commandId: {
          type: 'string',
          description: 'The command that decided these events; a retried command is not appended twice.',
        },
        firstVersion: {
          type: 'integer',
          minimum: 1,
          description: "The stream version of the first event (an aggregate's versions count its events).",
        },
        recordedAt: { type: 'string', format: 'date-time' },
        events: {
          type: 'array',
          minItems: 1,
          items: { oneOf: entries.map(({ key }) => REF(`#/components/schemas/${escapeSegment(key)}`)) },
        },
      },
    },
    ...(examples.length > 0 ? { examples } : {}),
    'x-stormbench': origin,
  };
}

/**
 * A board schema as a message payload. A local `$ref` (`#/$defs/money`) is relative to the schema,
 * but in the document it would be read relative to the document, so it is rewritten to point into
 * the payload (`#/components/messages/X/payload/$defs/money`); import rewrites it back.
 */
export function payloadOf(schema: JsonSchema, base: string): JsonSchema {
  return rewriteRefs(schema, (ref) =>
    ref === '#' || ref.startsWith('#/') ? `${base}${ref.slice(1)}` : ref,
  ) as JsonSchema;
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
  const names = graph
    .targets(event, ['policy', 'readModel'])
    .filter((e) => e.context === contextId)
    .map((e) => `${KINDS[e.kind].noun} "${e.name}"`);
  return [...new Set(names)].join(', ');
}
