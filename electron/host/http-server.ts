import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import { contentTypeOf } from './content-types.ts';
import { HostError } from './board-folder.ts';
import type { BoardHost } from './board-host.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { dispatch, isOperation, MAX_MESSAGE_BYTES, type Capabilities, type Session } from './messages.ts';
import type { WorkshopServer } from './workshop-server.ts';


export interface AppServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the built app (dist/renderer) and the host's operations as `POST /api/<operation>` on
 * 127.0.0.1 only. Other web pages the user has open must not drive it: the Host header must be
 * ours (DNS rebinding) and every call carries a custom header, which a cross-site page cannot
 * send without a CORS preflight that this server never grants.
 */
export async function startAppServer(options: { host: BoardHost; session: Session; appDir: string; port?: number; workshop?: WorkshopServer; hostWorkshop?: (name: string, server: Server) => Promise<NonNullable<Session['workshop']>> }): Promise<AppServer> {
  const appDir = resolve(options.appDir);
  let port = 0;
  const capabilities: Capabilities = options.hostWorkshop ? { hostWorkshop: (name) => options.hostWorkshop!(name, server) } : {};
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendJson(res, 500, { ok: false, error: `Internal error: ${error instanceof Error ? error.message : String(error)}` }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostHeader = req.headers.host ?? '';
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
      sendJson(res, 421, { ok: false, error: 'Wrong Host header.' });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    if (url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url.pathname.slice(5));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { ok: false, error: 'Method not allowed.' });
      return;
    }
    await serveStatic(res, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, op: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'Use POST.' });
    if (req.headers['x-stormbench'] !== '1' || !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 403, { ok: false, error: 'Missing the X-Stormbench header or a JSON content type.' });
    }
    if (!isOperation(op)) return sendJson(res, 404, { ok: false, error: `Unknown operation "${op}".` });
    let args: unknown;
    try {
      args = JSON.parse(await readBody(req));
    } catch (error) {
      return sendJson(res, error instanceof HostError ? error.status : 400, { ok: false, error: error instanceof HostError ? error.message : 'The body is not JSON.' });
    }
    try {
      const result = await dispatch(options.host, options.session, op, args, capabilities);
      sendJson(res, 200, { ok: true, result });
    } catch (error) {
      if (error instanceof HostError) return sendJson(res, error.status, { ok: false, error: error.message });
      throw error;
    }
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const path = resolve(appDir, relative);
    if (!path.startsWith(appDir + sep)) return sendJson(res, 404, { ok: false, error: 'Not found.' });
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.');
      return;
    }
    res.writeHead(200, {
      'content-type': contentTypeOf(path),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    res.end(body);
  }

  options.workshop?.attach(server);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_MESSAGE_BYTES) {
        reject(new HostError('The message is too large.', 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}


