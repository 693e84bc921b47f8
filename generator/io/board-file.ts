import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseBoard, type LoadError } from '../../model/board/load.ts';
import { serializeBoard } from '../../model/board/serialize.ts';
import type { Board } from '../../model/board/types.ts';
import { RefusedPathError } from './confined.ts';
import { describeReadError, shownPath } from './fs-errors.ts';
import { MAX_BOARD_BYTES } from './limits.ts';
import { readTextCapped } from './read-text.ts';

export type ReadBoardResult =
  { ok: true; board: Board; text: string } | { ok: false; errors: LoadError[]; text?: string; ioError?: string };

/** Reads and validates a board file. Never throws: a missing file is an error like any other. */
export async function readBoardFile(path: string): Promise<ReadBoardResult> {
  let text: string;
  try {
    text = await readTextCapped(path, MAX_BOARD_BYTES, 'a board file');
  } catch (error) {
    return { ok: false, errors: [], ioError: describeReadError(error, path) };
  }
  const result = parseBoard(text);
  return result.ok ? { ok: true, board: result.board, text } : { ok: false, errors: result.errors, text };
}

/** "path:line:column: message" lines for a failed load, the way compilers print them. */
export function formatLoadErrors(path: string, result: Extract<ReadBoardResult, { ok: false }>): string {
  if (result.ioError) return result.ioError;
  return result.errors
    .map((e) => (e.line !== undefined ? `${path}:${e.line}:${e.column}: ${e.message}` : `${path}: ${e.message}`))
    .join('\n');
}

/** The temporary file of an atomic write: `.<name>.<12 hex digits>.tmp`, beside the target. */
const TEMP_FILE = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/**
 * How old a temporary file must be before it counts as left behind by a killed save. A save in
 * progress (another process, the same folder) lives for milliseconds; a minute is far past that.
 */
export const STALE_TEMP_MS = 60_000;

/**
 * Writes a file atomically: the bytes go to a temporary file beside it, are flushed to disk, and
 * the temporary file is renamed over the target. A crash at any point leaves either the old file
 * or the new one, whole; never a mix. Only a regular file is ever replaced: renaming over a
 * device (`--out /dev/null`, run as root, would replace the device), a symbolic link or a folder
 * is refused in a sentence.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const existing = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined && !existing.isFile()) {
    const kind = existing.isSymbolicLink()
      ? 'a symbolic link'
      : existing.isDirectory()
        ? 'a folder'
        : existing.isCharacterDevice() || existing.isBlockDevice()
          ? 'a device'
          : 'not a regular file';
    throw new RefusedPathError(
      `Refusing to write ${shownPath(path)}: it is ${kind}, and Stormbench replaces only regular files; give the path of a file (or of a file that does not exist yet).`,
      kind,
    );
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Removes the temporary files that saves killed before their rename left in `dir` (of one target
 * file when `name` is given): a kill -9 between write and rename cannot clean up after itself, so
 * the next save or open of the folder does. Never fails: tidying up must not stop a save.
 */
export async function removeStaleTempFiles(dir: string, name?: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) {
    const match = TEMP_FILE.exec(entry);
    if (!match || (name !== undefined && match[1] !== name)) continue;
    const path = join(dir, entry);
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile() || now - info.mtimeMs < STALE_TEMP_MS) continue;
    if (
      await unlink(path).then(
        () => true,
        () => false,
      )
    )
      removed.push(path);
  }
  return removed;
}

export async function writeBoardFile(path: string, board: Board): Promise<void> {
  // A board's own leftovers of killed saves go with its next save; other files' writes (a generated
  // service's hundreds) do not each read their folder for them.
  await removeStaleTempFiles(dirname(path), basename(path));
  await writeFileAtomic(path, serializeBoard(board));
}
