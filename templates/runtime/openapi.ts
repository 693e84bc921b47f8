import type { ServiceDefinition } from './definition.ts';

/** The service's HTTP API as an OpenAPI 3.1 document, built from its definition. */
export function openApiDocument(definition: ServiceDefinition): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const errors = {
    '400': { description: 'The payload is not valid; `errors` lists why, in words.' },
    '409': { description: 'The aggregate kept changing; retries could not resolve the conflict.' },
    '413': { description: 'The body is larger than 1 MiB.' },
    '415': { description: 'The body was not sent with content-type: application/json.' },
    '422': { description: 'A rule of the aggregate rejected the command (`rule-violated`), or the Idempotency-Key was already used for another request (`idempotency-key-reused`).' },
  };
  for (const command of definition.commands) {
    paths[`/commands/${command.path}`] = {
      post: {
        operationId: command.type,
        summary: `${command.type} (handled by ${command.aggregate})`,
        parameters: [
          { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' }, description: "The command's id; a retry of the same request with the same id returns the first answer and appends nothing; the id with another command or body is refused (422)." },
          { name: 'Response-Mode', in: 'header', required: false, schema: { enum: ['accepted', 'appended', 'applied'] }, description: `Defaults to ${definition.responseMode}.` },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: command.schema } } },
        responses: {
          '200': { description: 'appended: the events are in the log; applied: local state includes them too.' },
          '202': { description: 'accepted: the command is durably enqueued; GET /commands/{id} tells its fate.' },
          ...errors,
        },
      },
    };
  }
  for (const model of definition.readModels) {
    paths[`/read-models/${model.path}`] = { get: { operationId: `list${model.name}`, summary: `Rows of ${model.name}`, responses: { '200': { description: 'rows' } } } };
    paths[`/read-models/${model.path}/{id}`] = {
      get: {
        operationId: `get${model.name}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'one row' }, '404': { description: 'no such row' } },
      },
    };
  }
  paths['/commands/{id}'] = { get: { operationId: 'commandStatus', summary: 'The fate of an accepted command', responses: { '200': { description: 'status' } } } };
  paths['/health'] = { get: { operationId: 'health', responses: { '200': { description: 'positions of the log and the subscriptions' } } } };
  return { openapi: '3.1.0', info: { title: definition.name, version: '1.0.0' }, paths };
}
