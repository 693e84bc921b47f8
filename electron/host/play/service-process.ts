import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * One generated service run from its sources, with no `npm install`: its `node_modules` is a link
 * to the workbench's own (which holds every package a generated service depends on), and tsx's
 * loader runs its TypeScript as `npm start` would run the compiled JavaScript.
 */

const WORKBENCH_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));
const CHILD = fileURLToPath(new URL('./service-child.mjs', import.meta.url));

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** The last lines it wrote, for a sentence when it fails. */
  output(): string;
  exited: Promise<number | null>;
}

/** Links the workbench's node_modules into a generated service's folder (once). */
export function linkModules(dir: string): void {
  const target = join(dir, 'node_modules');
  if (existsSync(target) || isLink(target)) return;
  symlinkSync(WORKBENCH_MODULES, target, 'dir');
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A port nobody listens on now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export class ServiceStartError extends Error {
  constructor(
    readonly code: 'service-exited' | 'service-timeout',
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/**
 * Starts `src/main.ts` of the service in `dir` on a free port and waits until `/health` answers.
 * The child ends itself when its stdin closes, so a workbench that dies leaves no service behind.
 */
export async function startServiceProcess(
  dir: string,
  env: { dataDir: string; log: string },
  timeoutMs = 60_000,
): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, join(dir, 'src', 'main.ts')], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: env.dataDir,
      STORM_LOG: env.log,
      NODE_OPTIONS: '',
      ELECTRON_RUN_AS_NODE: '1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone)
      throw new ServiceStartError('service-exited', `it exited before it answered: ${lastLine(output)}`, output);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new ServiceStartError(
        'service-timeout',
        `it did not answer on ${url}/health within ${timeoutMs / 1000} s`,
        output,
      );
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, output: () => output, exited };
}

/** Asks the service to stop (it closes its log and state cleanly), and kills it after 5 s. */
export async function stopServiceProcess(service: Pick<ServiceProcess, 'child' | 'exited'>): Promise<void> {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await service.exited;
  clearTimeout(timer);
}

function lastLine(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines.length === 0 ? 'it printed nothing' : lines[lines.length - 1]!.trim();
}
