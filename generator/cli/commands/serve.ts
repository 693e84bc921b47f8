import { CliError } from '../io.ts';
import type { Command } from '../main.ts';

// Not built yet: the canvas issue brings the app, `stormbench serve` and `npm start`.
export const serveCommand: Command = {
  summary: 'not available yet in this build',
  usage: 'stormbench serve: not available yet in this build.',
  async run() {
    throw new CliError('"serve" is not available yet in this build: the canvas is not built.');
  },
};

export const startCommand: Command = {
  summary: 'not available yet in this build',
  usage: 'stormbench start: not available yet in this build.',
  async run() {
    throw new CliError('"start" is not available yet in this build: the canvas is not built. Try "stormbench check examples/order-fulfilment.storm.json".');
  },
};
