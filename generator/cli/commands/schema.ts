import { CliError } from '../io.ts';
import type { Command } from '../main.ts';

// Not built yet: see the open issue for `stormbench schema`.
export const schemaCommand: Command = {
  summary: 'not available yet in this build',
  usage: 'stormbench schema: not available yet in this build.',
  async run() {
    throw new CliError('"schema" is not available yet in this build.');
  },
};
