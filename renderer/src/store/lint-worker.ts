import { lintBoard } from '../../../model/lint/lint.ts';
import type { Board } from '../../../model/board/types.ts';

// The linter off the page's thread: a big board takes it a second or more (20,000 stickies), which
// on the page would stop the canvas just after the board opens and after each change.
// (Typed by hand: the renderer's types are the page's, whose postMessage takes an origin too.)
const scope = self as unknown as {
  onmessage: (event: { data: { id: number; text: string } }) => void;
  postMessage(message: unknown): void;
};
scope.onmessage = (event) => {
  const { id, text } = event.data;
  scope.postMessage({ id, problems: lintBoard(JSON.parse(text) as Board) });
};
