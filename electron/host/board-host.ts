import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { readBoardFile, removeStaleTempFiles, writeFileAtomic } from '../../generator/io/board-file.ts';
import { assertInside, RefusedPathError } from '../../generator/io/confined.ts';
import { MAX_BOARD_BYTES } from '../../generator/io/limits.ts';
import { readTextCapped } from '../../generator/io/read-text.ts';
import { exportAsyncApi, exportEventCatalog, exportReport } from '../../generator/export/exports.ts';
import { parseBoard } from '../../model/board/load.ts';
import { lintBoard } from '../../model/lint/lint.ts';
import { toIdentifier } from '../../model/names/identifiers.ts';
import type { Board } from '../../model/board/types.ts';
import type {
  BoardEntry,
  ExportSummary,
  OpenResult,
  Recovery,
  RecoveryEntry,
  SavedBoard,
} from '../../contract/host-results.ts';
import { boardPath, HostError, listBoards } from './board-folder.ts';

/** What the host keeps in the board folder for itself: recent boards and autosaves. */
const STATE_DIR = '.stormbench';
const RECENT_MAX = 10;
/** The recovery key of a board that has never been saved. */
export const UNTITLED = 'untitled';

const EXPORTS = {
  asyncapi: (board: Board, dir: string) => exportAsyncApi(board, dir),
  eventcatalog: (board: Board, dir: string) => exportEventCatalog(board, dir),
  report: (board: Board, dir: string) => exportReport(board, dir, { problems: lintBoard(board) }),
} as const;

/**
 * The Node side of the app: opens and saves boards inside one folder, keeps recent boards and
 * autosaves. Electron's main process and `stormbench serve` both put their transport in front of
 * this class, so both modes behave the same and the tests cover both.
 */
export class BoardHost {
  constructor(readonly folder: string) {}

  /**
   * Writes one of the exports of the board the app has open (its text, saved or not) into
   * `exports/<board>/<format>/` inside the board folder; names come from identifiers, never paths.
   */
  async exportBoard(format: string, text: string): Promise<ExportSummary> {
    if (!Object.hasOwn(EXPORTS, format))
      throw new HostError(`Unknown export "${format}": choose asyncapi, eventcatalog or report.`);
    const parsed = parseBoard(text);
    if (!parsed.ok) throw new HostError(`The board cannot be exported: ${parsed.errors[0]!.message}`);
    const folder = ['exports', toIdentifier(parsed.board.name).kebab || 'board', format];
    await this.#inside(join(this.folder, ...folder), folder.join('/'));
    const result = await EXPORTS[format as keyof typeof EXPORTS](parsed.board, join(this.folder, ...folder));
    return { folder: folder.join('/'), files: result.written.length, notes: result.notes };
  }

  /** The boards of the folder; opening the folder also tidies what killed saves left behind. */
  async list(): Promise<BoardEntry[]> {
    await this.#removeStaleTempFiles();
    return listBoards(this.folder);
  }

  async open(name: string): Promise<OpenResult> {
    const path = boardPath(this.folder, name);
    try {
      await this.#inside(path, name);
    } catch (error) {
      if (error instanceof HostError) return { ok: false, name, message: error.message };
      throw error;
    }
    const result = await readBoardFile(path);
    if (!result.ok) {
      const message = result.ioError
        ? result.ioError.replace(path, name)
        : result.errors
            .map((e) =>
              e.line !== undefined ? `${name}:${e.line}:${e.column}: ${e.message}` : `${name}: ${e.message}`,
            )
            .join('\n');
      return { ok: false, name, message };
    }
    await this.#touchRecent(name);
    // The board only: its text too doubled what a big board's page receives and parses.
    return { ok: true, name, board: result.board };
  }

  /**
   * Saves a board atomically. The text must itself be a valid board: the host never writes a file
   * that it could not open again. A file that exists but does not load is never overwritten; the
   * user may be about to fix it by hand, and its bytes are theirs.
   */
  async save(name: string, text: string, options: { overwrite?: boolean } = {}): Promise<SavedBoard> {
    const path = boardPath(this.folder, name);
    const parsed = parseBoard(text);
    if (!parsed.ok)
      throw new HostError(`Not saved: the board is not valid (${parsed.errors[0]?.message ?? 'unknown reason'}).`, 422);
    await this.#inside(path, name);
    let existing: string | undefined;
    try {
      existing = await readTextCapped(path, MAX_BOARD_BYTES, 'a board file');
    } catch {
      existing = undefined;
    }
    if (existing !== undefined) {
      if (!parseBoard(existing).ok) {
        throw new HostError(
          `Not saved: "${name}" exists and does not load as a board, so it is left untouched. Save under another name.`,
          409,
        );
      }
      if (!options.overwrite)
        throw new HostError(`"${name}" already exists. Choose "replace" to overwrite it, or another name.`, 409);
    }
    await removeStaleTempFiles(this.folder, name);
    await writeFileAtomic(path, text);
    await this.#touchRecent(name);
    return { name, savedAt: new Date().toISOString() };
  }

  async recent(): Promise<string[]> {
    try {
      await this.#inside(this.#state('recent.json'), '.stormbench/recent.json');
      const data: unknown = JSON.parse(
        await readTextCapped(this.#state('recent.json'), MAX_BOARD_BYTES, 'the recent list'),
      );
      return Array.isArray(data) ? data.filter((n): n is string => typeof n === 'string').slice(0, RECENT_MAX) : [];
    } catch {
      return [];
    }
  }

  async #touchRecent(name: string): Promise<void> {
    // A convenience only: where the state folder is a link out of the board folder, it is skipped.
    if (
      !(await this.#inside(this.#state('recent.json'), '.stormbench/recent.json').then(
        () => true,
        () => false,
      ))
    )
      return;
    const list = [name, ...(await this.recent()).filter((n) => n !== name)].slice(0, RECENT_MAX);
    await mkdir(this.#state(), { recursive: true });
    await writeFileAtomic(this.#state('recent.json'), `${JSON.stringify(list, null, 2)}\n`);
  }

  /** Keeps the latest unsaved state of a board; written atomically, so a kill leaves one whole copy. */
  async autosave(key: string, text: string, board?: string): Promise<void> {
    checkRecoveryKey(key);
    if (board !== undefined) boardPath(this.folder, board);
    const parsed = parseBoard(text);
    if (!parsed.ok) throw new HostError('Autosave refused: the board is not valid.', 422);
    await this.#inside(this.#state('recovery', `${key}.json`), `.stormbench/recovery/${key}.json`);
    await mkdir(this.#state('recovery'), { recursive: true });
    const record = { board, title: parsed.board.name, savedAt: new Date().toISOString(), text };
    await writeFileAtomic(this.#state('recovery', `${key}.json`), JSON.stringify(record));
  }

  async recoveries(): Promise<RecoveryEntry[]> {
    let files: string[];
    try {
      await this.#inside(this.#state('recovery'), '.stormbench/recovery');
      files = (await readdir(this.#state('recovery'))).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
    } catch {
      return [];
    }
    const entries: RecoveryEntry[] = [];
    for (const file of files) {
      const record = await this.#readRecovery(file.slice(0, -5));
      if (record)
        entries.push({
          key: file.slice(0, -5),
          ...(record.board ? { board: record.board } : {}),
          title: record.title,
          savedAt: record.savedAt,
        });
    }
    return entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async recovery(key: string): Promise<Recovery | undefined> {
    checkRecoveryKey(key);
    const record = await this.#readRecovery(key);
    return record ? { key, ...(record.board ? { board: record.board } : {}), text: record.text } : undefined;
  }

  async discardRecovery(key: string): Promise<void> {
    checkRecoveryKey(key);
    await unlink(this.#state('recovery', `${key}.json`)).catch(() => undefined);
  }

  async #readRecovery(
    key: string,
  ): Promise<{ board?: string; title: string; savedAt: string; text: string } | undefined> {
    try {
      await this.#inside(this.#state('recovery', `${key}.json`), `.stormbench/recovery/${key}.json`);
      const data = JSON.parse(
        await readTextCapped(this.#state('recovery', `${key}.json`), MAX_BOARD_BYTES * 2, 'an autosave'),
      ) as Record<string, unknown>;
      if (typeof data.text !== 'string' || typeof data.savedAt !== 'string') return undefined;
      return {
        ...(typeof data.board === 'string' ? { board: data.board } : {}),
        title: typeof data.title === 'string' ? data.title : key,
        savedAt: data.savedAt,
        text: data.text,
      };
    } catch {
      return undefined;
    }
  }

  #state(...parts: string[]): string {
    return join(this.folder, STATE_DIR, ...parts);
  }

  /**
   * Refuses a path whose symbolic links lead out of the board folder: the names a page sends are
   * checked as text by boardPath, but a link someone placed in the folder would carry reads and
   * writes anywhere the user running the host may go.
   */
  async #inside(path: string, shown: string): Promise<void> {
    try {
      await assertInside(this.folder, path);
    } catch (error) {
      if (!(error instanceof RefusedPathError)) throw error;
      throw new HostError(
        `"${shown}" is (or lies under) a symbolic link that leads out of the board folder, so Stormbench neither reads nor writes it; replace the link with the file or folder itself.`,
        403,
      );
    }
  }

  async #removeStaleTempFiles(): Promise<void> {
    for (const dir of [this.folder, this.#state(), this.#state('recovery')]) {
      if (
        await this.#inside(dir, dir).then(
          () => true,
          () => false,
        )
      )
        await removeStaleTempFiles(dir);
    }
  }
}

/** The recovery key of a board: its file name, or `untitled`. Checked like a file name. */
export function recoveryKeyOf(board: string | undefined): string {
  return board ?? UNTITLED;
}

function checkRecoveryKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || !/^[^/\\\0:.][^/\\\0:]{0,199}$/.test(key)) {
    throw new HostError('A recovery key is a board file name or "untitled".');
  }
}
