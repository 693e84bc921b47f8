import { basename, dirname, relative, resolve } from 'node:path';
import type { Board } from '../../../model/board/types.ts';
import {
  lagSubjectInWords,
  type PlayEntry,
  type PlayIssue,
  type PlayMap,
  type PlayRefusal,
  type PlaySnapshot,
} from '../../../contract/play.ts';
import { parseOptions } from '../../../generator/cli/args.ts';
import { CliError, EXIT, type CliIO } from '../../../generator/cli/io.ts';
import { formatLoadErrors, readBoardFile } from '../../../generator/io/board-file.ts';
import { AttachSession } from './attach.ts';
import { PlayEngine, PlayError, scratchFor } from './engine.ts';
import { PLAY_USAGE } from './usage.ts';

/** Stops on Ctrl+C (or SIGTERM); the test harness passes its own. */
export interface StopSignal {
  wait(): Promise<void>;
}

const signals: StopSignal = {
  wait: () =>
    new Promise((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    }),
};

export async function runPlay(args: string[], io: CliIO, stop: StopSignal = signals): Promise<number> {
  const { values, positionals } = parseOptions(args, { attach: { type: 'string' } }, PLAY_USAGE);
  if (positionals.length !== 1)
    throw new CliError(
      positionals.length === 0
        ? `which board? ${PLAY_USAGE.split('\n')[0]}`
        : `one board at a time; got ${positionals.map((p) => JSON.stringify(p)).join(' and ')}.`,
    );
  const path = positionals[0]!;
  const file = resolve(io.cwd, path);
  const loaded = await readBoardFile(file);
  if (!loaded.ok) throw new CliError(formatLoadErrors(path, loaded));
  const board = loaded.board;
  if (values.attach !== undefined) return attach(board, values.attach, io, stop);

  let printed = 0;
  const seen = new Set<string>();
  const engine = new PlayEngine(board, {
    scratch: scratchFor(dirname(file), basename(file)),
    onChange: (e) => {
      if (e.status !== 'running') return;
      const snapshot = e.snapshot(printed);
      for (const entry of snapshot.entries) io.stdout(`${entryLine(entry, snapshot.map)}\n`);
      printed = snapshot.entries.at(-1)?.position ?? printed;
      printRefusals(snapshot.refusals, seen, io);
    },
  });
  io.stdout(
    `Playing "${board.name}" in ${shown(io.cwd, engine.dataDir)}: generating and starting ${board.contexts.length} services…\n`,
  );
  const started = performance.now();
  await engine.start();
  const snapshot = engine.snapshot();
  for (const service of snapshot.services) {
    if (service.url)
      io.stdout(
        `  ${service.contextName.padEnd(16)} ${service.url}  (ready in ${((service.readyMs ?? 0) / 1000).toFixed(1)} s)\n`,
      );
    else io.stdout(`  ${service.contextName.padEnd(16)} not running: ${service.reasons.map(issueText).join('; ')}\n`);
    for (const note of service.notes) io.stdout(`  ${''.padEnd(16)} note: ${note.message}\n`);
  }
  if (snapshot.status !== 'running') {
    io.stderr(`stormbench: ${snapshot.error ?? 'play could not start'}\n`);
    await engine.stop();
    return EXIT.problems;
  }
  io.stdout(
    `Playing since ${((performance.now() - started) / 1000).toFixed(1)} s; send commands to the addresses above (POST /commands/…). Ctrl+C stops play.\n`,
  );
  await stop.wait();
  io.stdout('Stopping play…\n');
  await engine.stop();
  io.stdout(`Stopped. The log is kept in ${shown(io.cwd, engine.dataDir)} until the next play.\n`);
  return EXIT.ok;
}

/** Prints the refusals not printed before (`seen` holds their command ids). */
function printRefusals(refusals: PlayRefusal[], seen: Set<string>, io: CliIO): void {
  for (const r of refusals) {
    if (seen.has(r.commandId)) continue;
    seen.add(r.commandId);
    io.stdout(`${refusalLine(r)}\n`);
  }
}

async function attach(board: Board, target: string, io: CliIO, stop: StopSignal): Promise<number> {
  let printed = 0;
  const seen = new Set<string>();
  let session: AttachSession | undefined;
  const print = (): void => {
    if (!session) return;
    const snapshot = session.snapshot(printed);
    for (const entry of snapshot.entries) io.stdout(`${entryLine(entry, snapshot.map)}\n`);
    printed = snapshot.entries.at(-1)?.position ?? printed;
    printRefusals(snapshot.refusals, seen, io);
  };
  try {
    session = await AttachSession.open(board, target, io.cwd, print);
  } catch (error) {
    if (error instanceof PlayError) throw new CliError(error.message);
    throw error;
  }
  io.stdout(`Attached to ${session.where}, read-only. Ctrl+C prints the counts and stops.\n`);
  await session.start();
  print();
  await stop.wait();
  await session.refresh();
  print();
  io.stdout(summary(session.snapshot()));
  await session.stop();
  return EXIT.ok;
}

/** One event as a terminal line: position, context, type, and what made it. */
export function entryLine(entry: PlayEntry, map: PlayMap): string {
  const cause = entry.policy
    ? `← policy ${nameOf(map.policies, entry.policy.type)} (on event ${entry.policy.triggerId.slice(0, 8)})`
    : entry.command
      ? `← ${nameOf(
          map.commands.filter((c) => c.contextId === entry.context),
          entry.command,
        )}`
      : '';
  const event = nameOf(
    map.events.filter((e) => e.contextId === entry.context),
    entry.type,
  );
  return `#${String(entry.position).padEnd(5)} ${entry.context.padEnd(12)} ${event} v${entry.version}  ${entry.stream}  ${cause}`.trimEnd();
}

export function refusalLine(r: PlayRefusal): string {
  return `✗ ${r.contextId} ${r.command} refused (${r.status}): ${r.message}`;
}

/** The counts per event, command and policy, consumer lags and last errors, for the terminal. */
export function summary(s: PlaySnapshot): string {
  const lines: string[] = [`Up to position ${s.head} of the log:`];
  const count = (ids: string[]): number => Math.max(0, ...ids.map((id) => s.counts[id] ?? 0));
  const block = (title: string, rows: Array<{ name: string; contextId: string; elementIds: string[] }>): void => {
    lines.push(`  ${title}:`);
    for (const r of rows) lines.push(`    ${String(count(r.elementIds)).padStart(6)}  ${r.name} (${r.contextId})`);
  };
  block('events', s.map.events);
  block('commands carried out', s.map.commands);
  block('policies fired', s.map.policies);
  lines.push('  consumer lag:');
  for (const l of s.lags)
    lines.push(
      `    ${String(l.lag).padStart(6)}  ${l.contextId} ${lagSubjectInWords(l.subscription)} (at ${l.position})`,
    );
  if (s.refusals.length > 0) {
    lines.push('  last errors:');
    for (const r of s.refusals.slice(-10)) lines.push(`    ${refusalLine(r)}`);
  }
  return `${lines.join('\n')}\n`;
}

function nameOf(list: ReadonlyArray<{ type: string; name: string }>, type: string): string {
  return list.find((x) => x.type === type)?.name ?? type;
}

function issueText(issue: PlayIssue): string {
  return `${issue.message}${issue.fix ? ` (${issue.fix})` : ''}`;
}

function shown(cwd: string, path: string): string {
  return relative(cwd, path) || '.';
}
