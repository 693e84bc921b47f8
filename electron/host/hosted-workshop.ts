import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { BOARD_SUFFIX, HostError } from './board-folder.ts';
import type { BoardHost } from './board-host.ts';
import { startAppServer, type AppServer } from './http-server.ts';
import { DEFAULT_LISTEN, hostMatcher, isLoopback, isWildcard } from './network.ts';
import { WorkshopServer } from './workshop-server.ts';
import { BOARD_FORMAT, FORMAT_VERSION, type Board } from '../../model/board/types.ts';
import type { WorkshopInfo } from '../../contract/host-results.ts';
import { joinLink } from '../../contract/workshop-wire.ts';

/** The workshop's board: the named file, loaded, or a new empty board of that name. */
export async function openWorkshop(
  host: BoardHost,
  name: string | undefined,
  notice: (text: string) => void,
): Promise<WorkshopServer> {
  if (!name) throw new HostError('A workshop needs a board: stormbench serve BOARD --workshop.');
  let board: Board;
  if (existsSync(join(host.folder, name))) {
    const opened = await host.open(name);
    if (!opened.ok) throw new HostError(opened.message);
    board = opened.board;
  } else {
    board = {
      format: BOARD_FORMAT,
      formatVersion: FORMAT_VERSION,
      name: basename(name, BOARD_SUFFIX),
      contexts: [],
      elements: [],
      links: [],
    };
  }
  const workshop = new WorkshopServer(host, name, board);
  workshop.onNotice = notice;
  return workshop;
}

/**
 * What the facilitator's page needs: the tokens, and a join link for every reachable address.
 * `facilitatorPages` is read when the answer is sent (the `session` operation's), not now.
 */
export function workshopInfo(
  workshop: WorkshopServer,
  server: Pick<AppServer, 'links'>,
  socketUrl?: string,
): WorkshopInfo {
  return {
    facilitatorToken: workshop.facilitatorToken,
    joinToken: workshop.joinToken,
    board: workshop.file,
    joinLinks: server.links.map((base) => joinLink(base, workshop.joinToken, workshop.file)),
    ...(socketUrl ? { socketUrl } : {}),
    get facilitatorPages() {
      return workshop.facilitatorPages;
    },
  };
}

export interface HostedWorkshop {
  info: WorkshopInfo;
  server: AppServer;
  workshop: WorkshopServer;
  close(): Promise<void>;
}

/**
 * A workshop with its own app server, for a facilitator whose page is not served over HTTP (the
 * desktop window): participants' browsers load the app and the session from it. Its API is never
 * needed by anyone, so it always asks for the facilitator's token, on loopback too.
 */
export async function startHostedWorkshop(options: {
  host: BoardHost;
  name: string;
  appDir: string;
  listen?: string;
  port?: number;
  notice: (text: string) => void;
}): Promise<HostedWorkshop> {
  if (!existsSync(join(options.host.folder, options.name)))
    throw new HostError('Save the board first: a workshop hosts a board file.', 409);
  const workshop = await openWorkshop(options.host, options.name, options.notice);
  let server: AppServer;
  try {
    server = await startAppServer({
      host: options.host,
      session: { folder: '', mode: 'browser' },
      appDir: options.appDir,
      apiKey: workshop.facilitatorToken,
      workshop,
      ...(options.listen !== undefined ? { listen: options.listen } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
  } catch (error) {
    await workshop.close();
    throw error instanceof Error && /EADDRINUSE|EADDRNOTAVAIL/.test(error.message)
      ? new HostError(`The workshop cannot listen there: ${error.message}`)
      : error;
  }
  // The window reaches the session on loopback: Chromium lets a secure page (app://) open an
  // insecure ws:// only to loopback. On one network address only, a second, loopback-only
  // listener carries nothing but the session's WebSocket.
  const listen = options.listen ?? DEFAULT_LISTEN;
  const side = isLoopback(listen) || isWildcard(listen) ? undefined : await loopbackSocket(workshop);
  const socketUrl = side
    ? `ws://127.0.0.1:${(side.address() as AddressInfo).port}/workshop`
    : `${server.url.replace(/^http/, 'ws')}workshop`;
  return {
    info: workshopInfo(workshop, server, socketUrl),
    server,
    workshop,
    close: async () => {
      await workshop.end();
      await server.close();
      if (side) await new Promise<void>((done) => side.close(() => done()));
    },
  };
}

async function loopbackSocket(workshop: WorkshopServer): Promise<Server> {
  const side = createServer((_req, res) =>
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Only the workshop session is here.'),
  );
  let ours: (host: string) => boolean = () => false;
  workshop.attach(side, (host) => ours(host));
  await new Promise<void>((resolveListen, reject) => {
    side.once('error', reject);
    side.listen(0, '127.0.0.1', () => resolveListen());
  });
  ours = hostMatcher('127.0.0.1', (side.address() as AddressInfo).port);
  return side;
}
