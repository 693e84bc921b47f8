import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util's parseArgs, with its errors turned into one sentence and the command's usage, so an
 * unknown flag never reaches the user as a stack trace.
 */
export function parseOptions<O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const detail =
      error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new CliError(`${detail}.\n${usage.split('\n')[0]}`);
  }
}
