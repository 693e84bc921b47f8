/** Where a command writes; the real process in `bin/stormbench`, buffers in tests. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The directory relative paths are resolved against. */
  cwd: string;
  /** Whether stdout is a terminal that understands colours. */
  color: boolean;
}

/** Exit codes of every command (docs/cli.md). */
export const EXIT = { ok: 0, problems: 1, failed: 2 } as const;

/**
 * A failure the user can act on: bad arguments, an unreadable or invalid input file. The CLI
 * prints `message` (one or a few lines, never a stack) to stderr and exits with 2.
 */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
