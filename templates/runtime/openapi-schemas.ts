import { asDraft2020 } from './schema-2020.ts';
import type { EventDefinition, ServiceDefinition } from './definition.ts';

/** A JSON Schema as OpenAPI 3.1 embeds it. */
export type JsonSchema = Record<string, unknown>;

/**
 * A component name OpenAPI accepts (`^[a-zA-Z0-9._-]+$`). Identifiers may be in any script
 * (`Заказ`), so other characters are spelled as their code points.
 */
export function componentName(name: string): string {
  return [...name].map((c) => (/^[a-zA-Z0-9._-]$/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}`)).join('');
}

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${componentName(name)}` });

const string: JsonSchema = { type: 'string' };
const integer: JsonSchema = { type: 'integer' };
const position: JsonSchema = { type: 'integer', minimum: 1 };
const object = (properties: Record<string, JsonSchema>, required = Object.keys(properties)): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** An error body as http.ts sends it: one of `codes`, a sentence, and for an invalid command the reasons. */
export function problem(codes: string[], description: string): JsonSchema {
  return { ...object({ error: { type: 'string', enum: codes }, message: string }), description };
}

export const eventDataName = (event: EventDefinition, version: number): string =>
  `${event.context}.${event.type}.v${version}`;
export const commandName = (type: string): string => `${type}Command`;

/** The schemas of the document's components: the ones the service validates with, and its answers' shapes. */
export function componentSchemas(definition: ServiceDefinition): Record<string, JsonSchema> {
  const own = definition.events.filter((e) => e.own).map((e) => e.type);
  const schemas: Record<string, JsonSchema> = {};
  const embed = (name: string, schema: object) =>
    (schemas[componentName(name)] = rebase(
      asDraft2020(schema),
      `#/components/schemas/${componentName(name)}`,
    ) as JsonSchema);
  for (const command of definition.commands) embed(commandName(command.type), command.schema);
  for (const event of definition.events) {
    for (const [version, schema] of Object.entries(event.schemas)) embed(eventDataName(event, Number(version)), schema);
  }
  const appendedEvent = object({ id: string, type: own.length > 0 ? { type: 'string', enum: own } : string, position });
  const done = {
    commandId: string,
    duplicate: { type: 'boolean', description: 'true when this answers a retry: nothing was appended now' },
    stream: string,
    streamVersion: integer,
    events: { type: 'array', items: appendedEvent },
  };
  // Only what the document refers to: a component nothing uses is a finding of the lint rules.
  if (definition.commands.length > 0) {
    schemas.AppendedResult = {
      ...object(
        {
          status: { const: 'appended' },
          ...done,
          message: {
            type: 'string',
            description: 'present when `applied` was asked but local state has not caught up',
          },
        },
        ['status', ...Object.keys(done)],
      ),
      description: 'The events are in the log.',
    };
    schemas.AppliedResult = {
      ...object({
        status: { const: 'applied' },
        ...done,
        state: { description: "The aggregate's state after the command, as src/domain/ folds it." },
      }),
      description: "The events are in the log and this service's read models include them.",
    };
    schemas.AcceptedResult = {
      ...object({ status: { const: 'accepted' }, commandId: string, location: string }),
      description: 'The command is durably enqueued.',
    };
  }
  schemas.CommandOutcome = {
    description: "What became of a command: the runtime's result, by kind.",
    oneOf: [
      object({ kind: { const: 'done' }, ...done, state: {}, lagging: { const: true } }, ['kind', ...Object.keys(done)]),
      object({ kind: { const: 'invalid' }, message: string, errors: { type: 'array', items: string } }),
      object({
        kind: { type: 'string', enum: ['unknown-command', 'rejected', 'conflict', 'reused-key', 'failed'] },
        message: string,
      }),
    ],
  };
  schemas.CommandStatus = object(
    {
      commandId: string,
      command: string,
      status: { type: 'string', enum: ['pending', 'done'] },
      result: ref('CommandOutcome'),
    },
    ['commandId', 'command', 'status'],
  );
  schemas.StoredEvent = storedEvent(definition.events);
  schemas.EventPage = object({ events: { type: 'array', items: ref('StoredEvent') } });
  if (definition.readModels.length > 0)
    schemas.ReadModelPage = object({
      rows: {
        type: 'array',
        items: object({
          id: string,
          row: { description: "A row as the read model's apply (src/projections/) writes it." },
        }),
      },
    });
  schemas.Health = object({
    status: { const: 'ok' },
    service: string,
    log: { ...integer, minimum: 0 },
    projections: { ...integer, minimum: 0 },
    policies: { ...integer, minimum: 0 },
  });
  schemas.OpenApiDocument = {
    type: 'object',
    required: ['openapi', 'info', 'paths'],
    properties: { openapi: { type: 'string' } },
    description: 'This document.',
  };
  return schemas;
}

/**
 * A user's schema as a component: its local references (`#/$defs/money`, `#`) pointed at where it
 * now sits in the document, so they resolve from the document's root as tools resolve them.
 */
function rebase(schema: unknown, at: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => rebase(item, at));
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    const rebased =
      key === '$ref' && typeof value === 'string' && (value === '#' || value.startsWith('#/'))
        ? `${at}${value.slice(1)}`
        : key === 'const' || key === 'default' || key === 'examples' || key === 'enum'
          ? value
          : rebase(value, at);
    // Defined, not assigned: a property named __proto__ stays data.
    Object.defineProperty(out, key, { value: rebased, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * An event as the log returns it. Events this service knows are described by version, with the
 * schema of that version; events of other contexts in the shared log carry any data.
 */
function storedEvent(events: EventDefinition[]): JsonSchema {
  const base = {
    position,
    id: string,
    context: string,
    stream: string,
    streamVersion: { ...integer, minimum: 1 },
    type: string,
    version: { ...integer, minimum: 1 },
    data: {},
    metadata: { type: 'object' },
    recordedAt: string,
  };
  const known = events.flatMap((event) =>
    Object.keys(event.schemas).map((version) => ({
      type: 'object',
      properties: {
        context: { const: event.context },
        type: { const: event.type },
        version: { const: Number(version) },
        data: ref(eventDataName(event, Number(version))),
      },
    })),
  );
  const isKnown = events.map((event) => ({
    type: 'object',
    properties: { context: { const: event.context }, type: { const: event.type } },
    required: ['context', 'type'],
  }));
  return { ...object(base), anyOf: [...known, ...(isKnown.length > 0 ? [{ not: { anyOf: isKnown } }] : [{}])] };
}
