import { boardToSvg } from '../../../model/export/board-svg.ts';
import { serializeBoard } from '../../../model/board/serialize.ts';
import type { Workbench } from '../workbench.svelte.ts';

/** The name a downloaded export gets: the board's file (or title), without the `.storm.json`. */
function baseName(app: Workbench): string {
  const from = app.store.file?.replace(/\.storm\.json$/, '') ?? app.store.board.name;
  return from.replace(/[^\w .-]+/g, '_').trim() || 'board';
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads the board as a board file: what a participant keeps of a workshop (their page has
 * no board folder; the host's file is the facilitator's).
 */
export function downloadBoardFile(app: Workbench): void {
  download(new Blob([serializeBoard(app.store.board)], { type: 'application/json' }), `${baseName(app)}.storm.json`);
  app.say(`Downloaded ${baseName(app)}.storm.json: open it in Stormbench on your machine.`);
}

/** Exports the selection (or the whole board when nothing is selected) as SVG or PNG. */
export async function exportBoard(app: Workbench, format: 'svg' | 'png'): Promise<void> {
  const { svg, width, height } = boardToSvg(app.store.board, { only: app.store.selectedSet });
  if (format === 'svg') {
    download(new Blob([svg], { type: 'image/svg+xml' }), `${baseName(app)}.svg`);
    return;
  }
  // Large boards are scaled down so the canvas stays within what browsers can allocate.
  const scale = Math.min(2, 16_000 / Math.max(width, height));
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The board could not be drawn as an image.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d')!;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The PNG could not be made.');
    download(blob, `${baseName(app)}.png`);
  } catch (error) {
    app.say(error instanceof Error ? error.message : String(error), true);
  } finally {
    URL.revokeObjectURL(url);
  }
}
