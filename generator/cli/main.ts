import { RefusedPathError } from '../io/confined.ts';
import { describeFsError, isFsError } from '../io/fs-errors.ts';
import { CliError, EXIT, type CliIO } from './io.ts';

export interface Command {
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

// Each command lives in its own file and is loaded only when it runs, so `check` never pays for
// the generator's or the server's imports.
const OWN_COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.ts')).checkCommand,
  schema: async () => (await import('./commands/schema.ts')).schemaCommand,
  generate: async () => (await import('./commands/generate.ts')).generateCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
};

const ORDER = ['check', 'schema', 'generate', 'export', 'import'];

export type CommandLoaders = Readonly<Record<string, () => Promise<Command>>>;

/**
 * Runs one command. `extra` adds commands defined outside generator/ (the launcher passes the
 * app's `serve` and `start` from electron/host, which generator/ may not import).
 */
export async function main(argv: string[], io: CliIO, extra: CommandLoaders = {}): Promise<number> {
  const COMMANDS: CommandLoaders = { ...OWN_COMMANDS, ...extra };
  const order = [...ORDER, ...Object.keys(extra)];
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      if (rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0])) {
        io.stdout(`${(await COMMANDS[rest[0]]!()).usage}\n`);
      } else {
        io.stdout(await helpText(COMMANDS, order));
      }
      return name === undefined ? EXIT.failed : EXIT.ok;
    }
    if (name === '--version' || name === '-v' || name === 'version') {
      io.stdout(`stormbench ${VERSION}\n`);
      return EXIT.ok;
    }
    if (!Object.hasOwn(COMMANDS, name)) {
      const near = order.find((c) => c.startsWith(name.slice(0, 2)));
      throw new CliError(
        `Unknown command ${JSON.stringify(name)}.${near ? ` Did you mean "${near}"?` : ''} Run "stormbench help" for the list.`,
      );
    }
    const command = await COMMANDS[name]!();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError || error instanceof RefusedPathError) {
      io.stderr(`stormbench: ${error.message}\n`);
      return EXIT.failed;
    }
    // The machine said no (a full disk, a read-only folder, a file where a folder must be): the
    // user can act on that, so it is a sentence, not a bug report.
    if (isFsError(error)) {
      io.stderr(`stormbench: ${describeFsError(error)}\n`);
      return EXIT.failed;
    }
    // A bug of ours: say so in one line, without a stack, and how to report it.
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(
      `stormbench: internal error: ${detail}\nThis is a bug in Stormbench; run with STORMBENCH_DEBUG=1 for details.\n`,
    );
    if (process.env.STORMBENCH_DEBUG) io.stderr(`${error instanceof Error ? error.stack : ''}\n`);
    return EXIT.failed;
  }
}

export const VERSION = '0.1.0';

async function helpText(COMMANDS: CommandLoaders, order: readonly string[]): Promise<string> {
  const lines = [
    'Stormbench: an event-storming workbench.',
    '',
    'Usage: stormbench <command> [options]',
    '',
    'Commands:',
  ];
  for (const name of order) {
    const command = await COMMANDS[name]!();
    lines.push(`  ${name.padEnd(10)} ${command.summary}`);
  }
  lines.push(
    '',
    'Run "stormbench help <command>" for its options. Exit codes: 0 ok, 1 problems found, 2 could not run.',
    '',
  );
  return lines.join('\n');
}
