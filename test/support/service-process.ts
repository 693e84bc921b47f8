import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A built generated service as a child process on a free port (PORT=0), as
 * test/generator/e2e.test.ts starts one: `node dist/src/main.js` after the project's own build.
 */
export interface RunningService {
  url: string;
  child: ChildProcess;
  output(): string;
}

export function startService(
  dir: string,
  env: { dataDir: string; log: string },
  timeoutMs = 30_000,
): Promise<RunningService> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: dir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: env.dataDir, STORM_LOG: env.log },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the service in ${dir} did not start in ${timeoutMs / 1000} s:\n${output.slice(-3000)}`));
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
      reject(new Error(`the service in ${dir} exited (${code ?? signal}) before it listened:\n${output.slice(-3000)}`));
    });
  });
}

export async function stopService(service: RunningService): Promise<void> {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
