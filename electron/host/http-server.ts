import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve, sep } from 'node:path';
import { describeFsError, isFsError } from '../../generator/io/fs-errors.ts';
import { contentTypeOf } from './content-types.ts';
import { HostError } from './board-folder.ts';
import { sameSecret } from './secrets.ts';
import type { BoardHost } from './board-host.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { dispatch, MAX_MESSAGE_BYTES, type Capabilities } from './messages.ts';
import { isHostOperation, type HostReply } from '../../contract/host.ts';
import type { Session, WorkshopInfo } from '../../contract/host-results.ts';
import type { GenerateRunner } from './generate-runner.ts';
import type { WorkshopServer } from './workshop-server.ts';
import { DEFAULT_LISTEN, hostMatcher, isLoopback, joinBases, localBase, reachableAddresses } from './network.ts';

export interface AppServer {
  /** The app for a browser on this machine. */
  url: string;
  /** Where browsers on other machines reach the app (just `url` on loopback). */
  links: string[];
  port: number;
  /** Whether the server listens beyond loopback, so that other machines reach it. */
  exposed: boolean;
  close(): Promise<void>;
}

export interface AppServerOptions {
  host: BoardHost;
  session: Session;
  appDir: string;
  port?: number;
  /** The address to listen on (default 127.0.0.1). */
  listen?: string;
  /**
   * A secret every `/api` call must carry (the facilitator's token). Required when `listen` is
   * beyond loopback: there the Host header and the custom header only stop other web pages, not
   * other machines. A browser gets it once from `/?key=…`, as a cookie for this server only.
   */
  apiKey?: string;
  workshop?: WorkshopServer;
  /** Where the generate dialog's work runs (see generate-runner.ts); in place when not given. */
  generator?: GenerateRunner;
  /** `ours` tells whether a Host header names this server, for the workshop's WebSocket. */
  hostWorkshop?: (name: string, server: Server, ours: (host: string) => boolean) => Promise<WorkshopInfo>;
  /** Ends the workshop hosted here ("Stop hosting" in the facilitator's page). */
  stopWorkshop?: () => Promise<{ board: string }>;
}

/**
 * Serves the built app (dist/renderer) and the host's operations as `POST /api/<operation>`, on
 * 127.0.0.1 unless told otherwise. Other web pages the user has open must not drive it: the Host
 * header must be ours (DNS rebinding) and every call carries a custom header, which a cross-site
 * page cannot send without a CORS preflight that this server never grants. Reachable from the
 * network, every call also needs the API key; the app's files (no secrets in them) are for anyone.
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const appDir = resolve(options.appDir);
  const listen = options.listen ?? DEFAULT_LISTEN;
  if (!isLoopback(listen) && !options.apiKey)
    throw new HostError(
      `Listening on ${listen} makes the app reachable from the network; that needs an API key (a workshop's facilitator token).`,
    );
  let port = 0;
  let ours: (host: string) => boolean = () => false;
  let cookieName = '';
  const capabilities: Capabilities = {
    ...(options.hostWorkshop
      ? { hostWorkshop: (name: string) => options.hostWorkshop!(name, server, (host) => ours(host)) }
      : {}),
    ...(options.stopWorkshop ? { stopWorkshop: options.stopWorkshop } : {}),
    ...(options.generator ? { generator: options.generator } : {}),
  };
  const server: Server = createServer((req, res) => {
    // The file system's refusals (a full disk, a read-only folder) are the user's to fix: in words.
    handle(req, res).catch((error: unknown) =>
      sendJson(res, 500, {
        ok: false,
        error: isFsError(error)
          ? describeFsError(error)
          : `Internal error: ${error instanceof Error ? error.message : String(error)}`,
      }),
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostHeader = req.headers.host ?? '';
    if (!ours(hostHeader)) {
      sendJson(res, 421, { ok: false, error: 'Wrong Host header.' });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    if (url.pathname.startsWith('/api/')) {
      if (options.apiKey && !sameSecret(keyOf(req), options.apiKey)) {
        return sendJson(res, 401, {
          ok: false,
          error:
            'This Stormbench server is reachable from the network, so only the facilitator may use its board folder: open the facilitator\'s link that "stormbench serve" printed (it ends in ?key=…). Participants need only the join link.',
        });
      }
      await handleApi(req, res, url.pathname.slice(5));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { ok: false, error: 'Method not allowed.' });
      return;
    }
    const key = url.searchParams.get('key');
    if (key !== null && options.apiKey) {
      if (!sameSecret(key, options.apiKey)) {
        res
          .writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
          .end(
            'This facilitator link is not valid for this server (was it restarted?). Use the link "stormbench serve" printed last.',
          );
        return;
      }
      // Into a cookie and out of the address bar, so the facilitator's page never shows the key.
      res
        .writeHead(303, {
          location: '/',
          'set-cookie': `${cookieName}=${key}; Path=/; HttpOnly; SameSite=Strict`,
          'cache-control': 'no-store',
        })
        .end();
      return;
    }
    await serveStatic(res, url.pathname);
  }

  /** The key from the X-Stormbench-Key header (scripts) or from this server's cookie (the browser). */
  function keyOf(req: IncomingMessage): string {
    const header = req.headers['x-stormbench-key'];
    if (typeof header === 'string') return header;
    for (const part of String(req.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === cookieName) return value.join('=');
    }
    return '';
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, op: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'Use POST.' });
    if (
      req.headers['x-stormbench'] !== '1' ||
      !String(req.headers['content-type'] ?? '').startsWith('application/json')
    ) {
      return sendJson(res, 403, { ok: false, error: 'Missing the X-Stormbench header or a JSON content type.' });
    }
    if (!isHostOperation(op)) return sendJson(res, 404, { ok: false, error: `Unknown operation "${op}".` });
    let args: unknown;
    try {
      args = JSON.parse(await readBody(req));
    } catch (error) {
      return sendJson(res, error instanceof HostError ? error.status : 400, {
        ok: false,
        error: error instanceof HostError ? error.message : 'The body is not JSON.',
      });
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
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      // The client's mistake (or a probe), not the server's: a 400 in words, never a 500.
      res
        .writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
        .end(
          'The address has a malformed %-escape (a "%" must be followed by two hexadecimal digits that spell UTF-8); check the link.',
        );
      return;
    }
    const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
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

  // `ours` is set once the port is known, before any upgrade can arrive.
  options.workshop?.attach(server, (host) => ours(host));
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
        const mine = reachableAddresses('0.0.0.0');
        reject(
          new HostError(
            `Cannot listen on ${listen}: it is not an address of this machine. Use 0.0.0.0 for all of its networks${mine.length ? `, or one of ${mine.join(', ')}` : ''}.`,
          ),
        );
      } else reject(error);
    });
    server.listen(options.port ?? 0, listen, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  ours = hostMatcher(listen, port);
  // Per port: cookies do not tell ports apart, and two servers on one machine must not mix keys.
  cookieName = `stormbench-key-${port}`;
  return {
    url: localBase(listen, port),
    links: joinBases(listen, port),
    port,
    exposed: !isLoopback(listen),
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

function sendJson(res: ServerResponse, status: number, body: HostReply): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
