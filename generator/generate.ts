import { join, resolve } from 'node:path';
import { BoardGraph } from '../model/board/graph.ts';
import type { Board } from '../model/board/types.ts';
import { lintBoard } from '../model/lint/lint.ts';
import { planService, type ServicePlan } from './plan/plan.ts';
import { renderService } from './render.ts';
import { findUnplaced } from './regenerate.ts';
import { HandWrittenFilesError, planWrite, writeService, type WriteReport } from './write.ts';

export interface GeneratedService {
  plan: ServicePlan;
  dir: string;
  report: WriteReport;
  /** What changed on the board that the user's own files do not mention yet. */
  unplaced: string[];
}

export type GenerateResult = { ok: true; services: GeneratedService[] } | { ok: false; errors: string[] };

/**
 * Reasons the board would make a wrong service: its lint errors. The linter already covers version
 * numbering, schemas that do not compile, examples that fail them, and histories that break their
 * compatibility level (schema-history-breaks-level), so `check` and `generate` agree.
 */
export function refusals(board: Board, graph = new BoardGraph(board)): string[] {
  const reasons: string[] = [];
  for (const problem of lintBoard(board, { graph })) {
    if (problem.severity !== 'error') continue;
    const where = problem.elementName !== undefined ? ` (${JSON.stringify(problem.elementName)}${problem.elementId ? `, ${problem.elementId}` : ''})` : '';
    reasons.push(`${problem.rule}${where}: ${problem.message} ${problem.fix}`);
  }
  return [...new Set(reasons)];
}

/** `overwriteHandWritten`: replace files where generated ones go even if Stormbench did not write them (`--force`). */
export async function generate(board: Board, options: { out: string; context?: string; overwriteHandWritten?: boolean }): Promise<GenerateResult> {
  const graph = new BoardGraph(board);
  const errors = refusals(board, graph);
  const contexts = options.context !== undefined ? [options.context] : board.contexts.map((c) => c.id);
  if (contexts.length === 0) errors.push('the board has no bounded context; draw a context frame around the stickies of each service');
  const plans: ServicePlan[] = [];
  for (const id of contexts) {
    const result = planService(board, id, graph);
    if (result.ok) plans.push(result.plan);
    else errors.push(...result.errors.map((e) => `context ${JSON.stringify(id)}: ${e}`));
  }
  const dirs = new Set<string>();
  for (const plan of plans) {
    if (dirs.has(plan.dirName)) errors.push(`two contexts would be generated into ${plan.dirName}; give them different service.packageName`);
    dirs.add(plan.dirName);
  }
  if (errors.length > 0) return { ok: false, errors };
  const rendered = [];
  for (const plan of plans) {
    const dir = options.context !== undefined ? resolve(options.out) : join(resolve(options.out), plan.dirName);
    rendered.push({ plan, dir, files: await renderService(plan) });
  }
  // Every service's folder is checked before any is written, so a refusal leaves none half done.
  if (!options.overwriteHandWritten) {
    for (const { dir, files } of rendered) {
      const { handWritten } = await planWrite(dir, files);
      if (handWritten.length > 0) throw new HandWrittenFilesError(dir, handWritten);
    }
  }
  const services: GeneratedService[] = [];
  for (const { plan, dir, files } of rendered) {
    const report = await writeService(dir, files, { overwriteHandWritten: options.overwriteHandWritten ?? false });
    const unplaced = await findUnplaced(dir, plan, report.kept, report.orphans);
    services.push({ plan, dir, report, unplaced });
  }
  return { ok: true, services };
}
