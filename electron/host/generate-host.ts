import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { BoardGraph } from '../../model/board/graph.ts';
import { parseBoard } from '../../model/board/load.ts';
import type { Board, ResponseMode } from '../../model/board/types.ts';
import { lintBoard } from '../../model/lint/lint.ts';
import { planService, type ServicePlan } from '../../generator/plan/plan.ts';
import { findUnplaced } from '../../generator/regenerate.ts';
import { renderService, type RenderedFile } from '../../generator/render.ts';
import { RefusedPathError } from '../../generator/io/confined.ts';
import { describeFsError, isFsError } from '../../generator/io/fs-errors.ts';
import { HandWrittenFilesError, handWrittenSentence, planWrite, writeService } from '../../generator/write.ts';
import type { GenerateIssue, GenerateOutcome, GeneratePreview, GeneratedService, ServicePreview } from '../../contract/generate.ts';
import { HostError } from './board-folder.ts';

/** Where generated services go when the dialog is not told otherwise, inside the board folder. */
export const DEFAULT_OUT = 'services';


/**
 * The output folder as an absolute path inside the board folder. Relative paths only; no `..`, no
 * hidden segments (the app keeps its own state in `.stormbench`), and no symbolic link leading
 * outside: a page may ask for any string, and the host writes only where the user can see.
 */
export async function outputFolder(folder: string, out: string): Promise<{ absolute: string; relative: string }> {
  const typed = out.trim();
  const example = `give a folder inside the board folder, such as "${DEFAULT_OUT}"`;
  if (typed === '') throw new HostError(`The output folder is empty: ${example}.`);
  if (/^([/\\]|[A-Za-z]:)/.test(typed)) throw new HostError(`The output folder "${typed}" is an absolute path; services are written inside the board folder: ${example}.`);
  const segments = typed.split(/[/\\]+/).filter((s) => s !== '');
  for (const segment of segments) {
    if (segment === '..') throw new HostError(`The output folder "${typed}" leads out of the board folder (".."); ${example}.`);
    if (segment.startsWith('.')) throw new HostError(`The output folder "${typed}" has a hidden part ("${segment}"); ${example}.`);
    if (/[\0-\u001f:*?"<>|]/.test(segment)) throw new HostError(`The output folder "${typed}" has a character a folder name cannot have in "${segment}"; ${example}.`);
  }
  const root = resolve(folder);
  const absolute = resolve(root, ...segments);
  if (!absolute.startsWith(root + sep)) throw new HostError(`The output folder "${typed}" lies outside the board folder; ${example}.`);
  // The deepest part that exists already decides where writes really land.
  const realRoot = await realpath(root);
  let existing = absolute;
  for (;;) {
    const real = await realpath(existing).catch(() => undefined);
    if (real !== undefined) {
      if (real !== realRoot && !real.startsWith(realRoot + sep)) throw new HostError(`The output folder "${typed}" is a link to a place outside the board folder; ${example}.`);
      break;
    }
    existing = dirname(existing);
  }
  return { absolute, relative: segments.join('/') };
}

/** What generating the contexts would write, change and leave alone; nothing is written. */
export async function previewGeneration(folder: string, text: string, out: string, contexts: string[]): Promise<GeneratePreview> {
  const target = await outputFolder(folder, out);
  const board = load(text);
  const graph = new BoardGraph(board);
  const problems = boardErrors(board, graph);
  if (contexts.length === 0) problems.push({ message: 'No bounded context is chosen: tick at least one.' });
  // The planner repeats most lint errors in its own words; one list of them is enough.
  if (problems.length > 0) return { out: target.relative, problems, services: [] };
  const planned = plans(board, graph, contexts, problems);
  const services: ServicePreview[] = [];
  for (const plan of planned) {
    // Rendering a service blocks the host for a while; let other requests (autosave) in between.
    await new Promise((done) => setImmediate(done));
    const dir = join(target.absolute, plan.dirName);
    const written = await planWrite(dir, await rendered(plan));
    const kept = written.files.filter((f) => f.status === 'kept').map((f) => f.path);
    const orphans = written.files.filter((f) => f.status === 'orphan').map((f) => f.path);
    const unplaced = await findUnplaced(dir, plan, kept, orphans, { dryRun: true });
    services.push({
      ...describe(plan, target.relative),
      files: written.files,
      needsPerson: needsPerson(board, plan, unplaced),
    });
  }
  return { out: target.relative, problems, services };
}

/**
 * Generates one context's service (the dialog calls once per context, to show real progress).
 * Checks the board again: a preview proves nothing about the text sent now.
 */
export async function generateContext(folder: string, text: string, out: string, context: string): Promise<GenerateOutcome> {
  const target = await outputFolder(folder, out);
  const board = load(text);
  const graph = new BoardGraph(board);
  const problems = boardErrors(board, graph);
  if (problems.length > 0) return { ok: false, problems };
  const [plan] = plans(board, graph, [context], problems);
  if (problems.length > 0 || !plan) return { ok: false, problems };
  const dir = join(target.absolute, plan.dirName);
  let report: Awaited<ReturnType<typeof writeService>>;
  let unplaced: string[];
  try {
    report = await writeService(dir, await rendered(plan));
    unplaced = await findUnplaced(dir, plan, report.kept, report.orphans);
  } catch (error) {
    // The dialog has no "overwrite anyway": the person moves their files, then generates again.
    if (error instanceof HandWrittenFilesError) throw new HostError(handWrittenSentence(`${target.relative}/${plan.dirName}`, error.files, 'move them out of that folder and generate again, or choose another output folder'), 409);
    if (error instanceof RefusedPathError) throw new HostError(error.message, 409);
    const reason = isFsError(error) ? describeFsError(error) : `${error instanceof Error ? error.message : String(error)}.`;
    throw new HostError(`Writing ${target.relative}/${plan.dirName} failed. ${reason} Files written before the failure stay.`, 500);
  }
  const described = describe(plan, target.relative);
  return {
    ok: true,
    service: {
      ...described,
      path: dir,
      written: report.written.length,
      unchanged: report.unchanged.length,
      kept: report.kept,
      removed: report.removed,
      orphans: report.orphans,
      run: [`cd ${described.folder}`, 'npm install', 'npm test', 'npm start'],
      needsPerson: needsPerson(board, plan, unplaced),
    },
  };
}

/**
 * Rendering is most of a run (ts-morph; seconds for a big board) and blocks the host meanwhile.
 * A plan fixes its files, so the preview's rendering is reused by the next preview and by the run
 * itself, and a change to one context re-renders that context only.
 */
const RENDER_CACHE_SIZE = 16;
const renderCache = new Map<string, Promise<RenderedFile[]>>();

function rendered(plan: ServicePlan): Promise<RenderedFile[]> {
  const key = createHash('sha256').update(JSON.stringify(plan)).digest('hex');
  let files = renderCache.get(key);
  if (files) renderCache.delete(key);
  else files = renderService(plan);
  // Re-inserted, so the map's order is the order of use and the oldest goes first.
  renderCache.set(key, files);
  files.catch(() => renderCache.delete(key));
  while (renderCache.size > RENDER_CACHE_SIZE) renderCache.delete(renderCache.keys().next().value!);
  return files;
}

function load(text: string): Board {
  const parsed = parseBoard(text);
  if (!parsed.ok) throw new HostError(`The board cannot be generated: ${parsed.errors[0]!.message}`);
  return parsed.board;
}

/** The linter's errors, the same the CLI refuses (generator/generate.ts `refusals`), with their stickies. */
function boardErrors(board: Board, graph: BoardGraph): GenerateIssue[] {
  const seen = new Set<string>();
  const issues: GenerateIssue[] = [];
  for (const problem of lintBoard(board, { graph })) {
    if (problem.severity !== 'error') continue;
    const message = `${problem.message} ${problem.fix}`;
    const elementId = problem.elementId ?? board.links.find((l) => l.id === problem.linkId)?.from ?? problem.contextId;
    const key = `${message}\0${elementId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ message, ...(elementId ? { elementId } : {}) });
  }
  return issues;
}

/** Plans the contexts; refusals go into `problems`, pointed at the sticky they name or else the frame. */
function plans(board: Board, graph: BoardGraph, contexts: string[], problems: GenerateIssue[]): ServicePlan[] {
  const planned: ServicePlan[] = [];
  for (const id of contexts) {
    const context = board.contexts.find((c) => c.id === id);
    if (!context) {
      problems.push({ message: `The board has no context "${id}" any more; choose again.` });
      continue;
    }
    const result = planService(board, id, graph);
    if (result.ok) planned.push(result.plan);
    else for (const error of result.errors) problems.push({ message: `${context.name}: ${error}`, elementId: locate(board, id, error) ?? id });
  }
  const byDir = new Map<string, ServicePlan>();
  for (const plan of planned) {
    const other = byDir.get(plan.dirName);
    if (other) problems.push({ message: `${other.contextName} and ${plan.contextName} would both be generated into ${plan.dirName}; give them different package names.`, elementId: plan.contextId });
    byDir.set(plan.dirName, plan);
  }
  return planned;
}

function describe(plan: ServicePlan, out: string) {
  return { context: plan.contextId, contextName: plan.contextName, packageName: plan.packageName, responseMode: plan.responseMode, folder: `${out}/${plan.dirName}` };
}

/** The steps a run leaves to a person, each pointed at the sticky it is about where there is one. */
function needsPerson(board: Board, plan: ServicePlan, unplaced: string[]): GenerateIssue[] {
  const find = (kind: string, name: string, context: string) => board.elements.find((e) => e.kind === kind && e.name === name && (e.context ?? '') === context)?.id;
  const issues: GenerateIssue[] = [];
  for (const event of plan.events) {
    for (const step of event.steps) {
      if (step.mechanical) continue;
      issues.push({ message: `Write the upcaster ${event.name} v${step.from} → v${step.to} in ${step.file} (${step.reasons.join('; ')}); its test fails until you do.`, elementId: find('event', event.name, event.context) ?? plan.contextId });
    }
  }
  for (const aggregate of plan.aggregates) {
    for (const scenario of aggregate.scenarios) {
      if (scenario.pending) issues.push({ message: `Scenario "${scenario.name}" of ${aggregate.name} is pending: ${scenario.pending}`, elementId: find('aggregate', aggregate.name, plan.contextId) ?? plan.contextId });
    }
  }
  // Upcaster notes are covered above, with their sticky; the other notes say what was left out.
  for (const note of plan.notes.filter((n) => !/ needs a person /.test(n))) issues.push({ message: capitalise(note), elementId: locate(board, plan.contextId, note) ?? plan.contextId });
  for (const note of unplaced) issues.push({ message: note, elementId: plan.contextId });
  return issues;
}

/**
 * The sticky a planner sentence is about. The planner speaks in sentences (shared with the CLI);
 * they name an element by its id in parentheses, or by its kind and quoted name, so those are
 * looked up, in the context first.
 */
export function locate(board: Board, contextId: string, sentence: string): string | undefined {
  const ids = new Set(board.elements.map((e) => e.id));
  for (const match of sentence.matchAll(/\(([^()\s]+)\)/g)) if (ids.has(match[1]!)) return match[1];
  for (const match of sentence.matchAll(/(?:(event|command|aggregate|read model|policy|external system|actor|hotspot) )?"((?:[^"\\]|\\.)*)"/g)) {
    let name: string;
    try {
      name = JSON.parse(`"${match[2]!}"`) as string;
    } catch {
      continue;
    }
    const kind = match[1] ? KIND_WORDS[match[1]] : undefined;
    const named = board.elements.filter((e) => e.name === name && (!kind || e.kind === kind));
    const element = named.find((e) => e.context === contextId) ?? named[0];
    if (element) return element.id;
  }
  return undefined;
}

const KIND_WORDS: Record<string, string> = {
  event: 'event',
  command: 'command',
  aggregate: 'aggregate',
  'read model': 'readModel',
  policy: 'policy',
  'external system': 'externalSystem',
  actor: 'actor',
  hotspot: 'hotspot',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
