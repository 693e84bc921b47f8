import { CliError, EXIT } from '../../generator/cli/io.ts';
import type { Command } from '../../generator/cli/main.ts';
import { PLAY_USAGE } from './play/usage.ts';

// The app's commands. bin/stormbench hands them to the CLI (generator/ may not import electron/),
// and they load the host on demand, so `check` and `generate` never pay for it.
async function withHostErrors(run: () => Promise<number>): Promise<number> {
  const { HostError } = await import('./board-folder.ts');
  try {
    return await run();
  } catch (error) {
    if (error instanceof HostError) throw new CliError(error.message);
    if (error instanceof Error && /the app's build failed|EADDRINUSE/.test(error.message))
      throw new CliError(error.message);
    throw error;
  }
}

export const serveCommand: Command = {
  summary: 'serve the app for a browser on 127.0.0.1, or --host ADDR (BOARD opens first)',
  usage: [
    'Usage: stormbench serve [BOARD] [--dir DIR] [--port N] [--host ADDR] [--workshop]',
    '',
    'Serves the Stormbench canvas on http://127.0.0.1:PORT for a browser. The board folder is the',
    "BOARD's folder, or DIR, or the current directory; the app opens and saves boards only there.",
    'PORT defaults to a free one. Ctrl+C stops the server; unsaved work is autosaved for recovery.',
    '',
    '--workshop hosts a live session on BOARD: it prints a join link with a secret token; everyone',
    'who opens it edits the same board, and the host saves BOARD atomically after each change.',
    '',
    '--host ADDR listens on ADDR instead of 127.0.0.1, so that people on other machines can join:',
    '0.0.0.0 for every network of this machine (a join link is printed for each address), or one',
    'address of it. Only with --workshop: the board folder then answers only the facilitator, who',
    'opens the printed link ending in ?key=…; participants need only the join link.',
  ].join('\n'),
  async run(args, io) {
    return withHostErrors(async () => {
      const { serveApp } = await import('./launch.ts');
      return (await serveApp(args, io)) === 0 ? EXIT.ok : EXIT.failed;
    });
  },
};

export const startCommand: Command = {
  summary: 'open the desktop app (or, without Electron, serve it for a browser)',
  usage: [
    'Usage: stormbench start [BOARD] [--dir DIR] [--port N] [--host ADDR]',
    '',
    'Opens the Electron window. Where the Electron binary cannot be had, says so in one line and',
    'serves the same app for a browser, like "stormbench serve".',
    '',
    '--host ADDR: where "Host a workshop" in the window listens for the participants\' browsers',
    '(127.0.0.1 unless given; 0.0.0.0 for every network of this machine).',
  ].join('\n'),
  async run(args, io) {
    return withHostErrors(async () => {
      const { startApp } = await import('./launch.ts');
      return (await startApp(args, io)) === 0 ? EXIT.ok : EXIT.failed;
    });
  },
};

export const playCommand: Command = {
  summary: 'play the board: run every context as its generated service and watch the events flow',
  get usage() {
    return PLAY_USAGE;
  },
  async run(args, io) {
    const { runPlay } = await import('./play/cli.ts');
    return runPlay(args, io);
  },
};
