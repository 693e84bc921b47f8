import { mkdir, readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from './io/board-file.ts';
import type { RenderedFile } from './render.ts';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  /** Files of the user's that exist already and were left as they are. */
  kept: string[];
}

/**
 * Writes a service into `dir`: generated files whenever their text changed, the user's files only
 * when they do not exist. Every path is checked to stay inside `dir`.
 */
export async function writeService(dir: string, files: RenderedFile[]): Promise<WriteReport> {
  const root = resolve(dir);
  const report: WriteReport = { written: [], unchanged: [], kept: [] };
  for (const file of files) {
    const target = resolve(root, file.path);
    const rel = relative(root, target);
    if (rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(root, rel) !== target) throw new Error(`refusing to write ${file.path}: it is outside ${root}`);
    const existing = await readFile(target, 'utf8').catch(() => undefined);
    if (existing !== undefined && file.owner === 'user') {
      report.kept.push(file.path);
      continue;
    }
    if (existing === file.text) {
      report.unchanged.push(file.path);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, file.text);
    report.written.push(file.path);
  }
  return report;
}
