import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseBoard, type LoadError } from '../../model/board/load.ts';
import { serializeBoard } from '../../model/board/serialize.ts';
import type { Board } from '../../model/board/types.ts';

export type ReadBoardResult =
  | { ok: true; board: Board; text: string }
  | { ok: false; errors: LoadError[]; text?: string; ioError?: string };

/** Reads and validates a board file. Never throws: a missing file is an error like any other. */
export async function readBoardFile(path: string): Promise<ReadBoardResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, errors: [], ioError: describeIoError(error, path) };
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

export function describeIoError(error: unknown, path: string): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file. Check the path (it is resolved from the current directory).`;
    case 'EISDIR':
      return `${path}: is a directory; give the path of a .storm.json file.`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied; check the file's permissions.`;
    default:
      return `${path}: cannot be read (${code ?? (error instanceof Error ? error.message : String(error))}).`;
  }
}

/**
 * Writes a file atomically: the bytes go to a temporary file beside it, are flushed to disk, and
 * the temporary file is renamed over the target. A crash at any point leaves either the old file
 * or the new one, whole; never a mix.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
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

export async function writeBoardFile(path: string, board: Board): Promise<void> {
  await writeFileAtomic(path, serializeBoard(board));
}
