import { spawnSync } from 'node:child_process';
import { ROOT } from './boards.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real launcher, as a user or a CI script would. `timeout` (ms) and `heapMb` bound a run
 * that a regression could make endless or huge, so that it fails instead of taking the machine.
 */
export function stormbench(args: string[], cwd = ROOT, limits: { timeout?: number; heapMb?: number } = {}): CliRun {
  const heap = limits.heapMb !== undefined ? [`--max-old-space-size=${limits.heapMb}`] : [];
  const result = spawnSync(process.execPath, [...heap, `${ROOT}bin/stormbench`, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...(limits.timeout !== undefined ? { timeout: limits.timeout, killSignal: 'SIGKILL' as const } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** True when text looks like a JavaScript stack trace, which must never reach a user. */
export function hasStack(text: string): boolean {
  return /^\s+at .+[(:]\d+/m.test(text) || /node:internal/.test(text);
}
