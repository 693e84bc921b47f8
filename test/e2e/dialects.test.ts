/**
 * A till board whose event versions are written in draft-04 (boolean exclusive bounds) and whose
 * amounts are money (multipleOf 0.01): the dock reads them as the service does. Its examples are
 * valid, a new example starts valid, and an amount off the cent or at the exclusive bound is
 * refused with the words the generated service uses (test/generator/till.test.ts serves them).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appState, selectSticky, shot } from './driver.ts';
import { useApp } from './fixture.ts';

describe('draft-04 and money in the dock', () => {
  const app = useApp({ boards: [{ from: 'test/generator/fixtures/till.storm.json', as: 'till.storm.json' }] });

  beforeAll(async () => {
    await app.page.setViewportSize({ width: 1400, height: 900 });
  });

  it("reads the draft-04 versions as draft-04: no schema error, valid examples, refusals in the service's words", async () => {
    const { page } = app;
    expect((await appState(page)).problems).toEqual([]);
    await selectSticky(page, 'evt-sale-charged');
    const dock = page.getByRole('region', { name: 'Schema dock' });
    await dock.getByRole('navigation', { name: 'Versions of Sale charged' }).waitFor();

    // The dock leaves the canvas short: the minimap gives its room to the board.
    await expect.poll(() => page.getByLabel('Minimap: click or drag to move the view').count()).toBe(0);
    await dock.getByRole('tab', { name: /^JSON/ }).click();
    await dock.locator('.cm-content').first().waitFor();
    await page.waitForTimeout(500);
    expect(await dock.locator('.cm-lintRange-error').count()).toBe(0);
    await shot(page, 'dock-draft-04-json');

    await dock.getByRole('button', { name: 'New version', exact: true }).first().click();
    await dock.getByRole('tab', { name: 'Examples' }).click();
    expect(await dock.getByRole('alert').count()).toBe(0);
    await dock.getByRole('button', { name: 'Add example' }).click();
    const added = dock.getByRole('textbox', { name: 'Example 2' });
    // A new example starts valid: a cent above the exclusive minimum, on the multipleOf grid.
    await expect
      .poll(async () => JSON.parse(await added.inputValue()))
      .toMatchObject({ amount: 0.01, currency: 'EUR' });
    await added.locator('xpath=..').getByText('✓ matches the schema').waitFor();
    expect(await dock.getByRole('alert').count()).toBe(0);

    await added.fill('{"saleId": "s-9", "amount": 19.999, "chargedAt": "2026-12-07T10:35:00Z"}');
    await dock.getByRole('alert').filter({ hasText: '"/amount" must be multiple of 0.01' }).waitFor();
    await added.fill('{"saleId": "s-9", "amount": 10000, "chargedAt": "2026-12-07T10:35:00Z"}');
    await dock.getByRole('alert').filter({ hasText: '"/amount" must be < 10000' }).waitFor();
    await added.fill('{"saleId": "s-9", "amount": 19.99, "chargedAt": "2026-12-07T10:35:00Z"}');
    await expect.poll(() => dock.getByRole('alert').count()).toBe(0);
    await shot(page, 'dock-draft-04-examples');
    await page.keyboard.press('Escape');
    await page.locator('.svelte-flow__pane').click({ position: { x: 20, y: 20 } });
    await expect.poll(() => page.getByLabel('Minimap: click or drag to move the view').count()).toBe(1);
  });
});
