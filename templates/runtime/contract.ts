import type { ServiceDefinition } from './definition.ts';
import { compileValidator, type Validator } from './validation.ts';

/** An OpenAPI document as far as the walk reads it. */
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}
interface Operation {
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

export interface ContractOptions {
  /** Where the running service listens. */
  url: string;
  definition: ServiceDefinition;
  /** Payloads each command accepts, by command type (the board's examples and scenario payloads). */
  validBodies: Record<string, unknown[]>;
  /** The document to hold the service to; by default the one it serves at /openapi.json. */
  document?: Document;
  /** Called with every answer to a documented operation (e.g. to check a generated client's types against real bodies). */
  onAnswer?: (answer: { method: string; template: string; status: number; body: unknown }) => void;
}

export interface ContractReport {
  /** Each a sentence naming the request and what does not match; empty when the service keeps its document. */
  findings: string[];
  /** How many requests were sent. */
  requests: number;
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

/** An answer: its body is checked against the operation's schema in `exchange`, then read as that. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { status: number; body: any };

/**
 * Walks a running service's OpenAPI document: for every documented operation, requests that must
 * succeed and requests that must fail (invalid bodies derived from the command schemas, unknown
 * ids, retries and reused keys), and checks every answer's status and body against the document.
 * Then probes the routes nearby: a route the service answers that the document does not name is a
 * finding, and so is a documented operation the service never answered as served.
 */
export async function checkContract(options: ContractOptions): Promise<ContractReport> {
  const { url, definition } = options;
  const document = options.document ?? ((await (await fetch(`${url}/openapi.json`)).json()) as Document);
  const findings: string[] = [];
  const served = new Set<string>();
  let requests = 0;
  const validators = new Map<string, Validator>();

  /** Sends one request and checks its answer against the operation the document gives for it. */
  const exchange = async (
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string>; expect?: number[] } = {},
  ): Promise<Answer> => {
    requests++;
    const response = await fetch(`${url}${path}`, {
      method: method.toUpperCase(),
      headers: init.headers,
      body: init.body,
    });
    const text = await response.text();
    const body = text === '' ? undefined : JSON.parse(text);
    const label = `${method.toUpperCase()} ${path}`;
    const template = templateOf(document, method, path.split('?')[0]!);
    if (init.expect && !init.expect.includes(response.status))
      findings.push(
        `${label}: answered ${response.status}, expected ${init.expect.join(' or ')} (${text.slice(0, 200)})`,
      );
    if (template === undefined) {
      // Any 404 will do here: an unknown command or model under a known prefix is not a route.
      if (response.status !== 404) findings.push(`${label}: served (${response.status}) but not in the document`);
      return { status: response.status, body };
    }
    if (!isNotServed(response.status, body)) served.add(`${method} ${template}`);
    options.onAnswer?.({ method, template, status: response.status, body });
    const documented = document.paths[template]![method]!.responses[String(response.status)];
    if (!documented) {
      findings.push(
        `${label}: answered ${response.status}, which the document does not list for ${method.toUpperCase()} ${template}`,
      );
      return { status: response.status, body };
    }
    const schema = documented.content?.['application/json']?.schema;
    if (schema !== undefined) {
      const key = `${method} ${template} ${response.status}`;
      let validate = validators.get(key);
      if (!validate)
        validators.set(key, (validate = compileValidator(resolveRefs(document, schema) as object, { strip: false })));
      const verdict = validate(body);
      if (!verdict.ok)
        findings.push(
          `${label}: the ${response.status} body does not match the document: ${verdict.errors.join('; ')} (${text.slice(0, 300)})`,
        );
    } else if (body !== undefined)
      findings.push(`${label}: answered ${response.status} with a body the document does not describe`);
    return { status: response.status, body };
  };

  let keys = 0;
  const key = (): string => `contract-${Date.now().toString(36)}-${++keys}`;
  const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...extra });
  const sentIds: string[] = [];

  for (const command of definition.commands) {
    const path = `/commands/${command.path}`;
    const bodies = options.validBodies[command.type] ?? [];
    if (bodies.length === 0) findings.push(`${command.type}: no valid body to send (give an example or a scenario)`);
    for (const [index, payload] of bodies.entries()) {
      for (const mode of ['accepted', 'appended', 'applied']) {
        const id = key();
        const body = JSON.stringify(payload);
        const first = await exchange('post', path, {
          body,
          headers: json({ 'idempotency-key': id, 'response-mode': mode }),
          expect: mode === 'accepted' ? [202] : [200, 422],
        });
        sentIds.push(id);
        if (mode !== 'accepted' && first.status === 200) {
          const retry = await exchange('post', path, {
            body,
            headers: json({ 'idempotency-key': id, 'response-mode': mode }),
            expect: [200],
          });
          if (retry.body?.duplicate !== true)
            findings.push(`POST ${path}: a retry with the same Idempotency-Key was not answered as a duplicate`);
        }
        // The key with another valid body: refused, whatever the mode (an invalid one is 400
        // first). Only a key whose command was taken is spent: a refused command appended nothing.
        const other = anotherBody(command.schema, bodies, index);
        if (other !== undefined && first.status !== 422) {
          const reused = await exchange('post', path, {
            body: JSON.stringify(other),
            headers: json({ 'idempotency-key': id, 'response-mode': mode }),
            expect: [422],
          });
          if (reused.body?.error !== 'idempotency-key-reused')
            findings.push(`POST ${path}: a reused Idempotency-Key was not refused as idempotency-key-reused`);
        }
      }
    }
    for (const invalid of invalidBodies(command.schema, bodies[0])) {
      const answer = await exchange('post', path, {
        body: JSON.stringify(invalid),
        headers: json({ 'idempotency-key': key() }),
        expect: [400],
      });
      if (answer.status === 400 && !(Array.isArray(answer.body?.errors) && answer.body.errors.length > 0))
        findings.push(`POST ${path} with ${JSON.stringify(invalid)}: 400 without its errors`);
    }
    await exchange('post', path, { body: '{', headers: json(), expect: [400] });
    await exchange('post', path, { body: '{}', headers: { 'content-type': 'text/plain' }, expect: [415] });
    await exchange('post', path, {
      body: JSON.stringify({ filler: 'x'.repeat(1024 * 1024) }),
      headers: json(),
      expect: [413],
    });
    await exchange('post', path, {
      body: JSON.stringify(bodies[0] ?? {}),
      headers: json({ 'response-mode': 'eventually' }),
      expect: [400],
    });
    await exchange('post', path, {
      body: JSON.stringify(bodies[0] ?? {}),
      headers: json({ 'idempotency-key': 'k'.repeat(201) }),
      expect: [400],
    });
  }

  for (const id of sentIds) await exchange('get', `/commands/${encodeURIComponent(id)}`, { expect: [200] });
  await exchange('get', `/commands/${key()}-never-sent`, { expect: [404] });
  await exchange('get', '/events?after=0&limit=1000', { expect: [200] });
  await exchange('get', '/health', { expect: [200] });
  await exchange('get', '/openapi.json', { expect: [200] });
  for (const model of definition.readModels) {
    const page = await exchange('get', `/read-models/${model.path}?limit=1000&offset=0`, { expect: [200] });
    // The projection may not have caught up with accepted commands: the rows there are enough.
    // A row keyed "" (a sample's empty id) has no URL of its own: /read-models/x/ is the list.
    for (const row of (page.body?.rows ?? []) as Array<{ id: string }>)
      if (row.id !== '')
        await exchange('get', `/read-models/${model.path}/${encodeURIComponent(row.id)}`, { expect: [200] });
    await exchange('get', `/read-models/${model.path}/${key()}-nobody`, { expect: [404] });
  }

  // Nearby routes: other methods on every documented path, the collections, the commands' type names.
  const probes = new Set<string>([
    'get /',
    'get /commands',
    'post /commands',
    'get /read-models',
    'get /events/1',
    'get /health/more',
  ]);
  for (const [template, operations] of Object.entries(document.paths)) {
    const concrete = template.replace('{id}', 'probe');
    for (const method of METHODS) if (!operations[method]) probes.add(`${method} ${concrete}`);
  }
  for (const command of definition.commands)
    if (command.type !== command.path) probes.add(`post /commands/${command.type}`);
  for (const probe of probes) {
    const [method, path] = probe.split(' ') as [string, string];
    await exchange(
      method,
      path,
      method === 'post' || method === 'put' || method === 'patch' ? { body: '{}', headers: json() } : {},
    );
  }

  for (const [template, operations] of Object.entries(document.paths)) {
    for (const method of Object.keys(operations))
      if (!served.has(`${method} ${template}`))
        findings.push(
          `${method.toUpperCase()} ${template}: in the document, but the service never answered it as a route it serves`,
        );
  }
  return { findings, requests };
}

/** The documented path a concrete path falls under for this method: a literal path before a template (`GET /commands/place-order` is a command id). */
function templateOf(document: Document, method: string, path: string): string | undefined {
  const decoded = path
    .split('/')
    .map((part) => safeDecode(part))
    .join('/');
  if (document.paths[decoded]?.[method]) return decoded;
  return Object.keys(document.paths).find((template) => {
    if (!template.includes('{') || !document.paths[template]![method]) return false;
    const pattern = new RegExp(
      `^${template
        .split(/\{[^}]+\}/)
        .map(escape)
        .join('[^/]+')}$`,
    );
    return pattern.test(decoded);
  });
}

/** The catch-all answer of a route the service does not serve. */
function isNotServed(status: number, body: unknown): boolean {
  const message = (body as { message?: unknown } | null | undefined)?.message;
  return status === 404 && typeof message === 'string' && message.startsWith('nothing at ');
}

/** A valid body other than the index-th: another of the list, or this one with a property the schema lets through. */
function anotherBody(schema: object, bodies: unknown[], index: number): unknown {
  const text = JSON.stringify(bodies[index]);
  const listed = bodies.find((body) => JSON.stringify(body) !== text);
  if (listed !== undefined) return listed;
  const additional = (schema as { additionalProperties?: unknown }).additionalProperties;
  const payload = bodies[index];
  if (
    (additional === undefined || additional === true) &&
    typeof payload === 'object' &&
    payload !== null &&
    !Array.isArray(payload)
  )
    return { ...payload, contractProbe: 'another body' };
  return undefined;
}

/** Bodies the schema refuses, made from it: another type, each required property missing, each typed property with a value of another type. */
export function invalidBodies(schema: object, valid: unknown): unknown[] {
  const s = schema as { type?: unknown; required?: unknown; properties?: Record<string, { type?: unknown }> };
  const out: unknown[] = [];
  if (s.type === 'object') out.push([], 'not an object');
  const base =
    typeof valid === 'object' && valid !== null && !Array.isArray(valid) ? (valid as Record<string, unknown>) : {};
  for (const name of Array.isArray(s.required) ? (s.required as string[]) : []) {
    const { [name]: _dropped, ...rest } = base;
    out.push(rest);
  }
  for (const [name, property] of Object.entries(s.properties ?? {})) {
    const type = typeof property === 'object' && property !== null ? property.type : undefined;
    if (typeof type !== 'string') continue;
    out.push({ ...base, [name]: type === 'string' ? 12345 : 'a string' });
  }
  return out;
}

/** The schema with every `#/components/...` reference replaced by what it points to, so one validator can compile it. */
function resolveRefs(document: Document, schema: unknown, seen: string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((item) => resolveRefs(document, item, seen));
  if (typeof schema !== 'object' || schema === null) return schema;
  const reference = (schema as { $ref?: unknown }).$ref;
  if (typeof reference === 'string' && reference.startsWith('#/')) {
    if (seen.includes(reference))
      throw new Error(
        `the document's schemas refer to themselves (${reference}); the contract walk cannot inline them`,
      );
    const target = reference
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
    return resolveRefs(document, target, [...seen, reference]);
  }
  return Object.fromEntries(Object.entries(schema).map(([name, value]) => [name, resolveRefs(document, value, seen)]));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
