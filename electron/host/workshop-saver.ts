import { RefusedPathError } from '../../generator/io/confined.ts';
import * as Y from 'yjs';
import { serializeBoard } from '../../model/board/serialize.ts';
import type { Board } from '../../model/board/types.ts';
import type { BoardHost } from './board-host.ts';

const SAVE_DELAY_MS = 120;
/** After a failed save: the next try, whether or not anyone edits meanwhile. */
export const SAVE_RETRY_MS = 3_000;

export interface SaverEvents {
  /** The file holds everything up to this state vector. */
  saved(vector: Uint8Array): void;
  /** A save failed, with a sentence for the pages; called again only when the reason changes. */
  failed(sentence: string): void;
}

/**
 * Writes a workshop's board to its file (atomically, through BoardHost) at most every 120 ms
 * while edits come in, and after a failure every few seconds until a save succeeds: a full disk
 * or a folder in the file's place must not leave the session unsaved until the next edit.
 */
export class WorkshopSaver {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #saving: Promise<void> = Promise.resolve();
  #failure: string | undefined;
  #closed = false;

  constructor(
    readonly host: BoardHost,
    readonly file: string,
    readonly doc: Y.Doc,
    readonly board: () => Board,
    readonly events: SaverEvents,
  ) {}

  /** Why the last save failed, while no save has succeeded since. */
  get failure(): string | undefined {
    return this.#failure;
  }

  /** At most one save per SAVE_DELAY_MS, even while edits never stop (a debounce would starve). */
  schedule(): void {
    if (this.#timer !== undefined || this.#closed) return;
    this.#timer = setTimeout(() => void this.flush(), this.#failure ? SAVE_RETRY_MS : SAVE_DELAY_MS);
  }

  /** Saves the board now; later saves wait for earlier ones. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#saving = this.#saving.then(async () => {
      try {
        const vector = Y.encodeStateVector(this.doc);
        await this.host.save(this.file, serializeBoard(this.board()), { overwrite: true });
        this.#failure = undefined;
        this.events.saved(vector);
      } catch (error) {
        const sentence = `The host could not save ${this.file}: ${reasonOf(error)}. It tries again every few seconds; your edits are kept in the session meanwhile.`;
        if (sentence !== this.#failure) this.events.failed(sentence);
        this.#failure = sentence;
        this.schedule();
      }
    });
    return this.#saving;
  }

  /** A last save; no retries after it. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** The reason in words for the errors a disk gives; anything else as its own message. */
function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EACCES: 'permission denied on the board folder',
    EPERM: 'permission denied on the board folder',
    EROFS: 'the board folder is on a read-only disk',
    EISDIR: 'a folder of that name is in the way of the file',
    ENOTEMPTY: 'a folder of that name is in the way of the file',
    ENOENT: 'the board folder is gone',
  };
  if (code && words[code]) return words[code];
  // The atomic write refuses to replace what is not a regular file, before the disk could say so.
  if (error instanceof RefusedPathError && error.inTheWay)
    return `${error.inTheWay} of that name is in the way of the file`;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\.$/, '');
}
