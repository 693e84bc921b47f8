import { join, resolve } from 'node:path';
import { BoardGraph } from '../model/board/graph.ts';
import type { Board } from '../model/board/types.ts';
import type { GenerateIssue } from '../contract/generate.ts';
import { refusal } from './issues.ts';
import { planService } from './plan/plan.ts';
import { pendingScenarios } from './plan/scenarios.ts';
import type { ServicePlan } from './plan/service-plan.ts';
import { findUnplaced } from './regenerate.ts';
import { withWrittenRules } from './written-rules.ts';
import { refusals } from './refusals.ts';
import { renderService, type RenderedFile } from './render.ts';
import {
  HandWrittenFilesError,
  planWrite,
  reportOf,
  writeService,
  type PlannedFile,
  type WriteReport,
} from './write.ts';

export interface GenerateOptions {
  /** The folder the services go into, each into its own folder named for its package. */
  out: string;
  /** The contexts to generate, in this order; every context of the board when not given. */
  contexts?: readonly string[];
  /** Writes the one context's service into `out` itself (the CLI's `--context`). */
  intoOut?: boolean;
  /** Says what a run would write, change and leave alone, and writes nothing (the app's preview). */
  dryRun?: boolean;
  /** How a plan becomes files; the app passes a cached renderService, shared by preview and run. */
  render?: (plan: ServicePlan) => Promise<RenderedFile[]>;
  /** Replaces files where generated ones go even if Stormbench did not write them (`--force`). */
  overwriteHandWritten?: boolean;
}

/** One service, generated (or, in a dry run, as it would be). */
export interface ServiceOutcome {
  plan: ServicePlan;
  /** Its folder, absolute. */
  dir: string;
  /** What the run does to each file. */
  files: PlannedFile[];
  report: WriteReport;
  /** What is left to a person: the planner's notes, pending scenarios, what the user's files lack. */
  needsPerson: GenerateIssue[];
}

export type GenerateResult = { ok: true; services: ServiceOutcome[] } | { ok: false; problems: GenerateIssue[] };

/** A service's files could not be written; what was written before stays. */
export class ServiceWriteError extends Error {
  readonly dir: string;
  constructor(dir: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.dir = dir;
  }
}

/**
 * Generation, for the CLI and the app alike: refuse a board that would make a wrong service, plan
 * each context, then render and write each service (or only say what would be written). Problems
 * and notes come back as data, each with the stickies it is about; wording them for a terminal
 * or a dialog is the caller's.
 */
export async function generate(board: Board, options: GenerateOptions): Promise<GenerateResult> {
  const planned = plan(board, options.contexts ?? board.contexts.map((c) => c.id));
  if (!planned.ok) return planned;
  const services: ServiceOutcome[] = [];
  for (const plan of planned.plans) {
    // Rendering a service blocks the thread for a while; let other work (a host's autosave) in between.
    await new Promise((done) => setImmediate(done));
    const dir = options.intoOut ? resolve(options.out) : join(resolve(options.out), plan.dirName);
    services.push(await generateService(plan, dir, options));
  }
  return { ok: true, services };
}

/**
 * The plans of the contexts, or why there are none. A board with lint errors is not planned: the
 * planner would repeat most of them in its own words, and one list of them is enough.
 */
function plan(
  board: Board,
  contexts: readonly string[],
): { ok: true; plans: ServicePlan[] } | { ok: false; problems: GenerateIssue[] } {
  const graph = new BoardGraph(board);
  const problems: GenerateIssue[] = refusals(board, graph);
  if (board.contexts.length === 0)
    problems.push(
      refusal(
        'board-without-context',
        [],
        'the board has no bounded context; draw a context frame around the stickies of each service',
      ),
    );
  else if (contexts.length === 0)
    problems.push(refusal('no-context-chosen', [], 'no bounded context is chosen; choose at least one'));
  if (problems.length > 0) return { ok: false, problems };
  const plans: ServicePlan[] = [];
  for (const id of contexts) {
    const result = planService(board, id, graph);
    if (result.ok) plans.push(result.plan);
    else problems.push(...result.errors);
  }
  const byDir = new Map<string, ServicePlan>();
  for (const plan of plans) {
    const other = byDir.get(plan.dirName);
    if (other)
      problems.push(
        refusal(
          'service-folder-shared',
          [],
          `two contexts would be generated into ${plan.dirName}; give them different service.packageName`,
          plan.contextId,
        ),
      );
    byDir.set(plan.dirName, plan);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plans };
}

async function generateService(planned: ServicePlan, dir: string, options: GenerateOptions): Promise<ServiceOutcome> {
  // Before rendering: the README's "still to do" and the notes both leave out rules already written.
  const plan = await withWrittenRules(dir, planned);
  const rendered = await (options.render ?? renderService)(plan);
  const written = await planWrite(dir, rendered);
  // Files where generated ones go that Stormbench did not write are the user's: refused unless forced.
  if (written.handWritten.length > 0 && !options.overwriteHandWritten && !options.dryRun)
    throw new HandWrittenFilesError(dir, written.handWritten);
  let report: WriteReport;
  let unplaced: GenerateIssue[];
  try {
    report = options.dryRun
      ? reportOf(written.files)
      : await writeService(dir, rendered, {
          planned: written,
          overwriteHandWritten: options.overwriteHandWritten ?? false,
        });
    unplaced = await findUnplaced(dir, plan, report.kept, report.orphans, { dryRun: options.dryRun ?? false });
  } catch (error) {
    throw new ServiceWriteError(dir, error);
  }
  return {
    plan,
    dir,
    files: written.files,
    report,
    needsPerson: [...plan.notes, ...pendingScenarios(plan), ...unplaced],
  };
}
