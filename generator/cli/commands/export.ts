import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Board } from '../../../model/board/types.ts';
import { asyncApiFiles } from '../../export/asyncapi.ts';
import { exportAsyncApi, exportEventCatalog, exportReport, type ExportResult } from '../../export/exports.ts';
import { formatLoadErrors, readBoardFile, writeFileAtomic } from '../../io/board-file.ts';
import { parseOptions } from '../args.ts';
import { CliError, EXIT, type CliIO } from '../io.ts';
import type { Command } from '../main.ts';

const USAGE = `Usage: stormbench export FORMAT BOARD [options]

  stormbench export asyncapi BOARD [--context ID] [--out FILE|DIR]
      An AsyncAPI 3.0 document per bounded context: as channels, the NATS subjects its aggregates'
      events are appended to (storm.<context>.<Aggregate>.{id}, one message per command) and those
      of other contexts it reads; every event version as a log entry with its JSON Schema; its
      commands as HTTP POSTs. With one context (or --context) it prints
      the document, or writes it to --out FILE; with several, --out names a folder that gets one
      <packageName>.asyncapi.json per context.

  stormbench export eventcatalog BOARD --out DIR
      EventCatalog content: domains/, services/ (what each sends and receives, with its AsyncAPI
      document), channels/ (each aggregate's log subjects), events/ (every version, each with its
      schema.json) and commands/.

  stormbench export report BOARD --out DIR
      A self-contained HTML report of the workshop (DIR/index.html, and the board as DIR/board.svg):
      the board as an image, the contexts, each event with its versions, diffs and compatibility
      verdicts, the open hotspots and the linter's findings.

Exit codes: 0 written, 2 bad arguments or an unreadable or invalid board.`;

const FORMATS = ['asyncapi', 'eventcatalog', 'report'];

export const exportCommand: Command = {
  summary: 'write AsyncAPI, EventCatalog or an HTML workshop report',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { out: { type: 'string' }, context: { type: 'string' } }, USAGE);
    const [format, file, ...extra] = positionals;
    if (format === undefined || !FORMATS.includes(format)) {
      throw new CliError(
        format === undefined
          ? 'export needs a format and a board, e.g. "stormbench export asyncapi board.storm.json".'
          : `Unknown export format ${JSON.stringify(format)}; choose one of ${FORMATS.join(', ')}.`,
      );
    }
    if (file === undefined)
      throw new CliError(
        `export ${format} needs a board file, e.g. "stormbench export ${format} board.storm.json${format === 'asyncapi' ? '' : ' --out DIR'}".`,
      );
    if (extra.length > 0)
      throw new CliError(`export ${format} takes one board; unexpected ${JSON.stringify(extra[0])}.`);
    if (values.context !== undefined && format !== 'asyncapi')
      throw new CliError(`--context is an option of "export asyncapi" only.`);
    const loaded = await readBoardFile(resolve(io.cwd, file));
    if (!loaded.ok) throw new CliError(formatLoadErrors(file, loaded));
    const board = loaded.board;

    if (format === 'asyncapi') return exportAsyncApiCommand(board, values.context, values.out, io);
    if (values.out === undefined) throw new CliError(`export ${format} needs --out DIR, the folder to write into.`);
    const out = resolve(io.cwd, values.out);
    await refuseFile(out, values.out);
    const result =
      format === 'eventcatalog'
        ? await exportEventCatalog(board, out)
        : await exportReport(board, out, { source: file });
    report(result, io, out);
    return EXIT.ok;
  },
};

async function exportAsyncApiCommand(
  board: Board,
  contextId: string | undefined,
  outOption: string | undefined,
  io: CliIO,
): Promise<number> {
  if (contextId !== undefined && !board.contexts.some((c) => c.id === contextId)) {
    throw new CliError(
      `The board has no context with id ${JSON.stringify(contextId)}; its contexts are: ${board.contexts.map((c) => c.id).join(', ') || 'none'}.`,
    );
  }
  if (board.contexts.length === 0)
    throw new CliError('The board has no bounded contexts; draw a context frame around its stickies first.');
  const { files, notes } = asyncApiFiles(board, contextId);
  for (const note of notes) io.stderr(`note: ${note}\n`);
  const single = files.length === 1 ? files[0]! : undefined;
  if (outOption === undefined) {
    if (!single)
      throw new CliError(
        `The board has ${files.length} contexts (${board.contexts.map((c) => c.id).join(', ')}); give --context ID to print one, or --out DIR to write them all.`,
      );
    io.stdout(single.text);
    return EXIT.ok;
  }
  const out = resolve(io.cwd, outOption);
  const isDir = await stat(out).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (single && !isDir) {
    await writeFileAtomic(out, single.text);
    report({ written: [out], notes: [] }, io);
    return EXIT.ok;
  }
  if (/\.(json|ya?ml)$/i.test(outOption) && !isDir) {
    throw new CliError(
      `The board has ${files.length} contexts, so --out must be a folder (or give --context ID to write one file to ${outOption}).`,
    );
  }
  report(await exportAsyncApi(board, out, contextId), io, out);
  return EXIT.ok;
}

async function refuseFile(path: string, label: string): Promise<void> {
  const isFile = await stat(path).then(
    (s) => !s.isDirectory(),
    () => false,
  );
  if (isFile) throw new CliError(`${label} is a file; --out needs a folder (it is made if missing).`);
}

function report(result: ExportResult, io: CliIO, dir?: string): void {
  for (const note of result.notes) io.stderr(`note: ${note}\n`);
  const show = (p: string) => {
    const rel = relative(io.cwd, p);
    return rel === '' ? '.' : rel.startsWith('..') ? p : rel;
  };
  const shown = result.written.map(show);
  io.stderr(
    `Wrote ${shown.length} file${shown.length === 1 ? '' : 's'}${shown.length <= 6 || dir === undefined ? `: ${shown.join(', ')}` : ` under ${show(dir)}`}.\n`,
  );
}
