import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommandResult } from './command-bus.ts';
import { LogUnavailableError } from './log.ts';
import { openApiDocument } from './openapi.ts';
import { isResponseMode, type ResponseMode } from './responses.ts';
import type { ServiceRuntime } from './service.ts';

const MAX_BODY = 1024 * 1024;

export interface HttpService {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? status));
  }
}

/**
 * The HTTP edge: POST /commands/{name}, answered per the response mode; GET /read-models/...,
 * /commands/{id} (the fate of an accepted command), /events, /health, /openapi.json.
 * The mode is the service's own unless a request asks for another with `Response-Mode`.
 * Loopback unless a host is given: a service is reachable from elsewhere only when its operator
 * says so (`HOST=0.0.0.0`).
 */
export async function listen(runtime: ServiceRuntime, port: number, host = '127.0.0.1'): Promise<HttpService> {
  const server = createServer((request, response) => {
    handle(runtime, request, response).catch((error: unknown) => {
      const { status, body, headers } = failureAnswer(error);
      if (status === 500) console.error(`${request.method} ${request.url}: ${String(body.message)}`);
      send(response, status, body, headers);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  // The address a client on this machine uses: a wildcard is reached through loopback.
  const shownHost =
    host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port: address.port,
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(runtime: ServiceRuntime, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const parts = pathParts(url.pathname);
  const method = request.method ?? 'GET';
  const { definition } = runtime;

  if (method === 'GET' && url.pathname === '/health') {
    send(response, 200, {
      status: 'ok',
      service: definition.name,
      log: await runtime.log.head(),
      projections: runtime.projections.position,
      policies: runtime.policies.position,
    });
    return;
  }
  if (method === 'GET' && url.pathname === '/openapi.json') {
    send(response, 200, openApiDocument(definition));
    return;
  }
  if (method === 'GET' && parts[0] === 'events' && parts.length === 1) {
    const after = Number(url.searchParams.get('after') ?? 0);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 1000);
    send(response, 200, {
      events: await runtime.log.readAfter(Number.isFinite(after) ? after : 0, Number.isFinite(limit) ? limit : 100),
    });
    return;
  }
  if (parts[0] === 'read-models' && method === 'GET' && (parts.length === 2 || parts.length === 3)) {
    const model = definition.readModels.find((m) => m.path === parts[1]);
    if (!model)
      throw new HttpError(404, { error: 'not-found', message: `there is no read model ${JSON.stringify(parts[1])}` });
    if (parts.length === 3) {
      const row = runtime.store.row(model.name, parts[2]!);
      if (row === undefined)
        throw new HttpError(404, {
          error: 'not-found',
          message: `${model.name} has no row ${JSON.stringify(parts[2])}`,
        });
      send(response, 200, row);
    } else {
      const limit = clampInt(url.searchParams.get('limit'), 100, 1, 1000);
      const offset = clampInt(url.searchParams.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
      send(response, 200, { rows: runtime.store.rows(model.name, limit, offset) });
    }
    return;
  }
  if (parts[0] === 'commands' && method === 'GET' && parts.length === 2) {
    const fate = runtime.fate(parts[1]!);
    if (!fate)
      throw new HttpError(404, {
        error: 'not-found',
        message: `this service has seen no command with the id ${JSON.stringify(parts[1])}`,
      });
    send(response, 200, fate);
    return;
  }
  if (parts[0] === 'commands' && method === 'POST' && parts.length === 2) {
    const command = definition.commands.find((c) => c.path === parts[1]);
    if (!command)
      throw new HttpError(404, {
        error: 'not-found',
        message: `there is no command ${JSON.stringify(parts[1])}; see /openapi.json`,
      });
    requireJson(request);
    const payload = await readJson(request);
    const commandId = headerOf(request, 'idempotency-key') ?? headerOf(request, 'command-id') ?? randomUUID();
    if (commandId.length > 200) {
      const reason = 'the command id (Idempotency-Key) is longer than 200 characters';
      throw new HttpError(400, { error: 'invalid-command', message: reason, errors: [reason] });
    }
    const asked = headerOf(request, 'response-mode');
    if (asked !== undefined && !isResponseMode(asked)) {
      throw new HttpError(400, {
        error: 'bad-request',
        message: `Response-Mode must be accepted, appended or applied, not ${JSON.stringify(asked)}`,
      });
    }
    const mode: ResponseMode = asked ?? definition.responseMode;
    if (mode === 'accepted') {
      const invalid = runtime.bus.check(command.type, payload);
      // Refused before the inbox, it has a fate all the same.
      if (invalid) runtime.record(commandId, command.type, invalid);
      const problem = invalid ?? (await runtime.enqueue(command.type, payload, commandId));
      if (problem) answer(response, problem, mode);
      else {
        send(
          response,
          202,
          { status: 'accepted', commandId, location: `/commands/${encodeURIComponent(commandId)}` },
          { location: `/commands/${encodeURIComponent(commandId)}` },
        );
      }
      return;
    }
    answer(response, await runtime.run(command.type, payload, commandId, mode === 'applied'), mode);
    return;
  }
  throw new HttpError(404, { error: 'not-found', message: `nothing at ${method} ${url.pathname}; see /openapi.json` });
}

function answer(response: ServerResponse, result: CommandResult, mode: ResponseMode): void {
  switch (result.kind) {
    case 'done': {
      const lagging = mode === 'applied' && result.lagging === true;
      const body: Record<string, unknown> = {
        status: lagging ? 'appended' : mode,
        commandId: result.commandId,
        duplicate: result.duplicate,
        stream: result.stream,
        streamVersion: result.streamVersion,
        events: result.events,
      };
      if (mode === 'applied' && !lagging) body.state = result.state;
      if (lagging)
        body.message =
          "the events are in the log, but this service's local state has not caught up with them yet (is a projection failing? see the log output)";
      send(response, 200, body);
      return;
    }
    case 'unknown-command':
      send(response, 404, { error: 'not-found', message: result.message });
      return;
    case 'invalid':
      send(response, 400, { error: 'invalid-command', message: result.message, errors: result.errors });
      return;
    case 'rejected':
      send(response, 422, { error: 'rule-violated', message: result.message });
      return;
    case 'conflict':
      send(response, 409, { error: 'conflict', message: result.message });
      return;
    case 'reused-key':
      // As the IETF Idempotency-Key draft answers a key reused with another payload.
      send(response, 422, { error: 'idempotency-key-reused', message: result.message });
      return;
    case 'failed':
      send(response, 500, { error: 'failed', message: result.message });
      return;
  }
}

/** What a request that threw is answered: its HttpError, 503 while the log is away, 500 for anything else. */
function failureAnswer(error: unknown): {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
} {
  if (error instanceof HttpError) return { status: error.status, body: error.body };
  if (error instanceof LogUnavailableError)
    return {
      status: 503,
      body: { error: 'log-unavailable', message: error.message },
      headers: { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfter))) },
    };
  return { status: 500, body: { error: 'internal', message: error instanceof Error ? error.message : String(error) } };
}

/** The path's segments, decoded; a malformed `%` escape is the client's mistake (400), not ours. */
function pathParts(pathname: string): string[] {
  try {
    return pathname
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
  } catch {
    throw new HttpError(400, {
      error: 'bad-request',
      message: `${JSON.stringify(pathname)} is not a valid URL path: a % must be followed by two hex digits (write a literal % as %25)`,
    });
  }
}

/**
 * A command must say it is JSON. A page on another site can send a form or text/plain to any
 * address without asking (no CORS preflight), but not application/json: refusing everything else
 * keeps such a page from placing commands through a browser on this machine.
 */
function requireJson(request: IncomingMessage): void {
  const type = (headerOf(request, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return;
  throw new HttpError(415, {
    error: 'unsupported-media-type',
    message: `a command is a JSON body sent with content-type: application/json, not ${type === '' ? 'a body without a content-type' : JSON.stringify(type)}`,
  });
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function clampInt(text: string | null, fallback: number, min: number, max: number): number {
  const n = text === null ? fallback : Number.parseInt(text, 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, min), max) : fallback;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, { error: 'too-large', message: 'the body is larger than 1 MiB' });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, {
      error: 'invalid-json',
      message: `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
