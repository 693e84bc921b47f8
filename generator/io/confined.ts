import { lstat, mkdir, realpath } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { shownPath } from './fs-errors.ts';

/**
 * A write or read Stormbench refuses because of what is already on disk: a symbolic link that
 * leads out of the folder it works in, a device or a link where a file goes, a hand-written file
 * where a generated one would go. The message is a sentence for the user, never a bug report.
 */
export class RefusedPathError extends Error {
  /** What stands where the file would go, when that is the refusal ("a folder", "a device"…). */
  readonly inTheWay: string | undefined;
  constructor(message: string, inTheWay?: string) {
    super(message);
    this.name = 'RefusedPathError';
    this.inTheWay = inTheWay;
  }
}

function within(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

/**
 * Checks that `target` (existing or not) lands inside `root` once every symbolic link on the way
 * is followed: the deepest part of it that exists decides where a read or write really goes. A
 * path check on the text alone would let a pre-placed link (`out/src → /etc`) carry writes out.
 */
export async function assertInside(root: string, target: string): Promise<void> {
  const realRoot = await realpath(root);
  let existing = target;
  while (
    !(await lstat(existing).then(
      () => true,
      () => false,
    ))
  ) {
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  // A dangling link cannot be resolved; it is refused like one that leads out.
  const real = await realpath(existing).catch(() => undefined);
  if (real === undefined || !within(real, realRoot)) {
    throw new RefusedPathError(
      `Refusing to use ${shownPath(target)}: a symbolic link there leads out of ${shownPath(root)}; remove the link, or choose another folder.`,
    );
  }
}

/**
 * Makes `dir` and its missing parents one level at a time. `mkdir({ recursive: true })` spins
 * forever on a file system that answers "no such file" to every new folder (/proc); one level at
 * a time, that answer is an error with the path in it. With `root`, the folder must stay inside it.
 */
export async function makeFolder(dir: string, root?: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const info = await lstat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info !== undefined) break;
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  // A root made just now holds no links yet; an existing one may.
  if (root !== undefined && !missing.includes(root)) await assertInside(root, dir);
  for (const folder of missing) {
    await mkdir(folder).catch(async (error: NodeJS.ErrnoException) => {
      // Made meanwhile by someone else: fine, as long as it is a folder.
      if (error.code === 'EEXIST' && (await lstat(folder)).isDirectory()) return;
      throw error;
    });
  }
}
