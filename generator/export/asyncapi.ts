import type { Board } from '../../model/board/types.ts';
import { buildAsyncApiExports } from '../../model/export/asyncapi.ts';
import type { OutputFile } from './files.ts';

/** The AsyncAPI documents of a board as files: one `<packageName>.asyncapi.json` per context. */
export function asyncApiFiles(board: Board, contextId?: string): { files: OutputFile[]; notes: string[] } {
  const exports = buildAsyncApiExports(board, contextId);
  return {
    files: exports.map((e) => ({ path: [e.fileName], text: `${JSON.stringify(e.document, null, 2)}\n` })),
    notes: exports.flatMap((e) => e.notes),
  };
}
