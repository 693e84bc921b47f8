import { CliError } from '../io.ts';
import type { Command } from '../main.ts';

// Not built yet: see the open issue for `stormbench import`.
export const importCommand: Command = {
  summary: 'not available yet in this build',
  usage: 'stormbench import: not available yet in this build.',
  async run() {
    throw new CliError('"import" is not available yet in this build.');
  },
};
