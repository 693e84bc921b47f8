/**
 * A generated service as a child process on a free port (PORT=0), for every test and bench that runs
 * one: each in its own process group (so kill -9 hits the node process itself, and npm's child with
 * it), all of them killed when the test process ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningService {
  url: string;
  child: ChildProcess;
  output(): string;
}

const started = new Set<ChildProcess>();

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
  timeoutMs = 90_000,
): Promise<RunningService> {
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
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      reject(new Error(`service in ${dir} did not start in ${timeoutMs / 1000} s:\n${output.slice(-3000)}`));
    }, timeoutMs);
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
export async function stopService(service: RunningService, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
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

/** What `stopAllServices` does after killing the services (removing generated projects, say). */
const cleanups = new Set<() => void>();

export function afterStopAll(cleanup: () => void): void {
  cleanups.add(cleanup);
}

/** Kills every service still running, then runs the clean-ups asked for (`afterStopAll`). */
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
  for (const cleanup of cleanups) cleanup();
  cleanups.clear();
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
