import { BOARD_SUFFIX } from '../../model/board/file-name.ts';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { BoardEntry } from '../../contract/host-results.ts';

/** A failure the user (or a hostile page) caused; the message is safe to show as it is. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

export { BOARD_SUFFIX };

/**
 * The only way a board name becomes a path. A name is a bare file name ending in `.storm.json`:
 * no separators, no leading dot, no `..`, so nothing a page sends can reach outside the folder.
 */
export function boardPath(folder: string, name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) {
    throw new HostError('A board name is a file name of 1 to 200 characters, ending in ".storm.json".');
  }
  if (!name.endsWith(BOARD_SUFFIX) || name === BOARD_SUFFIX) {
    throw new HostError(
      `"${name}" is not a board file name: it must end in "${BOARD_SUFFIX}", e.g. "workshop${BOARD_SUFFIX}".`,
    );
  }
  // eslint-disable-next-line no-control-regex -- control characters cannot be in a file name
  if (/[/\\\0:]/.test(name) || name.startsWith('.') || /[\u0000-\u001f]/.test(name)) {
    throw new HostError(
      `"${name}" is not allowed: a board name cannot contain "/", "\\", ":" or control characters, nor start with ".".`,
    );
  }
  const root = resolve(folder);
  const path = resolve(root, name);
  // Belt and braces: the checks above already make this impossible.
  if (!path.startsWith(root + sep)) throw new HostError(`"${name}" lies outside the board folder.`);
  return path;
}

/** Turns what a person typed ("Sales workshop") into a board file name ("Sales workshop.storm.json"). */
export function toBoardName(typed: string): string {
  const trimmed = typed.trim();
  return trimmed.endsWith(BOARD_SUFFIX) ? trimmed : `${trimmed}${BOARD_SUFFIX}`;
}

/**
 * The boards directly in the folder, newest first; hidden files (ours included) are skipped, and so
 * is a symbolic link that leads out of the folder (the host would refuse to open it anyway).
 */
export async function listBoards(folder: string): Promise<BoardEntry[]> {
  const names = (await readdir(folder)).filter((n) => n.endsWith(BOARD_SUFFIX) && !n.startsWith('.'));
  const realFolder = await realpath(folder);
  const entries: BoardEntry[] = [];
  for (const name of names) {
    try {
      const real = await realpath(join(folder, name));
      if (!real.startsWith(realFolder + sep)) continue;
      const info = await stat(real);
      if (info.isFile()) entries.push({ name, modified: info.mtime.toISOString(), size: info.size });
    } catch {
      // Deleted between readdir and stat: not a board any more.
    }
  }
  return entries.sort((a, b) => b.modified.localeCompare(a.modified) || a.name.localeCompare(b.name));
}
