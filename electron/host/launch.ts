import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { APP_DIR, ensureAppBuilt, ensureShellBuilt, ROOT } from './build-app.ts';
import { BOARD_SUFFIX, HostError } from './board-folder.ts';
import { BoardHost } from './board-host.ts';
import { workerRunner } from './generate-runner.ts';
import { startAppServer, type AppServer } from './http-server.ts';
import { openWorkshop, workshopInfo } from './hosted-workshop.ts';
import type { WorkshopServer } from './workshop-server.ts';
import type { Session } from '../../contract/host-results.ts';
import { isLoopback, parseListenAddress } from './network.ts';
import { joinLink } from '../../contract/workshop-wire.ts';
import { stopEveryPlay } from './play/running.ts';

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
  /** The address to listen on; loopback (127.0.0.1) unless given. */
  listen?: string;
}

const USAGE = 'Usage: stormbench serve [BOARD] [--dir DIR] [--port N] [--host ADDR] [--workshop]';

/** Parses `[BOARD] [--dir DIR] [--port N] [--host ADDR] [--workshop]`; throws HostError with a sentence on bad input. */
export function parseServeArgs(args: string[]): ServeOptions {
  const options: ServeOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--workshop') {
      options.workshop = true;
    } else if (arg === '--dir' || arg === '--port' || arg === '--host') {
      const value = args[++i];
      if (value === undefined) throw new HostError(`${arg} needs a value.`);
      if (arg === '--dir') options.dir = value;
      else if (arg === '--host') options.listen = parseListenAddress(value);
      else {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new HostError(`--port must be a number from 0 to 65535, not "${value}".`);
        options.port = port;
      }
    } else if (arg.startsWith('-')) {
      throw new HostError(`Unknown option "${arg}". ${USAGE}`);
    } else if (options.board === undefined) {
      options.board = arg;
    } else {
      throw new HostError(`One board at a time; got "${options.board}" and "${arg}".`);
    }
  }
  return options;
}

/**
 * Beyond loopback, other machines reach the server: that is only safe with a workshop, whose
 * facilitator token then guards the board folder's API (participants need only the join link).
 */
export function checkExposure(options: ServeOptions): void {
  if (options.listen === undefined || isLoopback(options.listen) || options.workshop) return;
  throw new HostError(
    `--host ${options.listen} makes the app reachable from other machines, which is only for a workshop: its facilitator token then protects the board folder. Add --workshop (with a BOARD), or leave out --host to serve on 127.0.0.1.`,
  );
}

/** Which folder the host works in and which board it opens first. */
export function resolveFolder(options: ServeOptions, cwd: string): { folder: string; initial?: string } {
  if (options.board !== undefined) {
    const path = resolve(cwd, options.board);
    if (!path.endsWith(BOARD_SUFFIX))
      throw new HostError(`"${options.board}" is not a board file: its name must end in "${BOARD_SUFFIX}".`);
    if (options.dir !== undefined && resolve(cwd, options.dir) !== dirname(path)) {
      throw new HostError('Give either a board or --dir, or a board inside --dir.');
    }
    return { folder: dirname(path), initial: basename(path) };
  }
  const folder = resolve(cwd, options.dir ?? '.');
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new HostError(`"${options.dir ?? '.'}" is not a folder.`);
  return { folder };
}

/** `stormbench serve`: the app for a browser, on 127.0.0.1 or --host. Resolves when the server stops. */
export async function serveApp(args: string[], io: LaunchIO, reason?: string): Promise<number> {
  const options = parseServeArgs(args);
  checkExposure(options);
  const { folder, initial } = resolveFolder(options, io.cwd);
  await ensureAppBuilt((line) => io.stderr(`${line}\n`));
  const host = new BoardHost(folder);
  const notice = (text: string) => io.stderr(`${text}\n`);
  let workshop = options.workshop ? await openWorkshop(host, initial, notice) : undefined;
  const session: Session = { folder, ...(initial ? { initial } : {}), mode: 'browser' };
  const generator = workerRunner();
  const server: AppServer = await startAppServer({
    host,
    session,
    appDir: APP_DIR,
    generator,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.listen !== undefined ? { listen: options.listen } : {}),
    // checkExposure made sure that a server reachable from the network has a workshop.
    ...(options.listen !== undefined && !isLoopback(options.listen) && workshop
      ? { apiKey: workshop.facilitatorToken }
      : {}),
    ...(workshop ? { workshop } : {}),
    // "Host a workshop" in the app: one workshop per server, on a board already saved.
    hostWorkshop: async (name, httpServer, ours) => {
      if (workshop) {
        if (workshop.file !== name) throw new HostError(`A workshop on ${workshop.file} is already running here.`, 409);
        return session.workshop!;
      }
      if (!existsSync(join(folder, name)))
        throw new HostError('Save the board first: a workshop hosts a board file.', 409);
      workshop = await openWorkshop(host, name, notice);
      workshop.attach(httpServer, ours);
      session.workshop = workshopInfo(workshop, server);
      io.stdout(`Workshop on ${name}: participants join at ${session.workshop.joinLinks![0]}\n`);
      return session.workshop;
    },
    // "Stop hosting": the pages are told, the board saved; the server goes on serving the folder.
    stopWorkshop: async () => {
      const ending = workshop;
      if (!ending) throw new HostError('No workshop is hosted here: there is nothing to stop.', 409);
      workshop = undefined;
      delete session.workshop;
      await ending.end();
      io.stdout(`Workshop on ${ending.file} ended; the board is saved.\n`);
      return { board: ending.file };
    },
  });
  if (workshop) session.workshop = workshopInfo(workshop, server);
  if (reason) io.stdout(`${reason}\n`);
  if (!server.exposed) {
    io.stdout(
      `Stormbench is running at ${server.url} (board folder: ${folder}). Open it in a browser; Ctrl+C stops it.\n`,
    );
    if (workshop)
      io.stdout(
        `Workshop on ${workshop.file}: participants join at ${joinLink(server.url, workshop.joinToken, workshop.file)} (the facilitator opens ${server.url}).\n`,
      );
  } else if (workshop) {
    printExposed(io, server, workshop, folder);
  }
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void (workshop ? workshop.end() : Promise.resolve())
        .then(() => server.close())
        .then(() => stopEveryPlay())
        .then(() => generator.close())
        .then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

/** Reachable from the network: the facilitator's link carries the key; every join link is listed. */
function printExposed(io: LaunchIO, server: AppServer, workshop: WorkshopServer, folder: string): void {
  const links = server.links.map((base) => joinLink(base, workshop.joinToken, workshop.file));
  io.stdout(
    `Stormbench is running at ${server.url}, reachable from the network (board folder: ${folder}); Ctrl+C stops it.\n`,
  );
  io.stdout(
    `The facilitator opens ${server.url}?key=${workshop.facilitatorToken} (keep that link to yourself: it opens the board folder).\n`,
  );
  if (links.length === 0) {
    io.stdout(
      `Workshop on ${workshop.file}: this machine has no network address but loopback, so only it can join: ${joinLink(server.url, workshop.joinToken, workshop.file)}\n`,
    );
    return;
  }
  io.stdout(`Workshop on ${workshop.file}: participants join at ${links[0]}\n`);
  for (const link of links.slice(1)) io.stdout(`  or, from another network of this machine, at ${link}\n`);
}

/** The Electron binary, after running Electron's own installer if it has not run yet. */
export function findElectron(): { path: string } | { error: string } {
  const pkg = join(ROOT, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json')))
    return { error: 'the electron package is not installed (run "npm install")' };
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    // npm does not run Electron's install script (package.json "allowScripts"); run it on first use.
    const result = spawnSync(process.execPath, [join(pkg, 'install.js')], {
      cwd: pkg,
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (result.status !== 0 || !existsSync(pathFile)) {
      const lines = `${result.stderr ?? ''}${result.stdout ?? ''}`.split('\n').map((l) => l.trim());
      const cause =
        lines.find((l) =>
          /^(Error|RequestError|HTTPError|TypeError)\b|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch failed/.test(l),
        ) ??
        result.error?.message ??
        'the download failed';
      return { error: `its binary could not be downloaded: ${cause.replace(/^\w*Error: /, '').slice(0, 160)}` };
    }
  }
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { error: `its binary is missing at ${binary}` };
}

/**
 * Where `npm start` keeps the user's boards when told no board and no folder: their own folder
 * (STORMBENCH_BOARDS, else ~/Stormbench), never the repository's examples, whose boards the test
 * suite generates and tests (a board saved there made `npm test` fail).
 */
export function userBoardsFolder(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.STORMBENCH_BOARDS ?? join(homedir(), 'Stormbench'));
}

/** Creates the boards folder on first use, with the example boards in it to start from. */
export function prepareBoardsFolder(folder: string, notice: (line: string) => void): void {
  if (existsSync(folder)) {
    if (!statSync(folder).isDirectory())
      throw new HostError(`"${folder}" is not a folder; point STORMBENCH_BOARDS at the folder for your boards.`);
    return;
  }
  mkdirSync(folder, { recursive: true });
  const examples = join(ROOT, 'examples');
  for (const name of readdirSync(examples).filter((n) => n.endsWith(BOARD_SUFFIX)))
    copyFileSync(join(examples, name), join(folder, name));
  notice(
    `Your boards live in ${folder} (STORMBENCH_BOARDS moves them); the example boards were copied there to start from.`,
  );
}

/** `npm start`: the Electron window, or the browser app where Electron cannot run. */
export async function startApp(givenArgs: string[], io: LaunchIO): Promise<number> {
  // Bad options are reported here, in the terminal, before any window opens. In the window,
  // --host only says where "Host a workshop" listens; its server guards its API with the token.
  const options = parseServeArgs(givenArgs);
  let args = givenArgs;
  if (options.board === undefined && options.dir === undefined) {
    const folder = userBoardsFolder();
    prepareBoardsFolder(folder, (line) => io.stdout(`${line}\n`));
    args = ['--dir', folder, ...givenArgs];
  }
  const electron = findElectron();
  if ('error' in electron) {
    return serveApp(
      args,
      io,
      `Electron cannot run here (${electron.error}); serving the same app for a browser instead.`,
    );
  }
  await ensureAppBuilt((line) => io.stderr(`${line}\n`));
  await ensureShellBuilt((line) => io.stderr(`${line}\n`));
  const main = join(ROOT, 'dist', 'electron', 'main.js');
  const child = spawn(electron.path, [main, ...args], { stdio: 'inherit', cwd: io.cwd });
  return new Promise((done) => child.on('exit', (code) => done(code ?? 0)));
}
