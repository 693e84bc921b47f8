import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type HttpService } from '../../templates/runtime/http.ts';
import { startRuntime, type ServiceRuntime } from '../../templates/runtime/service.ts';
import { counterDefinition } from './fixture-definition.ts';

let runtime: ServiceRuntime;
let http: HttpService;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-http-'));
  const definition = counterDefinition('applied');
  definition.policies = [];
  runtime = startRuntime(definition, { dataDir: dir, log: `sqlite:${join(dir, 'log.db')}`, pollMs: 10 });
  http = await listen(runtime, 0, '127.0.0.1');
});
afterAll(async () => {
  await http.close();
  await runtime.close();
});

async function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${http.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
async function get(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${http.url}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('the HTTP edge over 127.0.0.1', () => {
  it('applied (the default): 200 with the result once the read model includes the events', async () => {
    const answer = await post('/commands/open-counter', { counterId: 'h1' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'applied',
      streamVersion: 1,
      state: { exists: true, count: 0 },
      events: [{ type: 'CounterOpened', position: 1 }],
    });
    // No waiting: the answer came after local state caught up.
    expect((await get('/read-models/totals/h1')).body).toMatchObject({ applied: 1 });
  });

  it('appended: 200 with the positions once the events are in the log', async () => {
    const answer = await post('/commands/increment', { counterId: 'h1', by: 4 }, { 'response-mode': 'appended' });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('appended');
    expect(answer.body.state).toBeUndefined();
    expect(answer.body.events).toEqual([expect.objectContaining({ type: 'Incremented', position: 2 })]);
  });

  it('accepted: 202 once the command is enqueued; its fate is readable later', async () => {
    const answer = await post(
      '/commands/increment',
      { counterId: 'h1', by: 1 },
      { 'response-mode': 'accepted', 'idempotency-key': 'acc-1' },
    );
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'accepted', commandId: 'acc-1', location: '/commands/acc-1' });
    let status: any;
    for (let i = 0; i < 200; i++) {
      status = (await get('/commands/acc-1')).body;
      if (status.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).toMatchObject({ status: 'done', result: { kind: 'done', streamVersion: 3 } });
  });

  it('a retried Idempotency-Key returns the first answer and appends nothing', async () => {
    const first = await post('/commands/increment', { counterId: 'h1', by: 2 }, { 'idempotency-key': 'k-1' });
    const head = (await get('/health')).body.log;
    const again = await post('/commands/increment', { counterId: 'h1', by: 2 }, { 'idempotency-key': 'k-1' });
    expect(again.status).toBe(200);
    expect({ ...again.body, duplicate: false }).toEqual(first.body);
    expect(again.body.duplicate).toBe(true);
    expect((await get('/health')).body.log).toBe(head);
  });

  it('400 with the errors in words, 422 on a rule, 404 for an unknown command', async () => {
    const invalid = await post('/commands/increment', { counterId: 'h1', by: 'lots' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual(['"/by" must be integer']);
    expect((await post('/commands/increment', { by: 1 })).body.errors).toEqual([
      'the payload is missing the required property "counterId"',
    ]);
    const rule = await post('/commands/open-counter', { counterId: 'h1' });
    expect(rule).toEqual({ status: 422, body: { error: 'rule-violated', message: 'the counter is already open' } });
    expect((await post('/commands/nope', {})).status).toBe(404);
    const badJson = await fetch(`${http.url}/commands/increment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(badJson.status).toBe(400);
  });

  it('serves the read model list, health and the OpenAPI document', async () => {
    expect((await get('/read-models/totals')).body.rows).toEqual([
      { id: 'h1', row: expect.objectContaining({ total: 7 }) },
    ]);
    expect((await get('/read-models/totals/nobody')).status).toBe(404);
    const doc = (await get('/openapi.json')).body;
    expect(Object.keys(doc.paths)).toContain('/commands/open-counter');
  });

  it('GET /commands/{id} tells the fate of a command sent in any mode, refused ones too, and a retry does not replace it', async () => {
    await post(
      '/commands/increment',
      { counterId: 'h1', by: 1 },
      { 'response-mode': 'appended', 'idempotency-key': 'fate-appended' },
    );
    expect((await get('/commands/fate-appended')).body).toMatchObject({
      commandId: 'fate-appended',
      command: 'Increment',
      status: 'done',
      result: { kind: 'done', duplicate: false },
    });
    await post(
      '/commands/increment',
      { counterId: 'h1', by: 1 },
      { 'response-mode': 'appended', 'idempotency-key': 'fate-appended' },
    );
    expect((await get('/commands/fate-appended')).body.result.duplicate).toBe(false);
    await post('/commands/increment', { counterId: 'h1', by: 9 }, { 'idempotency-key': 'fate-appended' });
    expect((await get('/commands/fate-appended')).body.result).toMatchObject({
      kind: 'done',
      events: [expect.objectContaining({ type: 'Incremented' })],
    });
    await post('/commands/open-counter', { counterId: 'h1' }, { 'idempotency-key': 'fate-rejected' });
    expect((await get('/commands/fate-rejected')).body).toEqual({
      commandId: 'fate-rejected',
      command: 'OpenCounter',
      status: 'done',
      result: { kind: 'rejected', message: 'the counter is already open' },
    });
    await post(
      '/commands/increment',
      { counterId: 'h1' },
      { 'response-mode': 'accepted', 'idempotency-key': 'fate-invalid' },
    );
    expect((await get('/commands/fate-invalid')).body.result).toMatchObject({
      kind: 'invalid',
      errors: ['the payload is missing the required property "by"'],
    });
    expect((await get('/commands/never-sent')).status).toBe(404);
  });
});
