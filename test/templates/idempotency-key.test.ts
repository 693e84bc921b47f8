/**
 * The same Idempotency-Key for another request (another body, another command) must not be
 * answered as if that request had run: 422, as the IETF Idempotency-Key draft says. A retry of
 * the same request still gets the first answer.
 */
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
  const dir = mkdtempSync(join(tmpdir(), 'sb-idempotency-'));
  const definition = counterDefinition('applied');
  definition.policies = [];
  runtime = startRuntime(definition, { dataDir: dir, log: `sqlite:${join(dir, 'log.db')}`, pollMs: 10 });
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

describe('a reused Idempotency-Key', () => {
  it('answers a reused Idempotency-Key with another body or for another command with 422, and a true retry with the first answer', async () => {
    const key = { 'idempotency-key': 'reused-1' };
    const first = await send('/commands/open-counter', json('{"counterId":"r1","label":"a"}', key));
    expect(first.status).toBe(200);
    const head = await runtime.log.head();
    // The same request, its keys in another order: the first answer.
    const retry = await send('/commands/open-counter', json('{"label":"a","counterId":"r1"}', key));
    expect(retry.status).toBe(200);
    expect({ ...retry.body, duplicate: false }).toEqual(first.body);
    const refused = {
      status: 422,
      body: {
        error: 'idempotency-key-reused',
        message:
          'the Idempotency-Key "reused-1" was already used for another request (another command or another body); send a new key for a new request',
      },
    };
    // Another body, another command, another aggregate: nothing was run, so nothing may be reported done.
    expect(await send('/commands/open-counter', json('{"counterId":"r1","label":"b"}', key))).toEqual(refused);
    expect(await send('/commands/open-counter', json('{"counterId":"r2"}', key))).toEqual(refused);
    expect(await send('/commands/increment', json('{"counterId":"r1","by":1}', key))).toEqual(refused);
    expect(
      await send('/commands/increment', json('{"counterId":"r1","by":1}', { ...key, 'response-mode': 'appended' })),
    ).toEqual(refused);
    expect(
      await send('/commands/increment', json('{"counterId":"r1","by":1}', { ...key, 'response-mode': 'accepted' })),
    ).toEqual(refused);
    expect(await runtime.log.head()).toBe(head);
    expect(runtime.store.row('Totals', 'r2')).toBeUndefined();
  });

  it('answers a reused key in the accepted mode with 422 too, before anything is queued', async () => {
    const key = { 'idempotency-key': 'queued-reused', 'response-mode': 'accepted' };
    expect((await send('/commands/open-counter', json('{"counterId":"q1"}', key))).status).toBe(202);
    expect((await send('/commands/open-counter', json('{"counterId":"q1"}', key))).status).toBe(202);
    const other = await send('/commands/open-counter', json('{"counterId":"q2"}', key));
    expect(other.status).toBe(422);
    expect(other.body.error).toBe('idempotency-key-reused');
    await expect.poll(() => runtime.store.inboxItem('queued-reused')?.status, { timeout: 5000 }).toBe('done');
    expect(runtime.store.inboxItem('queued-reused')?.payload).toEqual({ counterId: 'q1' });
    await expect.poll(() => runtime.store.row('Totals', 'q1'), { timeout: 5000 }).toBeDefined();
    expect(runtime.store.row('Totals', 'q2')).toBeUndefined();
  });
});
