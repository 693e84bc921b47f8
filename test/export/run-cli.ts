import { main } from '../../generator/cli/main.ts';
import { ROOT } from '../support/boards.ts';

/**
 * Runs a command in this process with buffered output: the same code path as the launcher
 * (main → command → exit code) without paying for a new Node process per case.
 */
export async function runCli(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, color: false });
  return { code, stdout, stderr };
}
