import { resolve } from 'node:path';
import { COMPATIBILITY_LEVELS, type CompatibilityLevel, type EventElement } from '../../../model/board/types.ts';
import { compatibilityOf, historyOwner, levelHolder, versionsOf } from '../../../model/board/events.ts';
import { BoardGraph, type Identity } from '../../../model/board/graph.ts';
import { toIdentifier } from '../../../model/names/identifiers.ts';
import { draftNote } from '../../../model/json-schema/draft-note.ts';
import { adviceFor } from '../../../model/schema/advice.ts';
import {
  checkHistory,
  compareSchemas,
  SchemaInputError,
  type CompatibilityReport,
  type HistoryStep,
  type Policy,
} from '../../../model/schema/compare.ts';
import { formatLoadErrors, readBoardFile } from '../../io/board-file.ts';
import { describeReadError } from '../../io/fs-errors.ts';
import { MAX_DOCUMENT_BYTES, MAX_NESTING } from '../../io/limits.ts';
import { nestsDeeperThan } from '../../io/nesting.ts';
import { readTextCapped } from '../../io/read-text.ts';
import { parseOptions } from '../args.ts';
import { CliError, EXIT, type CliIO } from '../io.ts';
import type { Command } from '../main.ts';

const USAGE = `Usage: stormbench schema diff OLD NEW [--mode MODE] [--policy lenient|strict] [--json]
       stormbench schema history BOARD EVENT [--policy lenient|strict] [--json]

diff      compares two JSON Schema files (OLD is the earlier version) and prints every difference
          with its type, its JSON pointer, whether it is compatible under MODE, and why.
history   checks the version history of one event (by name or id) against its compatibility level.

  --mode MODE        BACKWARD (default), BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL,
                     FULL_TRANSITIVE or NONE (the _TRANSITIVE levels mean the plain ones for two files)
  --policy POLICY    lenient (default): writers never put undeclared properties into open objects;
                     strict: judge exactly which payloads each schema accepts
  --json             print one JSON document instead of text

Exit codes: 0 compatible, 1 incompatible, 2 a file could not be read or is not a schema.`;

export const schemaCommand: Command = {
  summary: "compare two event schemas, or check an event's version history",
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'diff') return diffCommand(rest, io);
    if (sub === 'history') return historyCommand(rest, io);
    throw new CliError(
      sub === undefined
        ? `schema needs a subcommand, "diff" or "history".\n${USAGE.split('\n')[0]}`
        : `Unknown schema subcommand ${JSON.stringify(sub)}; use "diff" or "history".`,
    );
  },
};

async function diffCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    { mode: { type: 'string' }, policy: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (positionals.length !== 2)
    throw new CliError(
      `schema diff needs two files, OLD and NEW, e.g. "stormbench schema diff v1.json v2.json" (got ${positionals.length}).`,
    );
  const mode = parseMode(values.mode);
  const policy = parsePolicy(values.policy);
  const [oldFile, newFile] = positionals as [string, string];
  const oldSchema = await readJson(io, oldFile);
  const newSchema = await readJson(io, newFile);
  let report: CompatibilityReport;
  try {
    report = compareSchemas(oldSchema, newSchema, { mode, policy });
  } catch (error) {
    if (error instanceof SchemaInputError)
      throw new CliError(
        error.message.replace(/^The old schema/, `${oldFile}:`).replace(/^The new schema/, `${newFile}:`),
      );
    throw error;
  }
  if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const notes = (
      [
        [oldFile, report.drafts.old],
        [newFile, report.drafts.new],
      ] as const
    ).flatMap(([file, reading]) => {
      const note = draftNote(reading);
      return note === undefined ? [] : [`${file} is ${note}`];
    });
    io.stdout(formatReport(`${oldFile} -> ${newFile}`, report, io.color, '  ', notes));
  }
  return report.compatible ? EXIT.ok : EXIT.problems;
}

async function historyCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(args, { json: { type: 'boolean' }, policy: { type: 'string' } }, USAGE);
  if (positionals.length !== 2)
    throw new CliError(
      `schema history needs a board and an event, e.g. "stormbench schema history board.storm.json \\"Order placed\\"".`,
    );
  const [file, wanted] = positionals as [string, string];
  const policy = parsePolicy(values.policy);
  const loaded = await readBoardFile(resolve(io.cwd, file));
  if (!loaded.ok) throw new CliError(formatLoadErrors(file, loaded));
  const identity = findEvent(new BoardGraph(loaded.board), wanted, file);
  // The same sticky, history and level as the linter, the dock and the generator take.
  const event = historyOwner(identity) ?? (identity.stickies[0] as EventElement);
  const versions = versionsOf(identity);
  const level = compatibilityOf(identity);
  const holder = levelHolder(identity);
  const levelFrom = holder && holder !== event ? ` (set on ${JSON.stringify(holder.name)} (${holder.id}))` : '';
  let history: { compatible: boolean; steps: HistoryStep[] };
  try {
    history = checkHistory(versions, level, { policy });
  } catch (error) {
    if (error instanceof SchemaInputError)
      throw new CliError(`${file}: event ${JSON.stringify(event.name)} (${event.id}): ${error.message}`);
    throw error;
  }
  if (values.json) {
    io.stdout(
      `${JSON.stringify({ event: { id: event.id, name: event.name }, level, ...(levelFrom ? { levelFrom: holder!.id } : {}), policy, compatible: history.compatible, versions: versions.map((v) => v.version), steps: history.steps }, null, 2)}\n`,
    );
  } else {
    const lines = [
      `${JSON.stringify(event.name)} (${event.id}): ${versions.length} version${versions.length === 1 ? '' : 's'}, level ${level}${levelFrom}, ${policy} policy: ${history.compatible ? 'compatible' : 'BREAKS ITS LEVEL'}`,
    ];
    lines.push(...readNotes(history.steps).map((note) => `  note: ${note}`), '');
    if (versions.length < 2) lines.push('  Only one version: nothing to compare.', '');
    io.stdout(lines.join('\n'));
    for (const step of history.steps)
      io.stdout(formatReport(`  v${step.from} -> v${step.to}`, step.report, io.color, '    '));
  }
  return history.compatible ? EXIT.ok : EXIT.problems;
}

function findEvent(graph: BoardGraph, wanted: string, file: string): Identity {
  const events = graph.board.elements.filter((e): e is EventElement => e.kind === 'event');
  const byId = events.filter((e) => e.id === wanted);
  const byName = events.filter((e) => e.name === wanted);
  // "order placed" and "OrderPlaced" name the same event as "Order placed".
  const pascal = toIdentifier(wanted).pascal;
  const byIdentifier = pascal === '' ? [] : events.filter((e) => graph.identityOf(e.id)?.identifier.pascal === pascal);
  const candidates = [...(byId.length > 0 ? byId : byName.length > 0 ? byName : byIdentifier)];
  if (candidates.length === 0) {
    const names = [...new Set(events.map((e) => JSON.stringify(e.name)))];
    const known = names.slice(0, 8).join(', ');
    throw new CliError(
      `${file}: no event with the id or name ${JSON.stringify(wanted)}; its events are ${known || 'none'}${names.length > 8 ? ', …' : ''}.`,
    );
  }
  let identities = new Set(candidates.map((e) => graph.identityOf(e.id)?.key ?? e.id));
  if (identities.size > 1) {
    // The same event drawn again in a consuming context carries no versions: prefer the one that does.
    const withHistory = candidates.filter((e) => versionsOf(graph.identityOf(e.id)!).length > 0);
    const keys = new Set(withHistory.map((e) => graph.identityOf(e.id)?.key ?? e.id));
    if (keys.size === 1) {
      candidates.splice(0, candidates.length, ...withHistory);
      identities = keys;
    }
  }
  if (identities.size > 1)
    throw new CliError(
      `${file}: ${candidates.length} different events are named ${JSON.stringify(wanted)} (in different contexts); give the id instead (${candidates.map((e) => e.id).join(', ')}).`,
    );
  return graph.identityOf(candidates[0]!.id)!;
}

function parseMode(value: string | undefined): CompatibilityLevel {
  if (value === undefined) return 'BACKWARD';
  const upper = value.toUpperCase();
  if ((COMPATIBILITY_LEVELS as readonly string[]).includes(upper)) return upper as CompatibilityLevel;
  throw new CliError(
    `--mode ${JSON.stringify(value)} is not a compatibility level; use one of ${COMPATIBILITY_LEVELS.join(', ')}.`,
  );
}

function parsePolicy(value: string | undefined): Policy {
  if (value === undefined) return 'lenient';
  if (value === 'lenient' || value === 'strict') return value;
  throw new CliError(`--policy ${JSON.stringify(value)} is not a policy; use "lenient" or "strict".`);
}

async function readJson(io: CliIO, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readTextCapped(resolve(io.cwd, file), MAX_DOCUMENT_BYTES, 'a JSON Schema file');
  } catch (error) {
    throw new CliError(describeReadError(error, file));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `${file}: is not JSON (${detail.replace(/\s+/g, ' ')}); a schema file must hold one JSON Schema document.`,
    );
  }
  // The comparison walks schemas recursively; no real schema comes near this depth.
  if (nestsDeeperThan(value, MAX_NESTING))
    throw new CliError(
      `${file}: nests arrays or objects more than ${MAX_NESTING} levels deep, which no JSON Schema needs; check that it is the right file.`,
    );
  return value;
}

/** How each version without `$schema` was read, once per version (draftNote). */
function readNotes(steps: HistoryStep[]): string[] {
  const notes = new Map<number, string>();
  for (const step of steps) {
    for (const [version, reading] of [
      [step.from, step.report.drafts.old],
      [step.to, step.report.drafts.new],
    ] as const) {
      const note = draftNote(reading);
      if (note !== undefined) notes.set(version, `v${version} is ${note}`);
    }
  }
  return [...notes.entries()].sort((a, b) => a[0] - b[0]).map(([, note]) => note);
}

function formatReport(
  title: string,
  report: CompatibilityReport,
  color: boolean,
  indent = '  ',
  notes: string[] = [],
): string {
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const verdict = report.compatible ? paint('32', 'compatible') : paint('31', 'INCOMPATIBLE');
  const count = report.differences.length;
  const lines = [
    `${title}: ${verdict} under ${report.mode} (${report.policy} policy), ${count} difference${count === 1 ? '' : 's'}`,
  ];
  for (const note of notes) lines.push(`${indent}note: ${note}`);
  for (const d of report.differences) {
    const mark = d.needsReview ? paint('33', '?') : d.compatible ? paint('32', 'ok') : paint('31', 'BREAKS');
    lines.push('', `${indent}${mark.padEnd(color ? 6 + 9 : 6)} ${d.type}  ${d.path}`, `${indent}       ${d.message}`);
  }
  if (count === 0) lines.push(`${indent}No differences: the schemas accept the same payloads.`);
  const firstBreak = report.differences.find((d) => !d.compatible);
  if (firstBreak) lines.push('', `${indent}What to do: ${adviceFor(firstBreak, report.mode)}`);
  const reviews = report.differences.filter((d) => d.needsReview).length;
  if (reviews > 0)
    lines.push(
      '',
      `${indent}${reviews} difference${reviews === 1 ? '' : 's'} need${reviews === 1 ? 's' : ''} review: the verdict assumes the worst until a person checks.`,
    );
  lines.push('', '');
  return lines.join('\n');
}
