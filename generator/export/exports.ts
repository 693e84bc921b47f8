import type { Board } from '../../model/board/types.ts';
import { buildEventCatalog } from '../../model/export/eventcatalog.ts';
import { buildReport } from '../../model/export/report.ts';
import { boardToSvg } from '../../model/export/board-svg.ts';
import type { Problem } from '../../model/lint/problem.ts';
import { asyncApiFiles } from './asyncapi.ts';
import { writeFilesUnder, type OutputFile } from './files.ts';

/**
 * The three exports as files in a folder, for the CLI and for the app's File menu (the host calls
 * these with the board it has open). Each returns the paths written and notes for the user.
 */
export interface ExportResult {
  written: string[];
  notes: string[];
}

export async function exportAsyncApi(board: Board, outDir: string, contextId?: string): Promise<ExportResult> {
  const { files, notes } = asyncApiFiles(board, contextId);
  return { written: await writeFilesUnder(outDir, files), notes };
}

export async function exportEventCatalog(board: Board, outDir: string): Promise<ExportResult> {
  const { files, notes } = buildEventCatalog(board);
  return { written: await writeFilesUnder(outDir, files), notes };
}

/** `index.html` (self-contained) and `board.svg` (the same image, on its own). */
export function reportFiles(board: Board, options: { source?: string; problems?: Problem[] } = {}): OutputFile[] {
  return [
    { path: ['index.html'], text: buildReport(board, options) },
    { path: ['board.svg'], text: `<?xml version="1.0" encoding="UTF-8"?>\n${boardToSvg(board).svg}\n` },
  ];
}

export async function exportReport(
  board: Board,
  outDir: string,
  options: { source?: string; problems?: Problem[] } = {},
): Promise<ExportResult> {
  return { written: await writeFilesUnder(outDir, reportFiles(board, options)), notes: [] };
}
