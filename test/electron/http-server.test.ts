import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardHost } from '../../electron/host/board-host.ts';
import { startAppServer, type AppServer } from '../../electron/host/http-server.ts';
import { serveAppFile } from '../../electron/main/protocol.ts';

/** A raw request, so tests can send what a browser never would (bad Host, no headers). */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the HTTP host of `stormbench serve`', () => {
  let server: AppServer;
  let app: string;
  const api = (op: string, body: unknown, headers: Record<string, string> = {}) =>
    send(server.port, {
      method: 'POST',
      path: `/api/${op}`,
      headers: { 'content-type': 'application/json', 'x-stormbench': '1', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-http-'));
    app = join(dir, 'app');
    await mkdir(app);
    await writeFile(join(app, 'index.html'), '<!doctype html><title>app</title>');
    await mkdir(join(dir, 'boards'));
    await writeFile(join(dir, 'secret.storm.json'), '{}');
    server = await startAppServer({
      host: new BoardHost(join(dir, 'boards')),
      session: { folder: join(dir, 'boards'), mode: 'browser' },
      appDir: app,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves the app with its Content-Security-Policy, on 127.0.0.1 only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await send(server.port, { path: '/', headers: { host: `127.0.0.1:${server.port}` } });
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.body).toContain('<title>app</title>');
    expect(
      (await send(server.port, { path: '/../secret.storm.json', headers: { host: `127.0.0.1:${server.port}` } }))
        .status,
    ).toBe(404);
    expect(
      (await send(server.port, { path: '/%2e%2e/secret.storm.json', headers: { host: `127.0.0.1:${server.port}` } }))
        .status,
    ).toBe(404);
  });

  it('answers an address with a malformed %-escape with 400 and a sentence, not a 500', async () => {
    for (const path of ['/%', '/%zz', '/assets/%E0%A4%A.js']) {
      const res = await send(server.port, { path, headers: { host: `127.0.0.1:${server.port}` } });
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatch(/^The address has a malformed %-escape .*; check the link\.$/);
    }
  });

  it('refuses requests for another host name (DNS rebinding) and calls without its header (CSRF)', async () => {
    expect((await send(server.port, { path: '/', headers: { host: 'evil.example:80' } })).status).toBe(421);
    expect((await api('session', {}, { 'x-stormbench': '0' })).status).toBe(403);
    expect((await api('session', {}, { 'content-type': 'text/plain' })).status).toBe(403);
    expect((await send(server.port, { method: 'GET', path: '/api/session' })).status).toBe(405);
  });

  it('validates every call on receipt', async () => {
    expect((await api('session', {})).status).toBe(200);
    expect(await api('deleteEverything', {})).toMatchObject({ status: 404 });
    const bad = await api('openBoard', { name: '../secret.storm.json' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: expect.stringContaining('not allowed') });
    const notJson = await send(server.port, {
      method: 'POST',
      path: '/api/session',
      headers: { 'content-type': 'application/json', 'x-stormbench': '1' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect((await api('saveBoard', { name: 'a.storm.json', text: 5 })).status).toBe(400);
  });
});

describe('the app:// protocol of the desktop shell', () => {
  it('serves files of the app folder with the CSP, and nothing outside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-proto-'));
    await mkdir(join(dir, 'app'));
    await writeFile(join(dir, 'app', 'index.html'), 'hello');
    await writeFile(join(dir, 'outside.txt'), 'secret');
    const ok = await serveAppFile(join(dir, 'app'), 'app://stormbench/index.html');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(await ok.text()).toBe('hello');
    expect((await serveAppFile(join(dir, 'app'), 'app://stormbench/%2e%2e/outside.txt')).status).toBe(404);
    expect((await serveAppFile(join(dir, 'app'), 'app://stormbench/..%2Foutside.txt')).status).toBe(404);
  });
});
