import { lstat, realpath } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { shownPath } from './fs-errors.ts';

/**
 * A write or read Stormbench refuses because of what is already on disk: a symbolic link that
 * leads out of the folder it works in, a device or a link where a file goes, a hand-written file
 * where a generated one would go. The message is a sentence for the user, never a bug report.
 */
export class RefusedPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedPathError';
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
  while (!(await lstat(existing).then(() => true, () => false))) {
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  // A dangling link cannot be resolved; it is refused like one that leads out.
  const real = await realpath(existing).catch(() => undefined);
  if (real === undefined || !within(real, realRoot)) {
    throw new RefusedPathError(`Refusing to use ${shownPath(target)}: a symbolic link there leads out of ${shownPath(root)}; remove the link, or choose another folder.`);
  }
}
