import { beforeEach, describe, expect, it } from 'vitest';
import { boardOf, inApp, shot, waitForApp } from './driver.ts';
import { useApp } from './fixture.ts';

// The store's rules run headlessly (test/renderer/board-store.test.ts, through TestBoard); here is
// what needs the real page: keys reaching the command table, the clipboard commands, a drop from
// the palette, the help overlay. Each case starts from a new board.
describe('the board store and its commands in the page', () => {
  const app = useApp();

  beforeEach(async () => {
    await inApp(app.page, (hooks) => hooks.stormbenchApp.newBoard());
  });

  it('makes a paste and an alignment, pressed as keys, one undo step each', async () => {
    const { page } = app;
    const [a, b] = await inApp(page, ({ stormbenchApp: { store } }) => {
      const first = store.place('command', { x: 0, y: 0 }, 'Place order');
      const second = store.place('aggregate', { x: 300, y: 80 }, 'Order');
      store.select([first.id, second.id]);
      return [first.id, second.id];
    });
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await inApp(page, (hooks, ids) => hooks.stormbenchApp.store.select(ids), [a!, b!]);
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await waitForApp(page, (hooks) => hooks.stormbenchApp.store.board.elements.length === 4);
    expect(await inApp(page, ({ stormbenchApp: { store } }) => store.undoName)).toBe('paste');
    await page.keyboard.press('Control+z');
    await waitForApp(page, (hooks) => hooks.stormbenchApp.store.board.elements.length === 2);
    await inApp(page, (hooks, ids) => hooks.stormbenchApp.store.select(ids), [a!, b!]);
    await page.keyboard.press('Alt+KeyT');
    await waitForApp(page, (hooks) => hooks.stormbenchApp.store.undoName === 'align top');
    expect((await boardOf(page)).elements.map((e) => e.y)).toEqual([0, 0]);
    await page.keyboard.press('Control+z');
    await waitForApp(page, (hooks) => hooks.stormbenchApp.store.undoName === 'place aggregate');
    expect((await boardOf(page)).elements.map((e) => e.y)).toEqual([0, 80]);
  });

  it('has one command per shortcut, each listed in the help overlay', async () => {
    const clashes = await inApp(app.page, (hooks) => {
      const list = hooks.stormbenchCommands.list;
      const presses = [
        { key: 'e' },
        { key: 'c' },
        { key: 'a' },
        { key: 'p' },
        { key: 'r' },
        { key: 'x' },
        { key: 'u' },
        { key: 'h' },
        { key: 'b' },
        { key: 'z', ctrlKey: true },
        { key: 'Z', ctrlKey: true, shiftKey: true },
        { key: 'y', ctrlKey: true },
        { key: 'c', ctrlKey: true },
        { key: 'x', ctrlKey: true },
        { key: 'v', ctrlKey: true },
        { key: 'd', ctrlKey: true },
        { key: 'a', ctrlKey: true },
        { key: 's', ctrlKey: true },
        { key: 'S', ctrlKey: true, shiftKey: true },
        { key: 'o', ctrlKey: true },
        { key: 'Delete' },
        { key: 'Backspace' },
        { key: 'Enter' },
        { key: 'F2' },
        { key: 'Escape' },
        { key: '?', shiftKey: true },
        { key: 'ArrowLeft' },
        { key: 'ArrowRight' },
        { key: 'ArrowUp' },
        { key: 'ArrowDown' },
        { key: '+' },
        { key: '-' },
        { key: '!', code: 'Digit1', shiftKey: true },
        { key: '@', code: 'Digit2', shiftKey: true },
        { key: 'l', code: 'KeyL', altKey: true },
        { key: 'r', code: 'KeyR', altKey: true },
        { key: 't', code: 'KeyT', altKey: true },
        { key: 'b', code: 'KeyB', altKey: true },
        { key: 'm', code: 'KeyM', altKey: true },
        { key: 'n', code: 'KeyN', altKey: true },
        { key: 'E', code: 'KeyE', ctrlKey: true, shiftKey: true },
        { key: 'e', code: 'KeyE', ctrlKey: true, altKey: true },
        { key: 'i', code: 'KeyI', ctrlKey: true, altKey: true },
        { key: 'k', code: 'KeyK', ctrlKey: true, altKey: true },
        { key: 'r', code: 'KeyR', ctrlKey: true, altKey: true },
        { key: 'k', code: 'KeyK', ctrlKey: true },
        { key: 'j', code: 'KeyJ', altKey: true },
        { key: 'd', code: 'KeyD', altKey: true },
        { key: 'g', code: 'KeyG', ctrlKey: true, altKey: true },
        { key: 'L', code: 'KeyL', ctrlKey: true, shiftKey: true },
        { key: 'l', code: 'KeyL', ctrlKey: true, altKey: true },
        { key: 'b', code: 'KeyB', ctrlKey: true, altKey: true },
        { key: 'w', code: 'KeyW', ctrlKey: true, altKey: true },
        { key: 'p', code: 'KeyP', ctrlKey: true, altKey: true },
        { key: 'P', code: 'KeyP', ctrlKey: true, altKey: true, shiftKey: true },
      ];
      const matched = new Set<string>();
      const bad: string[] = [];
      for (const p of presses) {
        const hits = list.filter((c) => c.keyTest(new hooks.KeyboardEvent('keydown', p))).map((c) => c.name);
        hits.forEach((h) => matched.add(h));
        if (hits.length !== 1) bad.push(`${JSON.stringify(p)} -> ${hits.join(',') || 'nothing'}`);
      }
      const unreached = list.filter((c) => !matched.has(c.name)).map((c) => c.name);
      return { bad, unreached, unnamed: list.filter((c) => !c.keys).map((c) => c.name) };
    });
    expect(clashes).toEqual({ bad: [], unreached: [], unnamed: [] });
  });

  it('places a sticky where a palette button is dropped', async () => {
    const { page } = app;
    const pane = page.locator('.svelte-flow__pane');
    await page
      .getByRole('button', { name: 'Policy', exact: true })
      .dragTo(pane, { targetPosition: { x: 300, y: 200 } });
    const editor = page.getByRole('textbox', { name: 'Policy name' });
    await editor.fill('Whenever paid, ship');
    await editor.press('Enter');
    expect((await boardOf(page)).elements.map((e) => [e.kind, e.name])).toEqual([['policy', 'Whenever paid, ship']]);
    const box = (await page.getByRole('note', { name: 'Policy: Whenever paid, ship' }).boundingBox())!;
    const paneBox = (await pane.boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - (paneBox.x + 300))).toBeLessThan(40);
  });

  it('shows the keyboard shortcuts on ?', async () => {
    const { page } = app;
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog.textContent()).resolves.toContain('Place event');
    await shot(page, 'help-overlay');
    await page.keyboard.press('Escape');
    await expect(dialog.count()).resolves.toBe(0);
  });
});
