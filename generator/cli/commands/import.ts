import { plural } from '../../../model/words.ts';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseBoard } from '../../../model/board/load.ts';
import { serializeBoard } from '../../../model/board/serialize.ts';
import { writeFileAtomic } from '../../io/board-file.ts';
import { parseOptions } from '../args.ts';
import { CliError, EXIT } from '../io.ts';
import type { Command } from '../main.ts';

const USAGE = `Usage: stormbench import asyncapi FILE... [--out BOARD] [--force] [--name NAME]

Makes a board from AsyncAPI documents (2.x or 3.0, JSON or YAML), so a workshop can start from
what a team already has. Every message becomes an event with its payload schema as version 1, laid
out as a timeline per channel inside a frame per document. Documents that "stormbench export
asyncapi" wrote come back with their contexts, every event version and their commands; give all of
a board's documents at once to get the whole board back.

  --out BOARD   write the board to this file (default: print it to stdout)
  --force       overwrite BOARD if it exists
  --name NAME   the board's title (default: the first document's title)

Exit codes: 0 imported, 2 a file could not be read or the AsyncAPI parser rejected it.`;

export const importCommand: Command = {
  summary: 'make a board from AsyncAPI documents',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(
      args,
      { out: { type: 'string' }, force: { type: 'boolean' }, name: { type: 'string' } },
      USAGE,
    );
    const [format, ...files] = positionals;
    if (format !== 'asyncapi') {
      throw new CliError(
        format === undefined
          ? `import needs a format and a file, e.g. "stormbench import asyncapi api.yaml".`
          : `Unknown import format ${JSON.stringify(format)}; the one there is: asyncapi.`,
      );
    }
    if (files.length === 0)
      throw new CliError('import asyncapi needs an AsyncAPI file, e.g. "stormbench import asyncapi api.yaml".');
    const out = values.out !== undefined ? resolve(io.cwd, values.out) : undefined;
    if (out !== undefined && !values.force && (await exists(out))) {
      throw new CliError(`${values.out} already exists; give --force to overwrite it, or another --out.`);
    }
    // The AsyncAPI parser takes a second or two to load: only when there is something to parse.
    const { importAsyncApiFiles } = await import('../../import/asyncapi.ts');
    const result = await importAsyncApiFiles(
      files.map((f) => ({ path: resolve(io.cwd, f), label: f })),
      values.name,
    );
    if (!result.ok) throw new CliError(result.message);
    const text = serializeBoard(result.board);
    // The board must open in the app: check it against the format before writing it anywhere.
    const check = parseBoard(text);
    if (!check.ok)
      throw new Error(`the imported board does not pass the board format: ${check.errors[0]?.message ?? ''}`);
    for (const note of result.notes) io.stderr(`note: ${note}\n`);
    if (out === undefined) {
      io.stdout(text);
    } else {
      await writeFileAtomic(out, text);
      const events = result.board.elements.filter((e) => e.kind === 'event').length;
      io.stderr(
        `Wrote ${values.out}: ${plural(result.board.contexts.length, 'context')}, ${plural(events, 'event')}.\n`,
      );
    }
    return EXIT.ok;
  },
};

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
