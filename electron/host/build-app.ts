import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The repository root, found from this file so the CLI works from any directory. */
export const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..');
export const APP_DIR = join(ROOT, 'dist', 'renderer');

/** The newest modification time under a folder (sources only: no node_modules, no dot folders). */
async function newest(dir: string): Promise<number> {
  let latest = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? await newest(path) : (await stat(path)).mtimeMs);
  }
  return latest;
}

/**
 * Builds the renderer with Vite when dist/renderer is missing or older than its sources, so a
 * fresh checkout runs with `npm start` alone. The build runs in a child process: Vite's memory
 * is then given back before the server starts.
 */
export async function ensureAppBuilt(log: (line: string) => void): Promise<void> {
  await buildIfStale(
    join(APP_DIR, 'index.html'),
    [join(ROOT, 'renderer'), join(ROOT, 'contract'), join(ROOT, 'model')],
    [['--config', join(ROOT, 'renderer', 'vite.config.ts')]],
    log,
  );
}

/** Builds the Electron main process and preload into dist/electron when they are stale. */
export async function ensureShellBuilt(log: (line: string) => void): Promise<void> {
  const config = join(ROOT, 'electron', 'vite.config.ts');
  await buildIfStale(
    join(ROOT, 'dist', 'electron', 'preload.cjs'),
    [join(ROOT, 'electron'), join(ROOT, 'contract'), join(ROOT, 'model'), join(ROOT, 'generator', 'io')],
    [
      ['--config', config, '--mode', 'main'],
      ['--config', config, '--mode', 'preload'],
    ],
    log,
  );
}

async function buildIfStale(
  output: string,
  sourceDirs: string[],
  builds: string[][],
  log: (line: string) => void,
): Promise<void> {
  let built = 0;
  try {
    built = (await stat(output)).mtimeMs;
  } catch {
    built = 0;
  }
  let sources = 0;
  for (const dir of sourceDirs) sources = Math.max(sources, await newest(dir));
  if (built > 0 && built >= sources) return;
  log(
    `Building ${output.includes('electron') ? 'the desktop shell' : 'the app'} (once after each change to its sources)...`,
  );
  for (const args of builds) await viteBuild(args);
}

function viteBuild(args: string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', ...args, '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the app's build failed:\n${output.trim()}`)),
    );
  });
}
