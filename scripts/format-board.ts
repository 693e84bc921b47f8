// Rewrites board files in Stormbench's canonical layout (what the app's Save writes).
// Usage: tsx scripts/format-board.ts FILE...
import { readBoardFile, formatLoadErrors, writeBoardFile } from '../generator/io/board-file.ts';

let failed = false;
for (const file of process.argv.slice(2)) {
  const result = await readBoardFile(file);
  if (!result.ok) {
    console.error(formatLoadErrors(file, result));
    failed = true;
    continue;
  }
  await writeBoardFile(file, result.board);
}
process.exitCode = failed ? 2 : 0;
