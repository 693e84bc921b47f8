/**
 * A log that cannot take appends for a while (a JetStream cluster electing a leader, a server
 * restarting): the HTTP edge says so with 503 and Retry-After, a retry with the same key appends
 * once when the log is back, and a command accepted with 202 stays pending instead of being failed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type HttpService } from '../../templates/runtime/http.ts';
import { LogUnavailableError, type AppendRequest, type EventLog } from '../../templates/runtime/log.ts';
import { openApiDocument } from '../../templates/runtime/openapi.ts';
import { startRuntime, type ServiceRuntime } from '../../templates/runtime/service.ts';
import { SqliteLog } from '../../templates/runtime/sqlite-log.ts';
import { counterDefinition } from './fixture-definition.ts';

let runtime: ServiceRuntime;
let http: HttpService;
let sqlite: SqliteLog;
/** While true, every append is refused as the NATS adapter refuses one during an election. */
let away = false;
let refusedAppends = 0;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-unavailable-'));
  sqlite = new SqliteLog(join(dir, 'log.db'));
  const log: EventLog = {
    append: (request: AppendRequest) => {
      if (!away) return sqlite.append(request);
      refusedAppends += 1;
      // A tenth of a second, so the inbox's pause after a refusal stays short here.
      return Promise.reject(new LogUnavailableError(`no stream leader for ${request.stream} (test)`, 0.1));
    },
    outcomeOf: (context, commandId) => sqlite.outcomeOf(context, commandId),
    readStream: (stream, toVersion) => sqlite.readStream(stream, toVersion),
    readAfter: (position, limit) => sqlite.readAfter(position, limit),
    head: () => sqlite.head(),
    close: () => sqlite.close(),
  };
  const definition = counterDefinition('appended');
  definition.policies = [];
  runtime = startRuntime(definition, { dataDir: dir, log, pollMs: 10 });
  http = await listen(runtime, 0, '127.0.0.1');
});
afterAll(async () => {
  await http.close();
  await runtime.close();
});

async function post(path: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${http.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as any,
  };
}

async function fate(id: string): Promise<any> {
  return (await fetch(`${http.url}/commands/${id}`)).json();
}

describe('a log that is away for a moment', () => {
  it('answers 503 with Retry-After, and the same key appends once when the log is back', async () => {
    away = true;
    const refused = await post('/commands/open-counter', { counterId: 'u1' }, { 'idempotency-key': 'u1-open' });
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('1'); // whole seconds, as HTTP has them
    expect(refused.body.error).toBe('log-unavailable');
    expect(refused.body.message).toContain('no stream leader for counting.Counter-u1');
    expect(await sqlite.readStream('counting.Counter-u1')).toEqual([]);

    away = false;
    const retried = await post('/commands/open-counter', { counterId: 'u1' }, { 'idempotency-key': 'u1-open' });
    expect(retried.status).toBe(200);
    const again = await post('/commands/open-counter', { counterId: 'u1' }, { 'idempotency-key': 'u1-open' });
    expect(again.body.duplicate).toBe(true);
    expect(await sqlite.readStream('counting.Counter-u1')).toHaveLength(1);
  });

  it('keeps an accepted command pending while the log is away, and runs it once it is back', async () => {
    const opened = await post('/commands/open-counter', { counterId: 'u2' }, { 'idempotency-key': 'u2-open' });
    expect(opened.status).toBe(200);
    away = true;
    refusedAppends = 0;
    const accepted = await post(
      '/commands/increment',
      { counterId: 'u2', by: 3 },
      { 'idempotency-key': 'u2-inc', 'response-mode': 'accepted' },
    );
    expect(accepted.status).toBe(202);
    // The drain tried and was refused at least twice: the command was not given up on.
    for (let i = 0; i < 300 && refusedAppends < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(refusedAppends).toBeGreaterThanOrEqual(2);
    expect(await fate('u2-inc')).toMatchObject({ status: 'pending' });

    away = false;
    let status: any;
    for (let i = 0; i < 300; i++) {
      status = await fate('u2-inc');
      if (status.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).toMatchObject({ status: 'done', result: { kind: 'done', streamVersion: 2 } });
    expect((await sqlite.readStream('counting.Counter-u2')).map((e) => e.type)).toEqual([
      'CounterOpened',
      'Incremented',
    ]);
  });

  it('documents the 503 for every command and for the log', () => {
    const document = openApiDocument(runtime.definition) as any;
    for (const [path, item] of Object.entries<any>(document.paths)) {
      if (path.startsWith('/commands/') && item.post) expect(item.post.responses['503'], path).toBeDefined();
    }
    expect(document.paths['/events'].get.responses['503'].headers['Retry-After']).toBeDefined();
  });
});
