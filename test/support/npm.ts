import { spawn } from 'node:child_process';

/**
 * `npm test` in a generated service's folder: its exit code and everything it printed. With a
 * timeout, a test run that hangs is killed and reported as failed (code null).
 */
export function npmTest(dir: string, timeoutMs?: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // Its own process group when it may be killed, so the kill reaches node under npm and sh.
    const child = spawn('npm', ['test'], {
      cwd: dir,
      detached: timeoutMs !== undefined,
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            output += `\n(npm test killed after ${timeoutMs / 1000} s)\n`;
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
