import type { ServiceDefinition } from './definition.ts';
import { commandName, componentName, componentSchemas, problem, ref, type JsonSchema } from './openapi-schemas.ts';
import { RESPONSE_MODES } from './responses.ts';

type Responses = Record<
  string,
  { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: JsonSchema }> }
>;

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const answer = (description: string, schema: JsonSchema): Responses[string] => ({ description, content: json(schema) });

/** The path parameter of a route with `{id}`. */
const idParameter = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const malformedPath = answer(
  'The path has a malformed % escape.',
  problem(['bad-request'], 'The path is not a valid URL path.'),
);
const failed = answer(
  'The service failed; the message says where.',
  problem(['failed', 'internal'], 'A failure of the service or of the domain code.'),
);

const unavailable = {
  ...answer(
    'The log cannot take or give events right now (a cluster electing a leader, a server restarting); retry after Retry-After seconds with the same Idempotency-Key: a command is appended once.',
    problem(['log-unavailable'], 'The log is unavailable for now; nothing is lost.'),
  ),
  headers: {
    'Retry-After': { description: 'Seconds after which a retry is worth it.', schema: { type: 'integer' } },
  },
};

/**
 * The service's HTTP API as an OpenAPI 3.1 document, built from its definition: every route
 * http.ts serves, and for every status the schema of its body (the command schemas are the ones
 * the edge validates with, the event schemas the ones the log is read with).
 */
export function openApiDocument(definition: ServiceDefinition): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const command of definition.commands) {
    paths[`/commands/${command.path}`] = {
      post: {
        operationId: componentName(command.type),
        tags: ['commands'],
        summary: `${command.type} (handled by ${command.aggregate})`,
        description: `Decides ${command.type} on the ${command.aggregate} it names and appends the events. The answer depends on the response mode: 202 once enqueued (accepted), 200 once appended, 200 with the state once applied.`,
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              "The command's id; a retry of the same request with the same id returns the first answer and appends nothing; the id with another command or body is refused (422).",
            schema: { type: 'string', maxLength: 200 },
          },
          {
            name: 'Response-Mode',
            in: 'header',
            required: false,
            description: `How to answer; defaults to ${definition.responseMode}.`,
            schema: { type: 'string', enum: [...RESPONSE_MODES] },
          },
        ],
        requestBody: { required: true, content: json(ref(commandName(command.type))) },
        responses: {
          '200': answer('appended: the events are in the log; applied: local state includes them too.', {
            oneOf: [ref('AppendedResult'), ref('AppliedResult')],
          }),
          '202': {
            ...answer(
              'accepted: the command is durably enqueued; GET /commands/{id} tells its fate.',
              ref('AcceptedResult'),
            ),
            headers: {
              Location: { description: 'Where the fate of the command is read.', schema: { type: 'string' } },
            },
          },
          '400': answer(
            'The body is not JSON, not valid, or a header is wrong; `errors` lists why a payload is not valid.',
            {
              oneOf: [
                {
                  ...problem(['invalid-command'], 'The payload is not valid.'),
                  required: ['error', 'message', 'errors'],
                  properties: {
                    error: { const: 'invalid-command' },
                    message: { type: 'string' },
                    errors: { type: 'array', items: { type: 'string' }, minItems: 1 },
                  },
                },
                problem(['invalid-json', 'bad-request'], 'The body is not JSON, or a header or the path is malformed.'),
              ],
            },
          ),
          '409': answer(
            'The aggregate kept changing; retries could not resolve the conflict.',
            problem(['conflict'], 'A conflict with other writers.'),
          ),
          '413': answer('The body is larger than 1 MiB.', problem(['too-large'], 'The body is too large.')),
          '415': answer(
            'The body was not sent with content-type: application/json.',
            problem(['unsupported-media-type'], 'Only JSON is accepted.'),
          ),
          '422': answer(
            'A rule of the aggregate rejected the command, or the Idempotency-Key was already used for another request.',
            problem(['rule-violated', 'idempotency-key-reused'], 'Refused; nothing was appended.'),
          ),
          '500': failed,
          '503': unavailable,
        },
      },
    };
  }
  for (const model of definition.readModels) {
    paths[`/read-models/${model.path}`] = {
      get: {
        operationId: `list${componentName(model.name)}`,
        tags: ['read-models'],
        summary: `Rows of ${model.name}`,
        description: `The rows of the ${model.name} read model, ordered by id.`,
        parameters: [
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: 'At most this many rows (1–1000, default 100).',
            schema: { type: 'integer', minimum: 1, maximum: 1000 },
          },
          {
            name: 'offset',
            in: 'query',
            required: false,
            description: 'Rows to skip.',
            schema: { type: 'integer', minimum: 0 },
          },
        ],
        responses: { '200': answer('The rows.', ref('ReadModelPage')), '400': malformedPath },
      },
    };
    paths[`/read-models/${model.path}/{id}`] = {
      get: {
        operationId: `get${componentName(model.name)}`,
        tags: ['read-models'],
        summary: `One row of ${model.name}`,
        description: `The row of ${model.name} with this id, as its projection wrote it.`,
        parameters: [idParameter("The row's id.")],
        responses: {
          '200': answer('The row.', { description: "A row as the read model's apply (src/projections/) writes it." }),
          '400': malformedPath,
          '404': answer('No such row.', problem(['not-found'], 'Nothing there.')),
        },
      },
    };
  }
  paths['/commands/{id}'] = {
    get: {
      operationId: 'commandStatus',
      tags: ['commands'],
      summary: 'The fate of a command',
      description:
        'What became of a command this service has seen, in any response mode, or that its log holds an outcome for.',
      parameters: [idParameter("The command's id (its Idempotency-Key).")],
      responses: {
        '200': answer('Pending, or done with its result.', ref('CommandStatus')),
        '400': malformedPath,
        '404': answer('No command with this id was seen.', problem(['not-found'], 'Nothing there.')),
      },
    },
  };
  paths['/events'] = {
    get: {
      operationId: 'events',
      tags: ['service'],
      summary: 'The log, in order',
      description: 'Events of the shared log after a position, each in the version it was written in.',
      parameters: [
        {
          name: 'after',
          in: 'query',
          required: false,
          description: 'Events after this position (default 0).',
          schema: { type: 'integer', minimum: 0 },
        },
        {
          name: 'limit',
          in: 'query',
          required: false,
          description: 'At most this many events (default 100, at most 1000).',
          schema: { type: 'integer', minimum: 1, maximum: 1000 },
        },
      ],
      responses: { '200': answer('The events.', ref('EventPage')), '503': unavailable },
    },
  };
  paths['/health'] = {
    get: {
      operationId: 'health',
      tags: ['service'],
      summary: 'Positions of the log and the subscriptions',
      description: "The log's last position and how far the projections and policies have got.",
      responses: { '200': answer('The service is up.', ref('Health')) },
    },
  };
  paths['/openapi.json'] = {
    get: {
      operationId: 'openApi',
      tags: ['service'],
      summary: 'This document',
      description: "The service's HTTP API as OpenAPI 3.1.",
      responses: { '200': answer('The document.', ref('OpenApiDocument')) },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: definition.name,
      version: '1.0.0',
      description: `The HTTP API of the ${definition.context} context, generated by Stormbench from its board.`,
      contact: { name: `the team of the ${definition.context} context` },
    },
    // Relative: the document is served by the service it describes, at that service's address.
    servers: [{ url: '/', description: 'The service that serves this document.' }],
    tags: [
      { name: 'commands', description: 'Commands and their fate.' },
      { name: 'read-models', description: 'Local state built from the log.' },
      { name: 'service', description: 'The log, health and this document.' },
    ],
    paths,
    components: { schemas: componentSchemas(definition) },
  };
}
