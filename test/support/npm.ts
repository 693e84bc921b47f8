import { spawn } from 'node:child_process';

/** `npm test` in a generated service's folder: its exit code and everything it printed. */
export function npmTest(dir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['test'], { cwd: dir, env: { ...process.env, npm_config_loglevel: 'error' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}
