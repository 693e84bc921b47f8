import { plural } from '../../../model/words.ts';
import { resolve } from 'node:path';
import { lintBoard, summarise } from '../../../model/lint/lint.ts';
import type { Problem, Severity } from '../../../model/lint/problem.ts';
import { formatLoadErrors, readBoardFile } from '../../io/board-file.ts';
import { parseOptions } from '../args.ts';
import { CliError, EXIT } from '../io.ts';
import type { Command } from '../main.ts';

const USAGE = `Usage: stormbench check BOARD... [--json] [--quiet]

Validates each board file against the board format, runs the linter and checks every event's
version history against its compatibility level. Lists each problem with its severity, rule id,
element and a sentence on how to fix it.

  --json    print one JSON document: { boards: [{ file, name, ok, summary, problems }] }
  --quiet   show errors only (warnings and info are still counted)

Exit codes: 0 no errors (warnings allowed), 1 lint errors found, 2 a file could not be read or is
not a valid board.`;

export const checkCommand: Command = {
  summary: 'validate and lint boards; exit 1 on errors',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(
      args,
      { json: { type: 'boolean' }, quiet: { type: 'boolean' } },
      USAGE,
    );
    if (positionals.length === 0)
      throw new CliError('check needs a board file, e.g. "stormbench check board.storm.json".');
    const reports: unknown[] = [];
    let worst: number = EXIT.ok;
    for (const file of positionals) {
      const result = await readBoardFile(resolve(io.cwd, file));
      if (!result.ok) {
        io.stderr(`${formatLoadErrors(file, result)}\n`);
        reports.push({ file, ok: false, loadErrors: result.ioError ? [{ message: result.ioError }] : result.errors });
        worst = EXIT.failed;
        continue;
      }
      const problems = lintBoard(result.board);
      const summary = summarise(problems);
      if (summary.error > 0 && worst === EXIT.ok) worst = EXIT.problems;
      reports.push({ file, name: result.board.name, ok: summary.error === 0, summary, problems });
      if (!values.json)
        io.stdout(formatReport(file, result.board.name, problems, { quiet: Boolean(values.quiet), color: io.color }));
    }
    if (values.json) io.stdout(`${JSON.stringify({ boards: reports }, null, 2)}\n`);
    return worst;
  },
};

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };

export function formatReport(
  file: string,
  name: string,
  problems: readonly Problem[],
  options: { quiet: boolean; color: boolean },
): string {
  const summary = summarise(problems);
  const paint = (severity: Severity, text: string) => (options.color ? `${COLORS[severity]}${text}\x1b[0m` : text);
  const counts = `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info`;
  const lines = [`${file} (${JSON.stringify(name)}): ${counts}`];
  const shown = options.quiet ? problems.filter((p) => p.severity === 'error') : problems;
  // A loop, not Math.max(...list): spreading ~125,000 problems into one call overflows the stack.
  const width = shown.reduce((most, p) => Math.max(most, p.rule.length), 0);
  for (const p of shown) {
    const where =
      p.elementId !== undefined
        ? `${JSON.stringify(p.elementName ?? '')} (${p.elementId})`
        : p.contextId !== undefined
          ? `context ${p.contextId}`
          : 'board';
    lines.push('');
    lines.push(
      `  ${paint(p.severity, p.severity.padEnd(7))}  ${p.rule.padEnd(width)}  ${where}${p.pointer ? `  at ${p.pointer}` : ''}`,
    );
    lines.push(`           ${p.message}`);
    lines.push(`           Fix: ${p.fix}`);
  }
  if (summary.error === 0 && summary.warning === 0 && summary.info === 0) lines.push('  No problems found.');
  lines.push('', '');
  return lines.join('\n');
}
