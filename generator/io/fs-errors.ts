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

/** Whether `error` is the file system's answer to a call (an errno code and the call's name). */
export function isFsError(error: unknown): error is FsError & { syscall: string } {
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) && typeof syscall === 'string';
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

// Checking a path (stat, lstat, realpath) is part of writing to it; only these calls mean reading.
const READING = new Set(['read', 'scandir', 'readlink']);

/** Why writing (or making a folder, or reading what is there) failed, from the file system's error. */
export function describeFsError(error: FsError): string {
  const path = shownPath(error.path ?? 'the output path');
  const verb = error.syscall !== undefined && READING.has(error.syscall) ? 'read' : 'write';
  switch (error.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `Cannot ${verb} ${path}: a part of that path is a file, not a folder; choose another output path, or move that file out of the way.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot ${verb} ${path}: permission denied; choose a folder you may use, or change that folder's permissions.`;
    case 'EROFS':
      return `Cannot ${verb} ${path}: it is on a read-only file system; choose an output path on a disk you can write to.`;
    case 'ENAMETOOLONG':
      return `Cannot ${verb} ${path}: the name is too long for the file system (at most 255 bytes a name, about 4,096 a path); choose a shorter one.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `Cannot ${verb} ${path}: the disk is full (or your quota is used up); free some space and run again.`;
    case 'EISDIR':
      return `Cannot ${verb} ${path}: it is a folder; give the path of a file.`;
    case 'ENOENT':
      return `Cannot ${verb} ${path}: its folder does not exist and cannot be made there (it is on a file system that takes no new files, such as /proc); choose another output path.`;
    case 'ELOOP':
      return `Cannot ${verb} ${path}: its symbolic links point in a circle; choose another output path.`;
    case 'EMFILE':
    case 'ENFILE':
      return `Cannot ${verb} ${path}: too many files are open on this machine; close some programs and run again.`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `Cannot ${verb} ${path}: it is in use by another program; close it and run again.`;
    case 'EIO':
      return `Cannot ${verb} ${path}: the disk reported an input/output error; check the disk and run again.`;
    default:
      return `Cannot ${verb} ${path}: the file system refused (${error.code}${error.syscall ? ` on ${error.syscall}` : ''}); check that the folder exists and is writable.`;
  }
}
