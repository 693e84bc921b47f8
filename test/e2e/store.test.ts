import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, shot, startServer, tempFolder, type Server } from './driver.ts';

// The board store and the command table, driven inside the real app (they are Svelte 5 runes
// modules, so the browser is where they run). Each case starts from a new board.
describe('the board store and its commands', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer(await tempFolder());
    browser = await launchBrowser();
    page = await openApp(browser, server.url);
  });
  beforeEach(async () => {
    await page.evaluate(() => (globalThis as unknown as { stormbenchApp: { newBoard(): void } }).stormbenchApp.newBoard());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('makes each change one undo step, and a no-op change none', async () => {
    const steps = await page.evaluate(() => {
      type Store = { place(k: string, at: { x: number; y: number }): { id: string }; renameItem(id: string, n: string): void; move(m: unknown[]): void; undo(): void; redo(): void; canUndo: boolean; canRedo: boolean; board: { elements: Array<{ name: string; x: number }> }; lastChange: string };
      const store = (globalThis as unknown as { stormbenchApp: { store: Store } }).stormbenchApp.store;
      const log: unknown[] = [];
      const e = store.place('event', { x: 0, y: 0 });
      store.renameItem(e.id, 'Order placed');
      store.move([{ id: e.id, x: 0, y: 0 }]); // where it already is: nothing to undo
      store.move([{ id: e.id, x: 200, y: 0 }]);
      log.push(store.lastChange);
      store.undo();
      log.push(store.board.elements[0]!.x);
      store.undo();
      log.push(store.board.elements[0]!.name);
      store.undo();
      log.push(store.board.elements.length, store.canUndo, store.canRedo);
      store.redo();
      store.redo();
      log.push(store.board.elements[0]!.name);
      return log;
    });
    expect(steps).toEqual(['move', 0, '', 0, false, true, 'Order placed']);
  });

  it('brings back the selection of the moment with each undo and redo', async () => {
    const result = await page.evaluate(async () => {
      type Store = { place(k: string, at: { x: number; y: number }): { id: string }; select(ids: string[]): void; delete(ids: readonly string[]): void; undo(): void; redo(): void; selection: readonly string[]; load(b: unknown, f?: string): void; board: unknown };
      const store = (globalThis as unknown as { stormbenchApp: { store: Store } }).stormbenchApp.store;
      const a = store.place('event', { x: 0, y: 0 });
      const b = store.place('command', { x: 300, y: 0 });
      store.select([a.id, b.id]);
      store.delete([a.id, b.id]);
      const afterDelete = [...store.selection];
      store.select([]);
      store.undo(); // the two stickies come back, selected as they were when deleted
      const afterUndo = [...store.selection];
      store.select([a.id]);
      store.redo(); // deleted again: the selection of the moment of the undo, less what is gone
      const afterRedo = [...store.selection];
      return { afterDelete, afterUndo, afterRedo, ids: [a.id, b.id] };
    });
    expect(result.afterDelete).toEqual([]);
    expect(result.afterUndo).toEqual(result.ids);
    expect(result.afterRedo).toEqual([]);
  });

  it('groups the changes of one command into one step (paste, duplicate, align)', async () => {
    const result = await page.evaluate(async () => {
      type Store = { place(k: string, at: { x: number; y: number }): { id: string }; select(ids: string[]): void; undo(): void; board: { elements: Array<{ y: number }> } };
      const g = globalThis as unknown as { stormbenchApp: { store: Store }; stormbenchCommands: { run(name: string): Promise<void> } };
      const store = g.stormbenchApp.store;
      const a = store.place('command', { x: 0, y: 0 });
      const b = store.place('aggregate', { x: 300, y: 80 });
      store.select([a.id, b.id]);
      await g.stormbenchCommands.run('copy');
      await g.stormbenchCommands.run('paste');
      const afterPaste = store.board.elements.length;
      store.undo();
      const afterUndo = store.board.elements.length;
      store.select([a.id, b.id]);
      await g.stormbenchCommands.run('align-top');
      const aligned = store.board.elements.map((e) => e.y);
      store.undo();
      return { afterPaste, afterUndo, aligned, restored: store.board.elements.map((e) => e.y) };
    });
    expect(result).toEqual({ afterPaste: 4, afterUndo: 2, aligned: [0, 0], restored: [0, 80] });
  });

  it('has one command per shortcut, each listed in the help overlay', async () => {
    const clashes = await page.evaluate(() => {
      type Command = { name: string; keys: string; keyTest(e: unknown): boolean };
      const list = (globalThis as unknown as { stormbenchCommands: { list: Command[] } }).stormbenchCommands.list;
      const Ctor = (globalThis as unknown as { KeyboardEvent: new (type: string, init: object) => unknown }).KeyboardEvent;
      const presses = [
        { key: 'e' }, { key: 'c' }, { key: 'a' }, { key: 'p' }, { key: 'r' }, { key: 'x' }, { key: 'u' }, { key: 'h' }, { key: 'b' },
        { key: 'z', ctrlKey: true }, { key: 'Z', ctrlKey: true, shiftKey: true }, { key: 'y', ctrlKey: true },
        { key: 'c', ctrlKey: true }, { key: 'x', ctrlKey: true }, { key: 'v', ctrlKey: true }, { key: 'd', ctrlKey: true },
        { key: 'a', ctrlKey: true }, { key: 's', ctrlKey: true }, { key: 'S', ctrlKey: true, shiftKey: true }, { key: 'o', ctrlKey: true },
        { key: 'Delete' }, { key: 'Backspace' }, { key: 'Enter' }, { key: 'F2' }, { key: 'Escape' }, { key: '?', shiftKey: true },
        { key: 'ArrowLeft' }, { key: 'ArrowRight' }, { key: 'ArrowUp' }, { key: 'ArrowDown' }, { key: '+' }, { key: '-' },
        { key: '!', code: 'Digit1', shiftKey: true }, { key: '@', code: 'Digit2', shiftKey: true },
        { key: 'l', code: 'KeyL', altKey: true }, { key: 'r', code: 'KeyR', altKey: true }, { key: 't', code: 'KeyT', altKey: true },
        { key: 'b', code: 'KeyB', altKey: true }, { key: 'm', code: 'KeyM', altKey: true }, { key: 'n', code: 'KeyN', altKey: true },
        { key: 'E', code: 'KeyE', ctrlKey: true, shiftKey: true }, { key: 'e', code: 'KeyE', ctrlKey: true, altKey: true },
        { key: 'i', code: 'KeyI', ctrlKey: true, altKey: true }, { key: 'k', code: 'KeyK', ctrlKey: true, altKey: true },
        { key: 'r', code: 'KeyR', ctrlKey: true, altKey: true },
        { key: 'k', code: 'KeyK', ctrlKey: true }, { key: 'j', code: 'KeyJ', altKey: true }, { key: 'd', code: 'KeyD', altKey: true },
        { key: 'g', code: 'KeyG', ctrlKey: true, altKey: true },
        { key: 'b', code: 'KeyB', ctrlKey: true, altKey: true }, { key: 'w', code: 'KeyW', ctrlKey: true, altKey: true },
      ];
      const matched = new Set<string>();
      const bad: string[] = [];
      for (const p of presses) {
        const hits = list.filter((c) => c.keyTest(new Ctor('keydown', p))).map((c) => c.name);
        hits.forEach((h) => matched.add(h));
        if (hits.length !== 1) bad.push(`${JSON.stringify(p)} -> ${hits.join(',') || 'nothing'}`);
      }
      const unreached = list.filter((c) => !matched.has(c.name)).map((c) => c.name);
      return { bad, unreached, unnamed: list.filter((c) => !c.keys).map((c) => c.name) };
    });
    expect(clashes).toEqual({ bad: [], unreached: [], unnamed: [] });
  });

  it('places a sticky where a palette button is dropped', async () => {
    const pane = page.locator('.svelte-flow__pane');
    await page.getByRole('button', { name: 'Policy', exact: true }).dragTo(pane, { targetPosition: { x: 300, y: 200 } });
    const editor = page.getByRole('textbox', { name: 'Policy name' });
    await editor.fill('Whenever paid, ship');
    await editor.press('Enter');
    const placed = await page.evaluate(() => (globalThis as unknown as { stormbenchApp: { store: { board: { elements: Array<{ kind: string; name: string }> } } } }).stormbenchApp.store.board.elements);
    expect(placed.map((e) => [e.kind, e.name])).toEqual([['policy', 'Whenever paid, ship']]);
    const box = (await page.getByRole('note', { name: 'Policy: Whenever paid, ship' }).boundingBox())!;
    const paneBox = (await pane.boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - (paneBox.x + 300))).toBeLessThan(40);
  });

  it('shows the keyboard shortcuts on ?', async () => {
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog.textContent()).resolves.toContain('Place event');
    await shot(page, 'help-overlay');
    await page.keyboard.press('Escape');
    await expect(dialog.count()).resolves.toBe(0);
  });
});
