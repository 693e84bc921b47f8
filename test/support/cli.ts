import { spawnSync } from 'node:child_process';
import { ROOT } from './boards.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real launcher, as a user or a CI script would. */
export function stormbench(args: string[], cwd = ROOT): CliRun {
  const result = spawnSync(process.execPath, [`${ROOT}bin/stormbench`, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** True when text looks like a JavaScript stack trace, which must never reach a user. */
export function hasStack(text: string): boolean {
  return /^\s+at .+[(:]\d+/m.test(text) || /node:internal/.test(text);
}
