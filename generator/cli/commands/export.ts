import { CliError } from '../io.ts';
import type { Command } from '../main.ts';

// Not built yet: see the open issue for `stormbench export`.
export const exportCommand: Command = {
  summary: 'not available yet in this build',
  usage: 'stormbench export: not available yet in this build.',
  async run() {
    throw new CliError('"export" is not available yet in this build.');
  },
};
