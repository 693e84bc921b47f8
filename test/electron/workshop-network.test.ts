import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BoardHost } from '../../electron/host/board-host.ts';
import { openWorkshop } from '../../electron/host/hosted-workshop.ts';
import { startAppServer, type AppServer } from '../../electron/host/http-server.ts';
import { checkExposure, parseServeArgs } from '../../electron/host/launch.ts';
import { hostMatcher, joinBases, parseListenAddress, reachableAddresses } from '../../electron/host/network.ts';
import type { WorkshopServer } from '../../electron/host/workshop-server.ts';

const interfaces = {
  lo: [
    { address: '127.0.0.1', family: 'IPv4', internal: true },
    { address: '::1', family: 'IPv6', internal: true },
  ],
  eth0: [
    { address: '192.168.1.20', family: 'IPv4', internal: false },
    { address: 'fe80::1', family: 'IPv6', internal: false },
  ],
  wlan0: [{ address: '10.0.0.7', family: 'IPv4', internal: false }],
} as never;

/** A raw request, so tests can send what a browser never would (any Host, any cookie). */
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

describe('--host: where the server listens and which links it prints', () => {
  it('takes addresses and host names, and says what it wants otherwise', () => {
    expect(parseServeArgs(['b.storm.json', '--host', '0.0.0.0', '--workshop'])).toEqual({
      board: 'b.storm.json',
      listen: '0.0.0.0',
      workshop: true,
    });
    expect(parseListenAddress('[::]')).toBe('::');
    expect(parseListenAddress('studio.local')).toBe('studio.local');
    expect(() => parseServeArgs(['--host'])).toThrow('--host needs a value.');
    expect(() => parseServeArgs(['--host', 'http://0.0.0.0'])).toThrow(
      '--host must be an address to listen on (127.0.0.1, 0.0.0.0, 192.168.1.20, ::) or a host name, not "http://0.0.0.0".',
    );
  });

  it('refuses to leave loopback without a workshop, and says why', () => {
    expect(() => checkExposure(parseServeArgs(['--host', '0.0.0.0']))).toThrow(
      /reachable from other machines, which is only for a workshop: .* Add --workshop/,
    );
    expect(() => checkExposure(parseServeArgs(['--host', '127.0.0.1']))).not.toThrow();
    expect(() => checkExposure(parseServeArgs(['--host', 'localhost']))).not.toThrow();
    expect(() => checkExposure(parseServeArgs(['b.storm.json', '--host', '0.0.0.0', '--workshop']))).not.toThrow();
  });

  it('links every non-internal IPv4 address for 0.0.0.0, the chosen address otherwise', () => {
    expect(reachableAddresses('0.0.0.0', interfaces)).toEqual(['192.168.1.20', '10.0.0.7']);
    expect(joinBases('0.0.0.0', 4000, interfaces)).toEqual(['http://192.168.1.20:4000/', 'http://10.0.0.7:4000/']);
    expect(joinBases('192.168.1.20', 4000, interfaces)).toEqual(['http://192.168.1.20:4000/']);
    expect(joinBases('fd00::2', 4000, interfaces)).toEqual(['http://[fd00::2]:4000/']);
    expect(joinBases('127.0.0.1', 4000, interfaces)).toEqual(['http://127.0.0.1:4000/']);
  });

  it('accepts only Host headers that name this server', () => {
    const wildcard = hostMatcher('0.0.0.0', 4000, () => interfaces);
    expect(
      ['127.0.0.1:4000', 'localhost:4000', '192.168.1.20:4000', '10.0.0.7:4000', '[fe80::1]:4000'].every(wildcard),
    ).toBe(true);
    expect(['evil.example:4000', '192.168.1.20:4001', '192.168.1.21:4000', ''].some(wildcard)).toBe(false);
    const one = hostMatcher('192.168.1.20', 4000, () => interfaces);
    expect(one('192.168.1.20:4000')).toBe(true);
    expect(one('10.0.0.7:4000')).toBe(false);
  });
});

describe('an app server reachable from the network', () => {
  let server: AppServer;
  let workshop: WorkshopServer;
  let key: string;
  const api = (op: string, headers: Record<string, string> = {}) =>
    send(server.port, {
      method: 'POST',
      path: `/api/${op}`,
      headers: {
        host: `127.0.0.1:${server.port}`,
        'content-type': 'application/json',
        'x-stormbench': '1',
        ...headers,
      },
      body: '{}',
    });

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-exposed-'));
    await mkdir(join(dir, 'app'));
    await writeFile(join(dir, 'app', 'index.html'), '<!doctype html><title>app</title>');
    await mkdir(join(dir, 'boards'));
    await writeFile(join(dir, 'boards', 'private.storm.json'), '{}');
    const host = new BoardHost(join(dir, 'boards'));
    workshop = await openWorkshop(host, 'room.storm.json', () => undefined);
    key = workshop.facilitatorToken;
    server = await startAppServer({
      host,
      session: { folder: join(dir, 'boards'), mode: 'browser' },
      appDir: join(dir, 'app'),
      listen: '0.0.0.0',
      apiKey: key,
      workshop,
    });
  });
  afterAll(async () => {
    await workshop?.close();
    await server?.close();
  });

  it('will not start beyond loopback without an API key', async () => {
    await expect(
      startAppServer({
        host: new BoardHost(tmpdir()),
        session: { folder: tmpdir(), mode: 'browser' },
        appDir: tmpdir(),
        listen: '0.0.0.0',
      }),
    ).rejects.toThrow(/reachable from the network; that needs an API key/);
  });

  it('says where it is: loopback for this machine, every network address for the others', () => {
    expect(server.exposed).toBe(true);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.links).toEqual(reachableAddresses('0.0.0.0').map((a) => `http://${a}:${server.port}/`));
  });

  it("refuses every API call without the facilitator's key, with a sentence saying what to open", async () => {
    for (const op of ['session', 'listBoards', 'listRecoveries', 'openBoard', 'saveBoard', 'hostWorkshop']) {
      const res = await api(op);
      expect(res.status, op).toBe(401);
      expect(res.body).not.toContain('private');
      expect(res.body).not.toContain(key);
    }
    expect(JSON.parse((await api('listBoards')).body).error).toMatch(
      /reachable from the network, so only the facilitator .* \?key=…\)\. Participants need only the join link\./,
    );
    expect((await api('listBoards', { 'x-stormbench-key': workshop.joinToken })).status).toBe(401);
    expect((await api('listBoards', { 'x-stormbench-key': `${key}x` })).status).toBe(401);
    expect((await api('listBoards', { cookie: `stormbench-key-${server.port}=${workshop.joinToken}` })).status).toBe(
      401,
    );
  });

  it('answers the facilitator, whose key comes in a header or in the cookie the facilitator link sets', async () => {
    const listed = await api('listBoards', { 'x-stormbench-key': key });
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.body).result.boards.map((b: { name: string }) => b.name)).toContain('private.storm.json');
    const login = await send(server.port, { path: `/?key=${key}`, headers: { host: `127.0.0.1:${server.port}` } });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    const cookie = String((login.headers['set-cookie'] as string[])[0]);
    expect(cookie).toMatch(new RegExp(`^stormbench-key-${server.port}=${key}; Path=/; HttpOnly; SameSite=Strict$`));
    expect((await api('session', { cookie: `other=1; ${cookie.split(';')[0]}` })).status).toBe(200);
    const wrong = await send(server.port, { path: '/?key=nope', headers: { host: `127.0.0.1:${server.port}` } });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatch(/not valid for this server/);
  });

  it("serves the app's files to anyone who names it by one of its addresses, and nothing to other names", async () => {
    for (const address of ['127.0.0.1', ...reachableAddresses('0.0.0.0')]) {
      const page = await send(server.port, { path: '/', headers: { host: `${address}:${server.port}` } });
      expect(page.status, address).toBe(200);
      expect(page.body).toContain('<title>app</title>');
    }
    expect((await send(server.port, { path: '/', headers: { host: `evil.example:${server.port}` } })).status).toBe(421);
    expect((await api('session', { host: `evil.example:${server.port}`, 'x-stormbench-key': key })).status).toBe(421);
  });

  it("still needs a token for the session's WebSocket", async () => {
    const open = (token: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/workshop?token=${token}`);
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => {
          ws.close();
          resolve(101);
        });
        ws.once('error', () => resolve(-1));
      });
    expect(await open('')).toBe(401);
    expect(await open(key.slice(1))).toBe(401);
    expect(await open(workshop.joinToken)).toBe(101);
  });
});

describe('`stormbench serve` on loopback', () => {
  it('asks no key, as before', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-loop-'));
    const server = await startAppServer({
      host: new BoardHost(dir),
      session: { folder: dir, mode: 'browser' },
      appDir: dir,
    });
    try {
      expect(server.exposed).toBe(false);
      expect(server.links).toEqual([server.url]);
      const res = await send(server.port, {
        method: 'POST',
        path: '/api/listBoards',
        headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'x-stormbench': '1' },
        body: '{}',
      });
      expect(res.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
