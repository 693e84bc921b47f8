import { formatBytes } from './limits.ts';

/**
 * The sentences a person reads when the file system says no: what failed, on which path, and
 * what to do about it. Node's own messages ("ENOTDIR: not a directory, open '…'") say none of
 * that, and a crash report ("internal error… This is a bug") would be wrong: these are the
 * machine's answers, not Stormbench's mistakes.
 */

interface FsError {
  code: string;
  syscall?: string;
  path?: string;
  limit?: number;
  what?: string;
}

/** A path as short as a sentence allows: a 100,000-character name is not printed whole. */
export function shownPath(path: string): string {
  return path.length <= 160 ? path : `${path.slice(0, 60)}…${path.slice(-60)} (${path.length} characters)`;
}

/** Why a file could not be read, for a file the user named (`label`, as they typed it). */
export function describeReadError(error: unknown, label: string): string {
  const code = (error as { code?: string } | null)?.code;
  const path = shownPath(label);
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file. Check the path (it is resolved from the current directory).`;
    case 'EISDIR':
      return `${path}: is a directory; give the path of a file.`;
    case 'ENOTDIR':
      return `${path}: a part of this path is a file, not a folder; check the path.`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied; check the file's permissions (or run as a user who may read it).`;
    case 'ENAMETOOLONG':
      return `${path}: the name is too long for the file system (at most 255 bytes a name); check the path.`;
    case 'ELOOP':
      return `${path}: its symbolic links point in a circle; check where the links lead.`;
    case 'ETOOLARGE': {
      const { limit = 0, what = 'a file' } = error as FsError;
      return `${path}: is larger than ${formatBytes(limit)}, the most Stormbench reads as ${what}; check that it is the right file.`;
    }
    default:
      return `${path}: cannot be read (${code ?? (error instanceof Error ? error.message : String(error))}); check that it is a readable file.`;
  }
}
