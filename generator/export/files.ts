import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../io/board-file.ts';
import { assertInside, makeFolder } from '../io/confined.ts';

/** A file an export writes, by path segments relative to the output folder. */
export interface OutputFile {
  path: readonly string[];
  text: string;
}

/**
 * Where a file goes inside `dir`, or an error when it would land anywhere else. The builders
 * already derive names from identifiers; this is the second lock on the door, so a context or
 * event named `../../x` can never write outside the folder the user gave.
 */
export function safePath(dir: string, segments: readonly string[]): string {
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) {
      throw new Error(
        `refusing to write the file ${JSON.stringify(segments.join('/'))}: the name ${JSON.stringify(segment)} is not a plain file name`,
      );
    }
  }
  const root = resolve(dir);
  const target = resolve(root, ...segments);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    throw new Error(`refusing to write ${target}: it is outside ${root}`);
  }
  return target;
}

/**
 * Writes every file atomically under `dir` (made if missing); returns the absolute paths. A
 * symbolic link already in `dir` that leads out of it stops the export: the names are checked as
 * text by `safePath`, and where they land on disk here.
 */
export async function writeFilesUnder(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const root = resolve(dir);
  const targets = files.map((f) => safePath(root, f.path));
  await makeFolder(root);
  const written: string[] = [];
  for (let i = 0; i < files.length; i++) {
    const target = targets[i]!;
    await makeFolder(dirname(target), root);
    await assertInside(root, target);
    await writeFileAtomic(target, files[i]!.text);
    written.push(target);
  }
  return written;
}
