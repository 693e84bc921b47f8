/**
 * The HTTP edge against requests a page on another site or a careless client can send: bodies
 * that are not declared JSON, malformed `%` escapes, numbers JSON cannot hold. Each is refused
 * in words and appends nothing.
 */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type HttpService } from '../../templates/runtime/http.ts';
import { startRuntime, type ServiceRuntime } from '../../templates/runtime/service.ts';
import { counterDefinition } from './fixture-definition.ts';

let runtime: ServiceRuntime;
let http: HttpService;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-hostile-'));
  const definition = counterDefinition('applied');
  definition.policies = [];
  // A label with no type, as a workshop may leave it: any JSON value passes its schema.
  definition.commands[0]!.schema = {
    type: 'object',
    properties: { counterId: { type: 'string' }, label: {} },
    required: ['counterId'],
  };
  definition.events[0]!.schemas[2] = {
    type: 'object',
    properties: { counterId: { type: 'string' }, label: { default: 'none' } },
    required: ['counterId'],
  };
  runtime = startRuntime(definition, { dataDir: dir, log: `sqlite:${join(dir, 'log.db')}`, pollMs: 10 });
  // No host given: the default must be loopback.
  http = await listen(runtime, 0);
});
afterAll(async () => {
  await http.close();
  await runtime.close();
});

async function send(path: string, init: RequestInit): Promise<{ status: number; body: any }> {
  const response = await fetch(`${http.url}${path}`, init);
  return { status: response.status, body: await response.json() };
}
const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

describe('the HTTP edge refuses hostile requests in words', () => {
  it('listens on loopback unless told otherwise', () => {
    expect((http.server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('takes a command only as application/json: a form or text/plain from another site is 415', async () => {
    const before = await runtime.log.head();
    const attempts: RequestInit[] = [
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"counterId":"csrf"}' },
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'counterId=csrf' },
      {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body: '--x\r\nContent-Disposition: form-data; name="counterId"\r\n\r\ncsrf\r\n--x--\r\n',
      },
      { method: 'POST', body: new Uint8Array(Buffer.from('{"counterId":"csrf"}')) },
      { method: 'POST' },
    ];
    for (const init of attempts) {
      const answer = await send('/commands/open-counter', init);
      expect(answer.status, JSON.stringify(init.headers)).toBe(415);
      expect(answer.body).toEqual({
        error: 'unsupported-media-type',
        message: expect.stringContaining('content-type: application/json'),
      });
    }
    expect(await runtime.log.head()).toBe(before);
    // A charset parameter or another JSON media type is still JSON.
    expect(
      (
        await send(
          '/commands/open-counter',
          json('{"counterId":"cs1"}', { 'content-type': 'application/json; charset=utf-8' }),
        )
      ).status,
    ).toBe(200);
    expect(
      (await send('/commands/open-counter', json('{"counterId":"cs2"}', { 'content-type': 'Application/JSON' })))
        .status,
    ).toBe(200);
  });

  it('answers a malformed % in the path with 400, not 500', async () => {
    for (const [path, init] of [
      ['/read-models/totals/%E0%A4%A', { method: 'GET' }],
      ['/commands/%zz', json('{}')],
      ['/commands/%', { method: 'GET' }],
    ] as const) {
      const answer = await send(path, init);
      expect(answer.status, path).toBe(400);
      expect(answer.body).toEqual({
        error: 'bad-request',
        message: expect.stringContaining('is not a valid URL path: a % must be followed by two hex digits'),
      });
    }
  });

  it('refuses a number JSON cannot hold (1e400 parses to Infinity) even where the schema has no type', async () => {
    const before = await runtime.log.head();
    const typeless = await send('/commands/open-counter', json('{"counterId":"inf","label":1e400}'));
    expect(typeless).toEqual({
      status: 400,
      body: {
        error: 'invalid-command',
        message: expect.stringContaining('"/label" is Infinity'),
        errors: [expect.stringContaining('"/label" is Infinity')],
      },
    });
    const nested = await send(
      '/commands/open-counter',
      json('{"counterId":"inf","label":{"deep":[1,-1e999]}}', { 'response-mode': 'accepted' }),
    );
    expect(nested.status).toBe(400);
    expect(nested.body.errors).toEqual([expect.stringContaining('"/label/deep/1" is -Infinity')]);
    // A body nested past any design would exhaust a later step's stack: refused up front.
    const deep = await send(
      '/commands/open-counter',
      json(`{"counterId":"deep","label":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
    );
    expect(deep.status).toBe(400);
    expect(deep.body.errors).toEqual([expect.stringContaining('is nested deeper than 64 levels')]);
    // Where the schema says number, the shared validator set-up refuses it too (strictNumbers).
    const typed = await send('/commands/increment', json('{"counterId":"inf","by":1e400}'));
    expect(typed.status).toBe(400);
    expect(await runtime.log.head()).toBe(before);
    expect(runtime.store.row('Totals', 'inf')).toBeUndefined();
  });
});
