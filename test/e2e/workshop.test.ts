import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appState,
  boardOf,
  dragBy,
  focusOn,
  inApp,
  linkByDrag,
  node,
  placeByKey,
  placeFromPalette,
  shot,
  viewSettledOn,
  waitForApp,
} from './driver.ts';
import { useApp } from './fixture.ts';

// A facilitator's session, end to end, on a fresh board folder.
describe('a workshop on a new board', () => {
  const app = useApp();
  const ids: Record<string, string> = {};

  it('places a sticky of every kind from the palette, by accessible name, and names it', async () => {
    const { page } = app;
    const kinds: Array<[string, string]> = [
      ['Actor', 'Customer'],
      ['Command', 'Place order'],
      ['Aggregate', 'Order'],
      ['Event', 'Order placed'],
      ['Policy', 'When order placed reserve stock'],
      ['Read model', 'Order summary'],
      ['External system', 'Payment provider'],
      ['Hotspot', 'What about refunds?'],
    ];
    for (const [label, name] of kinds) ids[name] = await placeFromPalette(page, label, name);
    const board = await boardOf(page);
    expect(board.elements.map((e) => [e.kind, e.name])).toEqual([
      ['actor', 'Customer'],
      ['command', 'Place order'],
      ['aggregate', 'Order'],
      ['event', 'Order placed'],
      ['policy', 'When order placed reserve stock'],
      ['readModel', 'Order summary'],
      ['externalSystem', 'Payment provider'],
      ['hotspot', 'What about refunds?'],
    ]);
    await expect(page.getByRole('note', { name: 'Hotspot: What about refunds?' }).count()).resolves.toBe(1);
  });

  it('places stickies with the keyboard too, twenty in all', async () => {
    const { page } = app;
    const keyed: Array<[string, string, string]> = [
      ['e', 'Event', 'Stock reserved'],
      ['c', 'Command', 'Reserve stock'],
      ['a', 'Aggregate', 'Stock'],
      ['p', 'Policy', 'When stock reserved ship'],
      ['r', 'Read model', 'Stock levels'],
      ['x', 'External system', 'Warehouse'],
      ['u', 'Actor', 'Clerk'],
      ['h', 'Hotspot', 'Backorders?'],
      ['e', 'Event', 'Order shipped'],
      ['c', 'Command', 'Ship order'],
      ['e', 'Event', 'Payment received'],
      ['r', 'Read model', 'Shipments'],
    ];
    for (const [key, label, name] of keyed) ids[name] = await placeByKey(page, key, label, name);
    expect((await boardOf(page)).elements).toHaveLength(20);
  });

  it('moves stickies apart by dragging, one undo step per drag', async () => {
    const { page } = app;
    await focusOn(page, [ids['Order']!, ids['Order placed']!]);
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    const before = (await boardOf(page)).elements.find((e) => e.id === ids['Order'])!;
    await dragBy(page, ids['Order']!, 120, 160);
    const after = (await boardOf(page)).elements.find((e) => e.id === ids['Order'])!;
    expect(after.x).not.toBe(before.x);
    expect(after.y).not.toBe(before.y);
    expect(after.x % 20).toBe(0); // snapped to the grid
    await page.keyboard.press('Control+z');
    const undone = (await boardOf(page)).elements.find((e) => e.id === ids['Order'])!;
    expect([undone.x, undone.y]).toEqual([before.x, before.y]);
    await page.keyboard.press('Control+Shift+z');
    const redone = (await boardOf(page)).elements.find((e) => e.id === ids['Order'])!;
    expect([redone.x, redone.y]).toEqual([after.x, after.y]);
  });

  it('links command → aggregate → event by dragging, and the linter follows', async () => {
    const { page } = app;
    // Spread the three apart so the drags do not land on other stickies.
    const spread = [ids['Place order']!, ids['Order']!, ids['Order placed']!] as const;
    await inApp(
      page,
      ({ stormbenchApp: { store } }, [c, a, e]) => {
        store.move([
          { id: c, x: -600, y: 600 },
          { id: a, x: -300, y: 560 },
          { id: e, x: 0, y: 600 },
        ]);
        store.select([c, a, e]);
      },
      spread,
    );
    await page.keyboard.press('Shift+Digit2');
    await viewSettledOn(page, spread);
    const noProducer = (s: Awaited<ReturnType<typeof appState>>) =>
      s.problems.filter((p) => p.elementId === ids['Order placed']);
    const before = noProducer(await appState(page));
    expect(before.length).toBeGreaterThan(0);

    await linkByDrag(page, ids['Place order']!, ids['Order']!);
    await linkByDrag(page, ids['Order']!, ids['Order placed']!);
    const board = await boardOf(page);
    expect(board.links.map((l) => [l.from, l.to])).toEqual([
      [ids['Place order'], ids['Order']],
      [ids['Order'], ids['Order placed']],
    ]);
    const afterLink = noProducer(await appState(page));
    expect(afterLink.length).toBeLessThan(before.length);
    await shot(page, 'workshop-linked');

    // Undo the second link: the event's problem comes back; redo: it goes again.
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    expect((await boardOf(page)).links).toHaveLength(1);
    expect(noProducer(await appState(page)).length).toBe(before.length);
    await page.keyboard.press('Control+y');
    expect((await boardOf(page)).links).toHaveLength(2);
  });

  it("draws a link outside the grammar differently, with the linter's reason", async () => {
    const { page } = app;
    await inApp(page, (hooks, u) => hooks.stormbenchApp.store.move([{ id: u, x: 320, y: 620 }]), ids['Customer']!);
    await focusOn(page, [ids['Order placed']!, ids['Customer']!]);
    await linkByDrag(page, ids['Order placed']!, ids['Customer']!);
    const board = await boardOf(page);
    const odd = board.links.find((l) => l.from === ids['Order placed'] && l.to === ids['Customer'])!;
    expect(odd).toBeDefined();
    const state = await appState(page);
    expect(state.problems.some((p) => p.linkId === odd.id)).toBe(true);
    const label = page.locator('.link-label.off-grammar span').first();
    await expect(label.getAttribute('title')).resolves.toMatch(/event|actor/i);
    await page.keyboard.press('Delete');
    expect((await boardOf(page)).links.some((l) => l.id === odd.id)).toBe(false);
  });

  it('renames in place with Enter and double-click', async () => {
    const { page } = app;
    // Far apart stickies are drawn on the far layer when zoomed out; come close to each in turn.
    await focusOn(page, [ids['Order summary']!]);
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await node(page, ids['Order summary']!).click();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('textbox', { name: 'Read model name' });
    await editor.fill('Order overview');
    await editor.press('Enter');
    expect((await boardOf(page)).elements.find((e) => e.id === ids['Order summary'])!.name).toBe('Order overview');
    await focusOn(page, [ids['Shipments']!]);
    await node(page, ids['Shipments']!).dblclick();
    await page.getByRole('textbox', { name: 'Read model name' }).fill('Shipment list');
    await page.keyboard.press('Enter');
    expect((await boardOf(page)).elements.find((e) => e.id === ids['Shipments'])!.name).toBe('Shipment list');
    // The inspector edits the selected sticky; a field change is one undo step.
    await focusOn(page, [ids['Place order']!, ids['Order']!, ids['Order placed']!]);
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await node(page, ids['Place order']!).click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await inspector.getByLabel('Description').fill('The customer confirms the basket.');
    await inspector.getByLabel('Description').press('Tab');
    await shot(page, 'inspector');
    expect((await boardOf(page)).elements.find((e) => e.id === ids['Place order'])).toMatchObject({
      text: 'The customer confirms the basket.',
    });
  });

  it('groups stickies into two bounded contexts', async () => {
    const { page } = app;
    await inApp(page, (hooks, group) => hooks.stormbenchApp.store.select(group), [
      ids['Place order']!,
      ids['Order']!,
      ids['Order placed']!,
    ]);
    await page.keyboard.press('b');
    await page.getByRole('textbox', { name: 'Context name' }).fill('Sales');
    await page.keyboard.press('Enter');
    await inApp(page, (hooks, group) => hooks.stormbenchApp.store.select(group), [
      ids['Warehouse']!,
      ids['Stock reserved']!,
    ]);
    await page.getByRole('button', { name: 'Context', exact: true }).click();
    await page.getByRole('textbox', { name: 'Context name' }).fill('Shipping');
    await page.keyboard.press('Enter');
    const board = await boardOf(page);
    expect(board.contexts.map((c) => c.name)).toEqual(['Sales', 'Shipping']);
    const sales = board.contexts[0]!.id;
    expect(
      board.elements
        .filter((e) => e.context === sales)
        .map((e) => e.name)
        .sort(),
    ).toEqual(['Order', 'Order placed', 'Place order']);
  });

  it("selects and centres a problem's sticky from the problems panel", async () => {
    const { page } = app;
    const panel = page.getByRole('region', { name: 'Problems' });
    const problem = (await appState(page)).problems.find((p) => p.elementId === ids['Stock levels'] && !p.linkId)!;
    expect(problem).toBeDefined();
    await panel
      .getByRole('button', { name: new RegExp(problem.message.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .first()
      .click();
    await viewSettledOn(page, [ids['Stock levels']!]);
    expect((await appState(page)).selection).toEqual([ids['Stock levels']]);
    const box = (await node(page, ids['Stock levels']!).boundingBox())!;
    const pane = (await page.locator('.svelte-flow__pane').boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - (pane.x + pane.width / 2))).toBeLessThan(30);
    await shot(page, 'problems-panel');
  });

  it('resizes a sticky by its corner and rubber-band selects with Shift+drag', async () => {
    const { page } = app;
    const id = ids['Stock levels']!;
    const before = (await boardOf(page)).elements.find((e) => e.id === id)!;
    const corner = node(page, id).locator('.svelte-flow__resize-control.handle.bottom.right');
    const c = (await corner.boundingBox())!;
    await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
    await page.mouse.down();
    await page.mouse.move(c.x + 60, c.y + 50, { steps: 6 });
    await page.mouse.up();
    const after = (await boardOf(page)).elements.find((e) => e.id === id)!;
    expect(after.width).toBeGreaterThan(before.width);
    expect(after.height).toBeGreaterThan(before.height);
    await page.keyboard.press('Control+z');
    expect((await boardOf(page)).elements.find((e) => e.id === id)).toMatchObject({
      width: before.width,
      height: before.height,
    });

    const box = (await node(page, id).boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x - 30, box.y - 30);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width + 10, box.y + box.height + 10, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    expect((await appState(page)).selection).toContain(id);
  });

  it('saves, and the file reopens with the same content byte for byte', async () => {
    const { page } = app;
    expect((await appState(page)).dirty).toBe(true);
    await expect(page.title()).resolves.toMatch(/^• /);
    await page.keyboard.press('Control+s');
    const nameField = page.getByRole('textbox', { name: 'File name' });
    await nameField.fill('first workshop');
    await nameField.press('Enter');
    await waitForApp(page, (hooks) => hooks.stormbenchApp.store.dirty === false);
    await expect(page.title()).resolves.not.toMatch(/^• /);
    const file = join(app.folder, 'first workshop.storm.json');
    const saved = await readFile(file, 'utf8');
    const before = await boardOf(page);
    await shot(page, 'workshop-saved');

    await page.reload();
    await waitForApp(page, (hooks) => hooks.stormbenchApp?.ready === true);
    await page.keyboard.press('Control+o');
    await page
      .getByRole('dialog', { name: 'Open a board' })
      .getByRole('button', { name: 'first workshop.storm.json' })
      .first()
      .click();
    await waitForApp(page, (hooks) => hooks.stormbenchApp.store.file === 'first workshop.storm.json');
    expect(await boardOf(page)).toEqual(before);
    // Saving the reopened board unchanged writes the very same bytes.
    const written = (await stat(file)).mtimeMs;
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await stat(file)).mtimeMs).not.toBe(written);
    expect(await readFile(file, 'utf8')).toBe(saved);
  });
});
