/** The zoom keys and commands the shortcut sheet lists change the zoom, and keys log nothing. */
import { beforeAll, describe, expect, it } from 'vitest';
import { inApp, placeByKey } from './driver.ts';
import { useApp } from './fixture.ts';

describe('zoom', () => {
  const app = useApp({ boards: ['small.storm.json'] });
  const warnings: string[] = [];
  const zoom = () => inApp(app.page, (hooks) => hooks.stormbenchApp.flow?.viewport().zoom ?? Number.NaN);

  beforeAll(() => {
    app.page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
    });
  });

  it('zooms in with + (and =) and out with -, around the middle of the view', async () => {
    const { page } = app;
    await page.locator('.svelte-flow__pane').click({ position: { x: 40, y: 40 } });
    const start = await zoom();
    await page.keyboard.press('Shift+Equal');
    await expect.poll(zoom).toBeCloseTo(start * 1.2, 3);
    await page.keyboard.press('Equal');
    await expect.poll(zoom).toBeCloseTo(start * 1.44, 3);
    await page.keyboard.press('Minus');
    await expect.poll(zoom).toBeCloseTo(start * 1.2, 3);
  });

  it('zooms from the command palette', async () => {
    const { page } = app;
    const before = await zoom();
    await page.keyboard.press('Control+KeyK');
    const palette = page.getByRole('dialog', { name: 'Commands' });
    await palette.getByRole('combobox', { name: 'Find a command' }).fill('zoom out');
    await palette
      .getByRole('option', { name: /Zoom out/ })
      .first()
      .click();
    await expect.poll(zoom).toBeCloseTo(before / 1.2, 3);
  });

  it('starts a new board at 100%, whatever the zoom of the board before', async () => {
    const { page } = app;
    const before = await zoom();
    await page.keyboard.press('Shift+Equal');
    await page.keyboard.press('Shift+Equal');
    await expect.poll(zoom).toBeCloseTo(before * 1.44, 2);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const discard = page.getByRole('button', { name: /Discard|Don.t save/ });
    if (await discard.isVisible().catch(() => false)) await discard.click();
    await expect.poll(zoom).toBeCloseTo(1, 3);
  });

  it('logs no warning while stickies are placed with keys', async () => {
    const { page } = app;
    for (const name of ['Cup ordered', 'Cup served', 'Cup paid']) await placeByKey(page, 'e', 'Event', name);
    expect(warnings).toEqual([]);
  });
});
