import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { APP_DIR, ensureAppBuilt, ensureShellBuilt, ROOT } from './build-app.ts';
import { BOARD_SUFFIX, HostError } from './board-folder.ts';
import { BoardHost } from './board-host.ts';
import { startAppServer, type AppServer } from './http-server.ts';
import { WorkshopServer } from './workshop-server.ts';
import type { Session } from './messages.ts';
import { BOARD_FORMAT, FORMAT_VERSION, type Board } from '../../model/board/types.ts';

export interface LaunchIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export interface ServeOptions {
  board?: string;
  dir?: string;
  port?: number;
  /** Host a workshop on the board: a live session others join with a link. */
  workshop?: boolean;
}

/** Parses `[BOARD] [--dir DIR] [--port N]`; throws HostError with a sentence on bad input. */
export function parseServeArgs(args: string[]): ServeOptions {
  const options: ServeOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--workshop') {
      options.workshop = true;
    } else if (arg === '--dir' || arg === '--port') {
      const value = args[++i];
      if (value === undefined) throw new HostError(`${arg} needs a value.`);
      if (arg === '--dir') options.dir = value;
      else {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new HostError(`--port must be a number from 0 to 65535, not "${value}".`);
        options.port = port;
      }
    } else if (arg.startsWith('-')) {
      throw new HostError(`Unknown option "${arg}". Usage: stormbench serve [BOARD] [--dir DIR] [--port N] [--workshop]`);
    } else if (options.board === undefined) {
      options.board = arg;
    } else {
      throw new HostError(`One board at a time; got "${options.board}" and "${arg}".`);
    }
  }
  return options;
}

/** Which folder the host works in and which board it opens first. */
export function resolveFolder(options: ServeOptions, cwd: string): { folder: string; initial?: string } {
  if (options.board !== undefined) {
    const path = resolve(cwd, options.board);
    if (!path.endsWith(BOARD_SUFFIX)) throw new HostError(`"${options.board}" is not a board file: its name must end in "${BOARD_SUFFIX}".`);
    if (options.dir !== undefined && resolve(cwd, options.dir) !== dirname(path)) {
      throw new HostError('Give either a board or --dir, or a board inside --dir.');
    }
    return { folder: dirname(path), initial: basename(path) };
  }
  const folder = resolve(cwd, options.dir ?? '.');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new HostError(`"${options.dir ?? '.'}" is not a folder.`);
  return { folder };
}

/** `stormbench serve`: the app for a browser, on 127.0.0.1. Resolves when the server stops. */
export async function serveApp(args: string[], io: LaunchIO, reason?: string): Promise<number> {
  const options = parseServeArgs(args);
  const { folder, initial } = resolveFolder(options, io.cwd);
  await ensureAppBuilt((line) => io.stderr(`${line}\n`));
  const host = new BoardHost(folder);
  let workshop = options.workshop ? await openWorkshop(host, initial, io) : undefined;
  const session: Session = { folder, ...(initial ? { initial } : {}), mode: 'browser' };
  if (workshop) session.workshop = { facilitatorToken: workshop.facilitatorToken, joinToken: workshop.joinToken, board: workshop.file };
  const server: AppServer = await startAppServer({
    host,
    session,
    appDir: APP_DIR,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(workshop ? { workshop } : {}),
    // "Host a workshop" in the app: one workshop per server, on a board already saved.
    hostWorkshop: async (name, httpServer) => {
      if (workshop) {
        if (workshop.file !== name) throw new HostError(`A workshop on ${workshop.file} is already running here.`, 409);
        return session.workshop!;
      }
      if (!existsSync(join(folder, name))) throw new HostError('Save the board first: a workshop hosts a board file.', 409);
      workshop = await openWorkshop(host, name, io);
      workshop.attach(httpServer);
      session.workshop = { facilitatorToken: workshop.facilitatorToken, joinToken: workshop.joinToken, board: workshop.file };
      io.stdout(`Workshop on ${name}: participants join at ${server.url}?join=${workshop.joinToken}\n`);
      return session.workshop;
    },
  });
  if (reason) io.stdout(`${reason}\n`);
  io.stdout(`Stormbench is running at ${server.url} (board folder: ${folder}). Open it in a browser; Ctrl+C stops it.\n`);
  if (workshop) io.stdout(`Workshop on ${workshop.file}: participants join at ${server.url}?join=${workshop.joinToken} (the facilitator opens ${server.url}).\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void (workshop ? workshop.close() : Promise.resolve()).then(() => server.close()).then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

/** The workshop's board: the one named on the command line, loaded (a workshop needs one). */
async function openWorkshop(host: BoardHost, initial: string | undefined, io: LaunchIO): Promise<WorkshopServer> {
  if (!initial) throw new HostError('A workshop needs a board: stormbench serve BOARD --workshop.');
  let board: Board;
  if (existsSync(join(host.folder, initial))) {
    const opened = await host.open(initial);
    if (!opened.ok) throw new HostError(opened.message);
    board = opened.board;
  } else {
    board = { format: BOARD_FORMAT, formatVersion: FORMAT_VERSION, name: basename(initial, BOARD_SUFFIX), contexts: [], elements: [], links: [] };
  }
  const workshop = new WorkshopServer(host, initial, board);
  workshop.onNotice = (text) => io.stderr(`${text}\n`);
  return workshop;
}

/** The Electron binary, after running Electron's own installer if it has not run yet. */
export function findElectron(): { path: string } | { error: string } {
  const pkg = join(ROOT, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { error: 'the electron package is not installed (run "npm install")' };
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    // npm does not run Electron's install script (package.json "allowScripts"); run it on first use.
    const result = spawnSync(process.execPath, [join(pkg, 'install.js')], { cwd: pkg, encoding: 'utf8', timeout: 180_000 });
    if (result.status !== 0 || !existsSync(pathFile)) {
      const lines = `${result.stderr ?? ''}${result.stdout ?? ''}`.split('\n').map((l) => l.trim());
      const cause = lines.find((l) => /^(Error|RequestError|HTTPError|TypeError)\b|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch failed/.test(l)) ?? (result.error?.message ?? 'the download failed');
      return { error: `its binary could not be downloaded: ${cause.replace(/^\w*Error: /, '').slice(0, 160)}` };
    }
  }
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { error: `its binary is missing at ${binary}` };
}

/** `npm start`: the Electron window, or the browser app where Electron cannot run. */
export async function startApp(args: string[], io: LaunchIO): Promise<number> {
  const electron = findElectron();
  if ('error' in electron) {
    return serveApp(args, io, `Electron cannot run here (${electron.error}); serving the same app for a browser instead.`);
  }
  await ensureAppBuilt((line) => io.stderr(`${line}\n`));
  await ensureShellBuilt((line) => io.stderr(`${line}\n`));
  const main = join(ROOT, 'dist', 'electron', 'main.js');
  const child = spawn(electron.path, [main, ...args], { stdio: 'inherit', cwd: io.cwd });
  return new Promise((done) => child.on('exit', (code) => done(code ?? 0)));
}
