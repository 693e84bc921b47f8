import type { ServicePlan } from '../plan/service-plan.ts';
import { buildSource, commentText, generatedBanner, indent, literal } from './source.ts';
import { typeOf } from './types.ts';

const camel = (pascal: string): string => `${pascal[0]!.toLowerCase()}${pascal.slice(1)}`;

/**
 * src/client.ts: a typed client of the service's HTTP API, for the teams that call it. One file
 * with no import, so it can be copied into another project; it needs nothing but `fetch`. Its
 * answer types are the ones the OpenAPI document gives (templates/runtime/openapi-schemas.ts),
 * and the service's own smoke test calls it, so a change on one side that the other does not
 * follow fails there.
 */
export async function emitClient(plan: ServicePlan): Promise<string> {
  const payloadTypes = await Promise.all(
    plan.commands.map((c) => typeOf(c.schema, c.tsName, `the payload of the command ${c.name}`)),
  );
  const ownEvents = plan.events.filter((e) => e.own).map((e) => literal(e.type));
  return buildSource('src/client.ts', (file) => {
    file.insertText(0, generatedBanner(plan.boardName));
    file.addStatements(indent(payloadTypes.join('\n')).trimEnd());
    file.addTypeAlias({ isExported: true, name: 'ResponseMode', type: "'accepted' | 'appended' | 'applied'" });
    file.addTypeAlias({
      isExported: true,
      name: 'EventType',
      type: ownEvents.join(' | ') || 'string',
      docs: ['An event this service appends.'],
    });
    file.addInterface({
      isExported: true,
      name: 'CommandOptions',
      properties: [
        {
          name: 'idempotencyKey',
          hasQuestionToken: true,
          type: 'string',
          docs: ["The command's id: a retry with it returns the first answer and appends nothing."],
        },
        {
          name: 'responseMode',
          hasQuestionToken: true,
          type: 'ResponseMode',
          docs: [`How to answer; the service's default is ${plan.responseMode}.`],
        },
      ],
    });
    file.addInterface({
      isExported: true,
      name: 'AppendedEvent',
      properties: [
        { name: 'id', type: 'string' },
        { name: 'type', type: 'EventType' },
        { name: 'position', type: 'number' },
      ],
    });
    const done = [
      { name: 'commandId', type: 'string' },
      { name: 'duplicate', type: 'boolean' },
      { name: 'stream', type: 'string' },
      { name: 'streamVersion', type: 'number' },
      { name: 'events', type: 'AppendedEvent[]' },
    ];
    file.addInterface({
      isExported: true,
      name: 'AppendedResult',
      properties: [
        { name: 'status', type: "'appended'" },
        ...done,
        { name: 'message', hasQuestionToken: true, type: 'string' },
      ],
    });
    file.addInterface({
      isExported: true,
      name: 'AppliedResult',
      properties: [
        { name: 'status', type: "'applied'" },
        ...done,
        { name: 'state', type: 'unknown', docs: ["The aggregate's state, as its domain code folds it."] },
      ],
    });
    file.addInterface({
      isExported: true,
      name: 'AcceptedResult',
      properties: [
        { name: 'status', type: "'accepted'" },
        { name: 'commandId', type: 'string' },
        { name: 'location', type: 'string' },
      ],
    });
    file.addTypeAlias({
      isExported: true,
      name: 'CommandResult',
      type: 'AcceptedResult | AppendedResult | AppliedResult',
    });
    file.addInterface({
      isExported: true,
      name: 'Problem',
      docs: ['Every refusal: what kind, a sentence, and for an invalid payload the reasons.'],
      properties: [
        { name: 'error', type: 'string' },
        { name: 'message', type: 'string' },
        { name: 'errors', hasQuestionToken: true, type: 'string[]' },
      ],
    });
    file.addInterface({
      isExported: true,
      name: 'CommandStatus',
      properties: [
        { name: 'commandId', type: 'string' },
        { name: 'command', type: 'string' },
        { name: 'status', type: "'pending' | 'done'" },
        { name: 'result', hasQuestionToken: true, type: '{ kind: string; [field: string]: unknown }' },
      ],
    });
    file.addInterface({
      isExported: true,
      name: 'StoredEvent',
      properties: [
        'position: number',
        'id: string',
        'context: string',
        'stream: string',
        'streamVersion: number',
        'type: string',
        'version: number',
        'data: unknown',
        'metadata: Record<string, unknown>',
        'recordedAt: string',
      ].map((p) => {
        const [name, type] = p.split(': ') as [string, string];
        return { name, type };
      }),
    });
    file.addInterface({
      isExported: true,
      name: 'Health',
      properties: [
        { name: 'status', type: "'ok'" },
        { name: 'service', type: 'string' },
        { name: 'log', type: 'number' },
        { name: 'projections', type: 'number' },
        { name: 'policies', type: 'number' },
      ],
    });
    file.addTypeAlias({
      isExported: true,
      name: 'Answer<T>',
      type: '{ ok: true; status: number; body: T } | { ok: false; status: number; body: Problem }',
      docs: ['An answer: the body the status says, a result or a refusal.'],
    });
    file.addFunction({
      name: 'call',
      isAsync: true,
      typeParameters: ['T'],
      parameters: [
        { name: 'fetchImpl', type: 'typeof fetch' },
        { name: 'url', type: 'string' },
        { name: 'init', type: 'RequestInit', initializer: '{}' },
      ],
      returnType: 'Promise<Answer<T>>',
      statements: [
        'const response = await fetchImpl(url, init);',
        'const body = (await response.json()) as never;',
        'return response.ok ? { ok: true, status: response.status, body } : { ok: false, status: response.status, body };',
      ],
    });
    const commandMethods = plan.commands.map(
      (c) =>
        `    /** ${commentText(`${c.name}: POST /commands/${c.path}`)} */\n    ${camel(c.type)}: (payload: ${c.tsName}, options: CommandOptions = {}) => call<CommandResult>(fetchImpl, \`\${base}/commands/${c.path}\`, { method: 'POST', headers: headers(options), body: JSON.stringify(payload) }),`,
    );
    const readModelMethods = plan.readModels.map(
      (m) =>
        `    /** ${commentText(`${m.name}: GET /read-models/${m.kebab}`)} */\n    ${camel(m.type)}: {\n      list: (page: { limit?: number; offset?: number } = {}) => call<{ rows: Array<{ id: string; row: unknown }> }>(fetchImpl, \`\${base}/read-models/${m.kebab}\${query(page)}\`),\n      get: (id: string) => call<unknown>(fetchImpl, \`\${base}/read-models/${m.kebab}/\${encodeURIComponent(id)}\`),\n    },`,
    );
    file.addFunction({
      isExported: true,
      name: 'createClient',
      docs: [`A client of ${commentText(plan.packageName)} at \`baseUrl\` (e.g. http://127.0.0.1:3000).`],
      parameters: [
        { name: 'baseUrl', type: 'string' },
        { name: 'fetchImpl', type: 'typeof fetch', initializer: 'fetch' },
      ],
      statements: [
        "const base = baseUrl.replace(/\\/+$/, '');",
        "const headers = (options: CommandOptions): Record<string, string> => ({ 'content-type': 'application/json', ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}), ...(options.responseMode ? { 'response-mode': options.responseMode } : {}) });",
        "const query = (params: Record<string, number | undefined>): string => {\n  const pairs = Object.entries(params).filter(([, value]) => value !== undefined).map(([name, value]) => `${name}=${value}`);\n  return pairs.length > 0 ? `?${pairs.join('&')}` : '';\n};",
        `return {\n  commands: {\n${commandMethods.join('\n')}\n  },\n  readModels: {\n${readModelMethods.join('\n')}\n  },\n  commandStatus: (id: string) => call<CommandStatus>(fetchImpl, \`\${base}/commands/\${encodeURIComponent(id)}\`),\n  events: (page: { after?: number; limit?: number } = {}) => call<{ events: StoredEvent[] }>(fetchImpl, \`\${base}/events\${query(page)}\`),\n  health: () => call<Health>(fetchImpl, \`\${base}/health\`),\n};`,
      ],
    });
  });
}
