import { CliError } from '../io.ts';
import type { Command } from '../main.ts';

// Not built yet: see the open issue for `stormbench generate`.
export const generateCommand: Command = {
  summary: 'not available yet in this build',
  usage: 'stormbench generate: not available yet in this build.',
  async run() {
    throw new CliError('"generate" is not available yet in this build.');
  },
};
