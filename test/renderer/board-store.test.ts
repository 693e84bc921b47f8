import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyBoard } from '../../model/board/edit.ts';
import type { Board, Element } from '../../model/board/types.ts';
import type { Problem } from '../../model/lint/problem.ts';
import { BoardStore, type LiveBinding } from '../../renderer/src/store/board-store.svelte.ts';
import { TestBoard } from '../support/test-board.ts';

// The board store (renderer/src/store/board-store.svelte.ts) driven headlessly: every change is one
// named undo step, undo and redo bring back the selection of their moment, and a workshop takes
// over undo. The edit rules themselves are tested in test/model/board/edit.test.ts.
describe('the board store', () => {
  afterEach(() => vi.useRealTimers());

  it('makes each change one undo step, and a no-op change none', () => {
    const board = new TestBoard().place('event', 'Order placed', { x: 0, y: 0 });
    board.moveBy('Order placed', 0, 0).expectHistory('rename sticky'); // where it already is: nothing to undo
    board.moveBy('Order placed', 200, 0).expectHistory('move').expectSticky('Order placed', { x: 200 });
    board.undo().expectSticky('Order placed', { x: 0 }).expectHistory('rename sticky', 'move');
    board.undo().expectNames(['']);
    board.undo().expectNames([]);
    expect(board.history).toEqual({ undo: undefined, redo: 'place event', canUndo: false, canRedo: true });
    board.redo(2).expectNames(['Order placed']).expectHistory('rename sticky', 'move');
  });

  it('forgets what could be redone once a new change is made', () => {
    const board = new TestBoard().placeNamed('event', 'Order placed').rename('Order placed', 'Order paid').undo();
    board.expectHistory('place event', 'rename sticky').moveBy('Order placed', 40, 0).expectHistory('move', undefined);
    expect(board.history.canRedo).toBe(false);
  });

  it('brings back the selection of the moment with each undo and redo', () => {
    const board = new TestBoard()
      .placeNamed('event', 'Order placed', { x: 0, y: 0 })
      .placeNamed('command', 'Place order', { x: 300, y: 0 });
    board.select('Order placed', 'Place order').delete('Order placed', 'Place order').expectSelected([]);
    board.store.select([]);
    board.undo().expectNames(['Order placed', 'Place order']).expectSelected(['Order placed', 'Place order']);
    board.select('Order placed').redo().expectNames([]).expectSelected([]);
  });

  it('makes a paste and an alignment one step each, and the copies the selection', () => {
    const board = new TestBoard()
      .placeNamed('command', 'Place order', { x: 0, y: 0 })
      .placeNamed('aggregate', 'Order', { x: 300, y: 80 })
      .link('Place order', 'Order');
    board.copy(['Place order', 'Order'], 40).expectHistory('paste');
    expect(board.board.elements).toHaveLength(4);
    expect(board.links).toHaveLength(2);
    expect(board.store.selection).toEqual(board.board.elements.slice(2).map((e) => e.id));
    board
      .undo()
      .expectNames(['Place order', 'Order'])
      .expectLinks([['Place order', 'Order']]);
    board.select('Place order', 'Order').align('top').expectHistory('align top');
    expect(board.board.elements.map((e) => e.y)).toEqual([0, 0]);
    board.undo();
    expect(board.board.elements.map((e) => e.y)).toEqual([0, 80]);
  });

  it('runs the changes of one transaction as one step named after it', () => {
    const board = new TestBoard().transaction('sketch a flow', (b) =>
      b.placeNamed('command', 'Place order').placeNamed('event', 'Order placed').link('Place order', 'Order placed'),
    );
    board.expectHistory('sketch a flow').expectLinks([['Place order', 'Order placed']]);
    board.undo().expectNames([]).expectHistory(undefined, 'sketch a flow');
    board.transaction('nothing', () => {}).expectHistory(undefined, 'sketch a flow');
  });

  it('links two stickies once: a second link between them, or a link to itself, is no step', () => {
    const board = new TestBoard()
      .placeNamed('command', 'Place order')
      .placeNamed('aggregate', 'Order')
      .link('Place order', 'Order');
    board.expectLinks([['Place order', 'Order']]).expectHistory('link');
    board
      .link('Place order', 'Order')
      .link('Order', 'Order')
      .expectLinks([['Place order', 'Order']]);
    board.undo().expectLinks([]).expectHistory('place aggregate', 'link');
  });

  it('groups stickies into a context, which is selected, and a frame carries them when moved', () => {
    const board = new TestBoard()
      .placeNamed('command', 'Place order', { x: 0, y: 0 })
      .placeNamed('aggregate', 'Order', { x: 240, y: 0 })
      .placeNamed('event', 'Parcel sent', { x: 1400, y: 0 });
    board.group('Sales', ['Place order', 'Order']).expectHistory('add context').expectSelected(['Sales']);
    expect(board.membersOf('Sales')).toEqual(['Place order', 'Order']);
    expect(board.context('Sales')).toMatchObject({ x: -40, y: -60 });
    board.move({ Sales: { x: 60, y: 40 } }).expectHistory('move');
    board
      .expectSticky('Place order', { x: 100, y: 100, context: 'Sales' })
      .expectSticky('Order', { x: 340, y: 100 })
      .expectSticky('Parcel sent', { x: 1400, y: 0, context: undefined });
    board.move({ 'Parcel sent': { x: 500, y: 200 } }).expectSticky('Parcel sent', { context: 'Sales' });
    board.move({ 'Place order': { x: 2000, y: 0 } }).expectSticky('Place order', { context: undefined });
    board.undo(3).expectSticky('Place order', { x: 0, y: 0, context: 'Sales' });
    board.undo().expectNames(['Place order', 'Order', 'Parcel sent']).expectSticky('Order', { context: undefined });
    expect(board.board.contexts).toEqual([]);
  });

  it('renames a sticky and a context, each one step', () => {
    const board = new TestBoard().placeNamed('event', 'Order placed').group('Sales', ['Order placed']);
    board
      .rename('Sales', 'Selling')
      .expectHistory('rename context')
      .expectSticky('Order placed', { context: 'Selling' });
    board.rename('Order placed', 'Order taken').expectHistory('rename sticky').expectNames(['Order taken']);
    board.rename('Order taken', 'Order taken').expectHistory('rename sticky');
    board.undo(2).expectNames(['Order placed']);
    expect(board.board.contexts.map((c) => c.name)).toEqual(['Sales']);
  });

  it('deletes a sticky with its links, and the selection lets go of it', () => {
    const board = new TestBoard()
      .placeNamed('command', 'Place order')
      .placeNamed('aggregate', 'Order')
      .placeNamed('event', 'Order placed');
    board.link('Place order', 'Order').link('Order', 'Order placed').select('Order', 'Order placed');
    board
      .delete('Order')
      .expectNames(['Place order', 'Order placed'])
      .expectLinks([])
      .expectSelected(['Order placed'])
      .expectHistory('delete');
    board
      .undo()
      .expectLinks([
        ['Place order', 'Order'],
        ['Order', 'Order placed'],
      ])
      .expectSelected(['Order', 'Order placed']);
  });

  it('deletes a frame and leaves its stickies on the board, in no context', () => {
    const board = new TestBoard()
      .placeNamed('event', 'Order placed')
      .placeNamed('event', 'Order paid')
      .group('Sales', ['Order placed', 'Order paid']);
    board
      .delete('Sales')
      .expectNames(['Order placed', 'Order paid'])
      .expectSticky('Order paid', { context: undefined });
    expect(board.board.contexts).toEqual([]);
  });

  it('resizes a frame: stickies left outside leave it, stickies taken in join it', () => {
    const board = new TestBoard()
      .placeNamed('command', 'Place order', { x: 0, y: 0 })
      .placeNamed('aggregate', 'Order', { x: 600, y: 0 })
      .group('Sales', ['Place order']);
    board.expectSticky('Order', { context: undefined });
    board
      .resize('Sales', { x: -40, y: -60, width: 900, height: 400 })
      .expectSticky('Order', { context: 'Sales' })
      .expectHistory('resize');
    board
      .resize('Sales', { x: 500, y: -60, width: 400, height: 400 })
      .expectSticky('Place order', { context: undefined });
  });

  it('is dirty after a change and clean again when undone to what was saved', () => {
    const board = new TestBoard({ ...emptyBoard('Café'), elements: [sticky('evt-1', 'Coffee served')] });
    expect(board.store.dirty).toBe(false);
    board.rename('Coffee served', 'Coffee poured');
    expect(board.store.dirty).toBe(true);
    board.undo();
    expect(board.store.dirty).toBe(false);
    board.redo();
    board.store.markSaved('cafe.storm.json');
    expect({ dirty: board.store.dirty, file: board.store.file }).toEqual({ dirty: false, file: 'cafe.storm.json' });
  });

  it('starts a loaded board with no history and no selection', () => {
    const board = new TestBoard().placeNamed('event', 'Order placed').select('Order placed');
    board.store.load({ ...emptyBoard('Café'), elements: [sticky('evt-1', 'Coffee served')] }, 'cafe.storm.json');
    board.expectNames(['Coffee served']).expectSelected([]).expectHistory(undefined, undefined);
    expect(board.store.lastChange).toBe('open');
  });

  it('lints a small board at once, and a big one a moment after the change', () => {
    const small = new TestBoard().placeNamed('event', 'Order placed');
    expect(small.problems.some((p) => p.startsWith('event-no-producer: The event "Order placed"'))).toBe(true);

    vi.useFakeTimers();
    const many: Element[] = Array.from({ length: 401 }, (_, i) => sticky(`evt-${i}`, `Thing ${i} happened`, i * 200));
    const big = new TestBoard({ ...emptyBoard('Big'), elements: many });
    const before = big.problems.length;
    big.placeNamed('event', 'Order placed');
    expect(big.problems).toHaveLength(before);
    vi.advanceTimersByTime(250);
    expect(big.problems.some((p) => p.includes('"Order placed"'))).toBe(true);
  });

  it("takes a big board's problems from the linter it was given, the newest board's only, and lints here when it fails", () => {
    vi.useFakeTimers();
    const many: Element[] = Array.from({ length: 401 }, (_, i) => sticky(`evt-${i}`, `Thing ${i} happened`, i * 200));
    const store = new BoardStore();
    const asked: Array<{ board: Board; done: (problems: Problem[]) => void; fallback: () => void }> = [];
    store.useLinter((board, done, fallback) => asked.push({ board, done, fallback }));
    const found = (message: string): Problem => ({ rule: 'r', severity: 'info', message, fix: '' });

    store.load({ ...emptyBoard('Big'), elements: many }, 'big.storm.json');
    expect(store.problems).toEqual([]); // none of the board before, none yet of this one
    vi.advanceTimersByTime(250);
    expect(asked).toHaveLength(1);
    asked[0]!.done([found('first')]);
    expect(store.problems.map((p) => p.message)).toEqual(['first']);

    store.place('event', { x: 0, y: 900 }, 'Order placed');
    vi.advanceTimersByTime(250);
    store.place('event', { x: 0, y: 1000 }, 'Order paid');
    vi.advanceTimersByTime(250);
    expect(asked).toHaveLength(3);
    asked[1]!.done([found('stale')]); // about a board that is no longer the store's
    expect(store.problems.map((p) => p.message)).toEqual(['first']);
    asked[2]!.fallback(); // the linter could not: the store lints the board itself
    expect(store.problems.some((p) => p.message.includes('"Order paid"'))).toBe(true);
  });

  describe('in a workshop', () => {
    it('hands each change to the session as the boards before and after it, and lets it undo', () => {
      const live = new RecordingBinding();
      const board = new TestBoard().bindLive(live).placeNamed('event', 'Order placed');
      expect(live.pushed.map(([before, after]) => [before.elements.length, after.elements.length])).toEqual([[0, 1]]);
      expect(board.store.dirty).toBe(false);
      board.transaction('two stickies', (b) => b.placeNamed('command', 'Place order').placeNamed('aggregate', 'Order'));
      expect(live.pushed.map(([, after]) => after.elements.length)).toEqual([1, 3]);
      board.undo().redo().undo();
      expect(live.calls).toEqual(['undo', 'redo', 'undo']);
      board.expectNames(['Order placed', 'Place order', 'Order']).expectHistory(undefined, undefined);
    });

    it('refuses every change while the facilitator has locked the board', () => {
      const live = new RecordingBinding();
      const board = new TestBoard().bindLive(live).placeNamed('event', 'Order placed');
      live.readOnly = true;
      board.rename('Order placed', 'Order paid').placeNamed('command', 'Place order').delete('Order placed');
      board.expectNames(['Order placed']);
      expect(live.pushed).toHaveLength(1);
    });

    it('takes a change from another person without losing what is still there from the selection', () => {
      const board = new TestBoard()
        .bindLive(new RecordingBinding())
        .placeNamed('event', 'Order placed')
        .placeNamed('event', 'Order paid')
        .select('Order placed', 'Order paid');
      const theirs: Board = { ...board.board, elements: board.board.elements.filter((e) => e.name !== 'Order paid') };
      board.store.applyRemote(theirs);
      board.expectNames(['Order placed']).expectSelected(['Order placed']);
      expect(board.store.lastChange).toBe('remote change');
    });
  });
});

function sticky(id: string, name: string, x = 0): Element {
  return { id, kind: 'event', name, x, y: 0, width: 160, height: 100 };
}

/** A workshop session as the store sees it: it records what it is handed and what it is asked. */
class RecordingBinding implements LiveBinding {
  pushed: Array<[Board, Board]> = [];
  calls: string[] = [];
  readOnly = false;
  canUndo = false;
  canRedo = false;
  push(before: Board, after: Board): void {
    this.pushed.push([before, after]);
  }
  undo(): void {
    this.calls.push('undo');
  }
  redo(): void {
    this.calls.push('redo');
  }
}
