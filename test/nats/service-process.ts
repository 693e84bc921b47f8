/**
 * Generated services as real processes for the JetStream tests: generate the realistic example,
 * point the projects at the workbench's node_modules, start a service (each in its own process
 * group, so kill -9 hits the node process itself), talk HTTP to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../generator/generate.ts';
import { parseBoard } from '../../model/board/load.ts';

const WORKBENCH_MODULES = new URL('../../node_modules', import.meta.url).pathname;
const BOARD = new URL('../../examples/order-fulfilment.storm.json', import.meta.url);

export interface Generated {
  root: string;
  dirs: Record<'sales' | 'payments' | 'shipping', string>;
}

/** The three services of examples/order-fulfilment.storm.json, ready to run. */
export async function generateFulfilment(): Promise<Generated> {
  const root = mkdtempSync(join(tmpdir(), 'sb-nats-services-'));
  roots.add(root);
  const parsed = parseBoard(readFileSync(BOARD, 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const result = await generate(parsed.board, { out: join(root, 'services') });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const dirs = {} as Generated['dirs'];
  for (const service of result.services) {
    symlinkSync(WORKBENCH_MODULES, join(service.dir, 'node_modules'), 'dir');
    dirs[service.plan.contextId as keyof Generated['dirs']] = service.dir;
  }
  return { root, dirs };
}

export interface Running {
  url: string;
  child: ChildProcess;
  output(): string;
}

const started = new Set<ChildProcess>();
const roots = new Set<string>();

/**
 * Starts a service on a free port. `how`: `npm-start` exactly as a user does (`npm start`, which
 * builds first), `dist` the built `node dist/src/main.js`, `source` straight from TypeScript with tsx
 * (no build: the suite's time goes to the faults, not to tsc). `nodeArgs` go to node before the
 * script (not with npm-start), e.g. --cpu-prof for bench/http.ts.
 */
export function startService(
  dir: string,
  env: { dataDir: string; log: string },
  how: 'npm-start' | 'dist' | 'source' = 'source',
  nodeArgs: string[] = [],
): Promise<Running> {
  const [command, args] =
    how === 'npm-start'
      ? ['npm', ['start']]
      : how === 'dist'
        ? [process.execPath, [...nodeArgs, 'dist/src/main.js']]
        : [process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts']];
  const child = spawn(command as string, args as string[], {
    cwd: dir,
    detached: true,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: env.dataDir,
      STORM_LOG: env.log,
      npm_config_loglevel: 'error',
    },
  });
  started.add(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`service in ${dir} did not start in 90 s:\n${output.slice(-3000)}`)),
      90_000,
    );
    child.stdout!.on('data', (d) => {
      output += d;
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, output: () => output });
      }
    });
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`service in ${dir} exited (${code ?? signal}):\n${output.slice(-3000)}`));
    });
  });
}

/** Stops a service and its process group (npm and the node it started). */
export async function stopService(service: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const child = service.child;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
  started.delete(child);
}

/** Kills every service still running and removes the generated projects. */
export async function stopAllServices(): Promise<void> {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
  }
  started.clear();
  // The generated projects and their data (node_modules there is only a symlink).
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots.clear();
}

process.once('exit', () => {
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export async function post(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, body: await response.json() };
}

export async function get(base: string, path: string): Promise<any> {
  return (await fetch(`${base}${path}`, { signal: AbortSignal.timeout(15_000) })).json();
}

export async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T | undefined;
  for (;;) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch {
      // not reachable yet
    }
    if (Date.now() > end) throw new Error(`still not there after ${ms} ms: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every event of the log, through a service's GET /events. */
export async function allEvents(base: string): Promise<any[]> {
  const events: any[] = [];
  for (let page = 0; page < 10_000; page++) {
    const batch = (await get(base, `/events?after=${events.at(-1)?.position ?? 0}&limit=1000`)).events as any[];
    if (batch.length === 0) return events;
    events.push(...batch);
  }
  throw new Error('more than 10 000 pages of events');
}

/** All rows of a read model, in id order. */
export async function rows(base: string, model: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let offset = 0; offset < 1_000_000; offset += 1000) {
    const page = (await get(base, `/read-models/${model}?limit=1000&offset=${offset}`)).rows as unknown[];
    out.push(...page);
    if (page.length < 1000) return out;
  }
  return out;
}

/** Waits until a service's subscriptions have handled the whole log. */
export async function caughtUp(base: string, ms = 30_000): Promise<void> {
  const head = (await get(base, '/health')).log as number;
  await eventually(
    () => get(base, '/health'),
    (h) => h.projections >= head && h.policies >= head,
    ms,
  );
}
