import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseBoard } from '../../model/board/load.ts';
import type { Board } from '../../model/board/types.ts';
import { generate, ServiceWriteError, type GenerateResult } from '../../generator/generate.ts';
import type { ServicePlan } from '../../generator/plan/service-plan.ts';
import { renderService, type RenderedFile } from '../../generator/render.ts';
import type { GenerateOutcome, GeneratePreview, ServicePreview } from '../../contract/generate.ts';
import { RefusedPathError } from '../../generator/io/confined.ts';
import { describeFsError, isFsError } from '../../generator/io/fs-errors.ts';
import { HandWrittenFilesError, handWrittenSentence } from '../../generator/write.ts';
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
  if (/^([/\\]|[A-Za-z]:)/.test(typed))
    throw new HostError(
      `The output folder "${typed}" is an absolute path; services are written inside the board folder: ${example}.`,
    );
  const segments = typed.split(/[/\\]+/).filter((s) => s !== '');
  for (const segment of segments) {
    if (segment === '..')
      throw new HostError(`The output folder "${typed}" leads out of the board folder (".."); ${example}.`);
    if (segment.startsWith('.'))
      throw new HostError(`The output folder "${typed}" has a hidden part ("${segment}"); ${example}.`);
    // eslint-disable-next-line no-control-regex -- control characters cannot be in a folder name
    if (/[\0-\u001f:*?"<>|]/.test(segment))
      throw new HostError(
        `The output folder "${typed}" has a character a folder name cannot have in "${segment}"; ${example}.`,
      );
  }
  const root = resolve(folder);
  const absolute = resolve(root, ...segments);
  if (!absolute.startsWith(root + sep))
    throw new HostError(`The output folder "${typed}" lies outside the board folder; ${example}.`);
  // The deepest part that exists already decides where writes really land.
  const realRoot = await realpath(root);
  let existing = absolute;
  for (;;) {
    const real = await realpath(existing).catch(() => undefined);
    if (real !== undefined) {
      if (real !== realRoot && !real.startsWith(realRoot + sep))
        throw new HostError(`The output folder "${typed}" is a link to a place outside the board folder; ${example}.`);
      break;
    }
    existing = dirname(existing);
  }
  return { absolute, relative: segments.join('/') };
}

/** What generating the contexts would write, change and leave alone; nothing is written. */
export async function previewGeneration(
  folder: string,
  text: string,
  out: string,
  contexts: string[],
): Promise<GeneratePreview> {
  const target = await outputFolder(folder, out);
  const result = await generate(load(text), { out: target.absolute, contexts, dryRun: true, render: rendered });
  if (!result.ok) return { out: target.relative, problems: result.problems, services: [] };
  const services: ServicePreview[] = result.services.map((s) => ({
    ...describe(s.plan, target.relative),
    files: s.files,
    needsPerson: s.needsPerson,
  }));
  return { out: target.relative, problems: [], services };
}

/**
 * Generates one context's service (the dialog calls once per context, to show real progress).
 * Checks the board again: a preview proves nothing about the text sent now.
 */
export async function generateContext(
  folder: string,
  text: string,
  out: string,
  context: string,
): Promise<GenerateOutcome> {
  const target = await outputFolder(folder, out);
  const board = load(text);
  let result: GenerateResult;
  try {
    result = await generate(board, { out: target.absolute, contexts: [context], render: rendered });
  } catch (error) {
    // The dialog has no "overwrite anyway": the person moves their files, then generates again.
    if (error instanceof HandWrittenFilesError)
      throw new HostError(
        handWrittenSentence(
          `${target.relative}/${relative(target.absolute, error.dir).split(sep).join('/')}`,
          error.files,
          'move them out of that folder and generate again, or choose another output folder',
        ),
        409,
      );
    if (!(error instanceof ServiceWriteError)) throw error;
    const where = `${target.relative}/${relative(target.absolute, error.dir).split(sep).join('/')}`;
    const cause = error.cause;
    if (cause instanceof RefusedPathError) throw new HostError(cause.message, 409);
    const reason = isFsError(cause) ? describeFsError(cause) : `${error.message}.`;
    throw new HostError(
      `Writing ${where} failed. ${reason} Files written before the failure stay; fix the cause (permissions, disk space) and generate again.`,
      500,
    );
  }
  if (!result.ok) return { ok: false, problems: result.problems };
  const { plan, dir, report, needsPerson } = result.services[0]!;
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
      needsPerson,
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

function describe(plan: ServicePlan, out: string) {
  return {
    context: plan.contextId,
    contextName: plan.contextName,
    packageName: plan.packageName,
    responseMode: plan.responseMode,
    folder: `${out}/${plan.dirName}`,
  };
}
