import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appState, elementOf, inApp, shot, waitForApp } from './driver.ts';
import { useApp } from './fixture.ts';

const EVENT = 'evt-order-placed';

/**
 * Version 3 of "Order placed": forty optional properties ahead of the old ones (they keep
 * BACKWARD) push `total` far down, and `total` becomes a string (it breaks BACKWARD). So the
 * breaking lines sit well below the first screen of both sides.
 */
async function addBreakingVersion(page: Page): Promise<void> {
  const { versions = [] } = await elementOf(page, EVENT, 'event');
  const v2 = versions.at(-1)!.schema;
  if (typeof v2 === 'boolean') throw new Error('Version 2 of "Order placed" is a boolean schema.');
  const extra = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`note${String(i + 1).padStart(2, '0')}`, { type: 'string', maxLength: 200 }]),
  );
  const properties = { ...extra, ...Object(v2.properties), total: { type: 'string', pattern: '^[0-9]+\\.[0-9]{2}$' } };
  const patch = {
    versions: [...versions, { version: 3, note: 'notes, total as text', schema: { ...v2, properties } }],
  };
  await inApp(page, (hooks, [id, p]) => hooks.stormbenchApp.store.updateElement(id, p, 'add version'), [
    EVENT,
    patch,
  ] as const);
}

/** Whether the first highlighted line of each side is inside its pane's visible box. */
async function highlightInView(page: Page): Promise<Array<{ visible: boolean; scrolled: number; lit: number }>> {
  const sides = [];
  for (const pane of await page.locator('.diffview .lines').all()) {
    const lit = pane.locator('.row.lit');
    const scrolled = await pane.evaluate((el) => el.scrollTop);
    const count = await lit.count();
    const box = (await pane.boundingBox())!;
    const row = count > 0 ? (await lit.first().boundingBox())! : undefined;
    sides.push({
      visible: row !== undefined && row.y >= box.y && row.y + row.height <= box.y + box.height,
      scrolled,
      lit: count,
    });
  }
  return sides;
}

describe('comparing versions of an event', () => {
  const app = useApp({ boards: ['order-fulfilment.storm.json'] });

  beforeAll(async () => {
    await waitForApp(app.page, (hooks) => hooks.stormbenchApp.store.file === 'order-fulfilment.storm.json');
    await addBreakingVersion(app.page);
  });

  it('opens from the command palette, and a clicked difference scrolls both sides to its lines', async () => {
    const { page } = app;
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Commands' });
    await palette.getByRole('combobox', { name: 'Find a command' }).fill('compare order');
    const options = palette.getByRole('option');
    await expect
      .poll(() => options.allTextContents())
      .toEqual([expect.stringContaining('Compare versions: Order placed')]);
    // Disabled commands are listed but marked: nothing is selected, so Delete does not apply.
    await palette.getByRole('combobox').fill('delete the selection');
    expect(await options.first().getAttribute('aria-disabled')).toBe('true');
    await palette.getByRole('combobox').fill('compare');
    // What can run now comes first: both events, then the greyed command that needs a selection.
    await expect
      .poll(() => options.allTextContents())
      .toEqual([
        expect.stringContaining('Compare versions: Order placed'),
        expect.stringContaining('Compare versions: Payment received'),
        expect.stringContaining('Compare versions of the selected event'),
      ]);
    expect(await options.last().getAttribute('aria-disabled')).toBe('true');
    await shot(page, 'command-palette');
    await page.keyboard.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    expect(await options.first().textContent()).toContain('Compare versions: Order placed');
    await page.keyboard.press('Enter');

    const diff = page.getByRole('dialog', { name: 'Compare versions' });
    await diff.waitFor();
    expect(await diff.getByRole('combobox', { name: 'Left' }).inputValue()).toBe('2');
    expect(await diff.getByRole('combobox', { name: 'Right' }).inputValue()).toBe('3');
    await expect
      .poll(() => diff.locator('.summary').textContent())
      .toBe('41 differences: 1 breaks BACKWARD, 40 keep it.');
    // Every kind of line is marked on its side, with a sign as well as a colour.
    expect(await diff.locator('.pane').nth(1).locator('.row.mark-added .mark').first().textContent()).toBe('+');
    expect(await diff.locator('.pane').nth(0).locator('.row.mark-changed .mark').first().textContent()).toBe('~');
    expect(await diff.locator('.pane').nth(1).locator('.row.mark-changed mark').first().textContent()).toBe('string');

    const breaking = diff.getByRole('button', { name: /breaks BACKWARD.*TYPE_CHANGED/ });
    expect(await breaking.textContent()).toContain('#/properties/total');
    expect(await highlightInView(page)).toEqual([
      { visible: false, scrolled: 0, lit: 0 },
      { visible: false, scrolled: 0, lit: 0 },
    ]);
    await breaking.click();
    await expect
      .poll(() => highlightInView(page))
      .toEqual([
        { visible: true, scrolled: expect.any(Number), lit: 5 },
        { visible: true, scrolled: expect.any(Number), lit: 5 },
      ]);
    const [left, right] = await highlightInView(page);
    expect(left!.scrolled).toBeGreaterThan(500);
    expect(right!.scrolled).toBe(left!.scrolled);
    // `minimum` went and `pattern` came: each faces a gap on the other side, level with it.
    const litText = async (side: number) =>
      (await diff.locator('.pane').nth(side).locator('.row.lit .text').allTextContents()).map((t) => t.trim());
    expect(await litText(0)).toEqual(['"total": {', '"type": "number",', '"minimum": 0', '', '},']);
    expect(await litText(1)).toEqual([
      '"total": {',
      '"type": "string",',
      '',
      '"pattern": "^[0-9]+\\\\.[0-9]{2}$"',
      '},',
    ]);
    await shot(page, 'diff-view');

    await page.keyboard.press('Escape');
    await diff.waitFor({ state: 'detached' });
    expect(await inApp(page, (hooks) => hooks.stormbenchApp.dialog)).toBeUndefined();
  });

  it('runs a command from the palette with the mouse; Escape closes it and leaves the selection alone', async () => {
    const { page } = app;
    await inApp(page, (hooks, id) => hooks.stormbenchApp.store.select([id]), EVENT);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Commands' });
    await palette.getByRole('combobox', { name: 'Find a command' }).fill('zzz');
    await palette.getByText('No command or event matches "zzz".', { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    expect((await appState(page)).selection).toEqual([EVENT]);

    await page.keyboard.press('Control+k');
    await palette.getByRole('combobox', { name: 'Find a command' }).fill('keyboard');
    await palette.getByRole('option', { name: /Keyboard shortcuts/ }).click();
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
  });

  it("opens from a problem's Compare button on the breaking step, at its first break", async () => {
    const { page } = app;
    const problems = (await appState(page)).problems.filter((p) => p.rule === 'schema-history-breaks-level');
    expect(problems.map((p) => p.elementId)).toEqual([EVENT]);
    const problems$ = page.getByRole('region', { name: 'Problems' });
    const compare = problems$.getByRole('button', { name: 'Compare versions of "Order placed"' });
    await compare.scrollIntoViewIfNeeded();
    await shot(page, 'diff-problem-compare');
    await compare.click();
    const diff = page.getByRole('dialog', { name: 'Compare versions' });
    await diff.waitFor();
    expect(await inApp(page, (hooks) => hooks.stormbenchApp.diff)).toEqual({
      eventId: EVENT,
      from: 2,
      to: 3,
      focus: '#/properties/total',
    });
    expect(await diff.getByRole('button', { pressed: true }).textContent()).toContain('TYPE_CHANGED');
    await expect.poll(() => highlightInView(page).then((sides) => sides.map((s) => s.visible))).toEqual([true, true]);
    await diff.getByRole('button', { name: 'Close' }).click();
    await diff.waitFor({ state: 'detached' });
  });

  it('opens with Alt+D on the selected event; any two versions can be chosen, and the keyboard reaches the differences', async () => {
    const { page } = app;
    await inApp(page, (hooks, id) => hooks.stormbenchApp.store.select([id]), EVENT);
    await page.keyboard.press('Alt+d');
    const diff = page.getByRole('dialog', { name: 'Compare versions' });
    await diff.waitFor();
    expect(await diff.getByRole('combobox', { name: 'Right' }).inputValue()).toBe('3');
    // The view takes the focus on its first difference, so the keyboard is in it at once.
    expect(await diff.locator('.difference:focus').count()).toBe(1);
    await diff.getByRole('combobox', { name: 'Left' }).selectOption('1');
    await expect
      .poll(() => diff.locator('.summary').textContent())
      .toBe('42 differences: 1 breaks BACKWARD, 41 keep it.');
    expect(await diff.locator('.difference').allTextContents()).toContainEqual(
      expect.stringContaining('#/properties/currency'),
    );

    // Arrows move along the list and Enter shows one.
    await diff.locator('.difference').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await diff.locator('.difference[aria-pressed="true"]').count()).toBe(1);
    await expect.poll(() => highlightInView(page).then((sides) => sides.map((s) => s.visible))).toEqual([true, true]);

    // Tab stays in the dialog: from its first control back to its last, and round again.
    const closeButton = diff.getByRole('button', { name: 'Close' });
    await closeButton.focus();
    await page.keyboard.press('Shift+Tab');
    expect(
      await diff
        .locator('.difference')
        .last()
        .evaluate((el) => el.matches(':focus')),
    ).toBe(true);
    await page.keyboard.press('Tab');
    expect(await closeButton.evaluate((el) => el.matches(':focus'))).toBe(true);

    await diff.getByRole('combobox', { name: 'Right' }).selectOption('1');
    await diff.getByText('Left and right are the same version.').waitFor();
    await page.keyboard.press('Escape');
    await diff.waitFor({ state: 'detached' });
    // Escape closed the view and nothing else: the event is still selected.
    expect((await appState(page)).selection).toEqual([EVENT]);
  });

  it('says so for identical versions, and shows both texts when the engine refuses a schema', async () => {
    const { page } = app;
    const diff = page.getByRole('dialog', { name: 'Compare versions' });
    const { versions = [] } = await elementOf(page, EVENT, 'event');
    await inApp(
      page,
      (hooks, [id, patch]) => {
        hooks.stormbenchApp.store.updateElement(id, patch, 'add version');
        hooks.stormbenchApp.openDiff(id, 3, 4);
      },
      [EVENT, { versions: [...versions, { version: 4, schema: versions.at(-1)!.schema }] }] as const,
    );
    await diff.getByText('No differences: both versions accept the same payloads.').waitFor();
    expect(await diff.locator('.row.mark-added, .row.mark-removed, .row.mark-changed').count()).toBe(0);

    await inApp(page, (hooks, [id, patch]) => hooks.stormbenchApp.store.updateElement(id, patch, 'break version 4'), [
      EVENT,
      { versions: [...versions.slice(0, 3), { version: 4, schema: { type: 'objekt', properties: {} } }] },
    ] as const);
    const alert = diff.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toContain(
        'The schema of version 4 is not a valid JSON Schema: #/type must be equal to one of the allowed values',
      );
    expect(await diff.locator('.pane').nth(1).locator('.text').allTextContents()).toContainEqual(
      expect.stringContaining('"objekt"'),
    );
    expect(await diff.locator('.pane').nth(0).locator('.text').allTextContents()).toContainEqual(
      expect.stringContaining('"note01"'),
    );
    await shot(page, 'diff-refused');
    await page.keyboard.press('Escape');
    expect(page.stormbenchErrors).toEqual([]);
  });
});
