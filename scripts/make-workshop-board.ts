// Writes examples/workshop.storm.json, the workshop-sized example (about 1,200 stickies).
import { writeBoardFile } from '../generator/io/board-file.ts';
import { makeWorkshopBoard } from './workshop-board.ts';

const board = makeWorkshopBoard(1200);
await writeBoardFile(new URL('../examples/workshop.storm.json', import.meta.url).pathname, board);
console.log(
  `examples/workshop.storm.json: ${board.elements.length} stickies, ${board.links.length} links, ${board.contexts.length} contexts`,
);
