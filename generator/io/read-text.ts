import { open } from 'node:fs/promises';
import { formatBytes } from './limits.ts';

/** A file past its limit: `describeIoError` turns it into the sentence a user reads. */
export class InputTooLargeError extends Error {
  readonly code = 'ETOOLARGE';
  constructor(
    readonly limit: number,
    /** What the file was read as, e.g. "a board file". */
    readonly what: string,
  ) {
    super(`larger than ${formatBytes(limit)}`);
    this.name = 'InputTooLargeError';
  }
}

const CHUNK = 64 * 1024;

/**
 * Reads a text file, but never more than `limit` bytes of it: a regular file is refused by its
 * size before a byte is read; a device or pipe (`/dev/urandom`, `/dev/stdin`) is read in chunks
 * and refused as soon as it passes the limit, instead of filling memory until V8 gives up.
 */
export async function readTextCapped(path: string, limit: number, what: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.isFile()) {
      if (info.size > limit) throw new InputTooLargeError(limit, what);
      const buffer = await handle.readFile();
      // A file that grew between stat and read is judged by what was read.
      if (buffer.length > limit) throw new InputTooLargeError(limit, what);
      return buffer.toString('utf8');
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw new InputTooLargeError(limit, what);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
  }
}
