import { relative } from 'node:path';
import { formatLoadErrors, readBoardFile } from '../../io/board-file.ts';
import { generate, ServiceWriteError } from '../../generate.ts';
import { HandWrittenFilesError, handWrittenSentence } from '../../write.ts';
import { CliError, EXIT, type CliIO } from '../io.ts';
import type { Command } from '../main.ts';
import type { GenerateIssue } from '../../../contract/generate.ts';

const USAGE = `Usage: stormbench generate BOARD --out DIR [--context ID] [--force] [--json]

Generates one TypeScript service per bounded context (into DIR/<packageName>), or the service of
one context (into DIR) with --context. Run again on the same DIR to regenerate: files that are
yours (src/domain, src/projections, src/policies, hand-written upcasters) are never overwritten.
Refuses, with exit 1 and the reasons, a board whose lint errors or event histories would make a
wrong service.

  --force   overwrite files where generated ones go (README.md, src/main.ts, …) that Stormbench
            did not write; without it such files stop the run (exit 2) and are named`;

export const generateCommand: Command = {
  summary: 'generate a runnable log-subscription service per bounded context',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    let board: string | undefined;
    let out: string | undefined;
    let context: string | undefined;
    let json = false;
    let force = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--out' || arg === '-o') out = valueOf(args, ++i, arg);
      else if (arg.startsWith('--out=')) out = arg.slice(6);
      else if (arg === '--context') context = valueOf(args, ++i, arg);
      else if (arg.startsWith('--context=')) context = arg.slice(10);
      else if (arg === '--json') json = true;
      else if (arg === '--force') force = true;
      else if (arg.startsWith('-')) throw new CliError(`unknown option ${JSON.stringify(arg)}.\n${USAGE}`);
      else if (board === undefined) board = arg;
      else throw new CliError(`one board at a time; got ${JSON.stringify(board)} and ${JSON.stringify(arg)}.`);
    }
    if (board === undefined) throw new CliError(`which board? ${USAGE}`);
    if (out === undefined) throw new CliError('where to? Give --out DIR.');
    const path = board;
    const loaded = await readBoardFile(resolveFrom(io.cwd, path));
    if (!loaded.ok) throw new CliError(formatLoadErrors(path, loaded));
    if (context !== undefined && !loaded.board.contexts.some((c) => c.id === context)) {
      throw new CliError(
        `${path} has no context ${JSON.stringify(context)}; it has ${loaded.board.contexts.map((c) => JSON.stringify(c.id)).join(', ') || 'none'}.`,
      );
    }
    const started = performance.now();
    let result: Awaited<ReturnType<typeof generate>>;
    try {
      result = await generate(loaded.board, {
        out: resolveFrom(io.cwd, out),
        overwriteHandWritten: force,
        ...(context !== undefined ? { contexts: [context], intoOut: true } : {}),
      });
    } catch (error) {
      // The file system's own refusal, said in words by the CLI's error handling.
      if (error instanceof ServiceWriteError) throw error.cause;
      if (!(error instanceof HandWrittenFilesError)) throw error;
      throw new CliError(
        handWrittenSentence(
          shown(io.cwd, error.dir),
          error.files,
          `give --force to overwrite ${error.files.length === 1 ? 'it' : 'them'}, move ${error.files.length === 1 ? 'it' : 'them'} away, or choose another --out`,
        ),
      );
    }
    const ms = Math.round(performance.now() - started);
    if (!result.ok) {
      if (json) io.stdout(`${JSON.stringify({ ok: false, errors: result.problems })}\n`);
      else
        io.stderr(
          `stormbench: ${path} would make a wrong service, so nothing was generated:\n${result.problems.map((p) => `  - ${refusalText(p)}`).join('\n')}\n`,
        );
      return EXIT.problems;
    }
    if (json) {
      io.stdout(
        `${JSON.stringify({
          ok: true,
          ms,
          services: result.services.map((s) => ({
            context: s.plan.contextId,
            packageName: s.plan.packageName,
            dir: s.dir,
            written: s.report.written.length,
            unchanged: s.report.unchanged.length,
            kept: s.report.kept,
            removed: s.report.removed,
            orphans: s.report.orphans,
            needsPerson: s.needsPerson,
          })),
        })}\n`,
      );
      return EXIT.ok;
    }
    for (const s of result.services) {
      io.stdout(
        `${s.plan.packageName} (context ${s.plan.contextId}) → ${relative(io.cwd, s.dir) || '.'}: ${s.report.written.length} written, ${s.report.unchanged.length} unchanged, ${s.report.kept.length} of yours kept${s.report.removed.length ? `, ${s.report.removed.length} no longer needed removed` : ''}\n`,
      );
      for (const issue of s.needsPerson) io.stdout(`  - ${issue.message}\n`);
    }
    io.stdout(`Done in ${ms} ms. In each service: npm install && npm test && npm start\n`);
    return EXIT.ok;
  },
};

/**
 * A refusal as one line for a terminal, where no sticky can be clicked: a lint error with its rule
 * and element, a planner's with the context it was found in.
 */
function refusalText(issue: GenerateIssue): string {
  if (issue.source === 'lint') {
    const id = issue.elementIds[0];
    const where =
      issue.elementName !== undefined ? ` (${JSON.stringify(issue.elementName)}${id ? `, ${id}` : ''})` : '';
    return `${issue.code}${where}: ${issue.message} ${issue.fix ?? ''}`;
  }
  return issue.contextId !== undefined ? `context ${JSON.stringify(issue.contextId)}: ${issue.message}` : issue.message;
}

function valueOf(args: string[], index: number, flag: string): string {
  const value = args[index];
  if (value === undefined || value.startsWith('--')) throw new CliError(`${flag} needs a value.`);
  return value;
}

/** A folder as the user would type it: relative below the current directory, absolute elsewhere. */
function shown(cwd: string, dir: string): string {
  const rel = relative(cwd, dir);
  return rel === '' ? '.' : rel.startsWith('..') ? dir : rel;
}

function resolveFrom(cwd: string, path: string): string {
  return path.startsWith('/') ? path : `${cwd}/${path}`;
}
