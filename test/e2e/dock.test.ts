import { beforeAll, describe, expect, it } from 'vitest';
import { focusOn } from './driver.ts';
import { useApp } from './fixture.ts';

/**
 * The schema dock comes and goes with the selection. Deselecting tears its editors down while
 * their props already point at nothing; an error there once left the page unable to show the dock
 * again, so every kind is opened and closed here with the page's errors collected.
 */
describe('the schema dock follows the selection', () => {
  const app = useApp({ boards: ['order-fulfilment.storm.json'] });

  beforeAll(async () => {
    await app.page.setViewportSize({ width: 1400, height: 900 });
  });

  it('opens for events, commands, read models and aggregates, and closes when the canvas is clicked', async () => {
    const { page } = app;
    const errors = page.stormbenchErrors;
    const dock = page.locator('section.dock');
    const stickies = [
      'evt-order-placed',
      'evt-order-placed-p',
      'cmd-place-order',
      'rm-my-orders',
      'agg-order-1',
      'agg-order-2',
    ];
    for (const id of stickies) {
      await focusOn(page, [id]);
      await dock.waitFor();
      // An event with a draft open has more to tear down.
      if (id === 'evt-order-placed')
        await dock.getByRole('button', { name: 'New version', exact: true }).first().click();
      await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
      await dock.waitFor({ state: 'detached' });
      expect(errors, `after deselecting ${id}`).toEqual([]);
    }
    // And it still opens afterwards, with the draft kept.
    await focusOn(page, ['evt-order-placed']);
    await dock.getByText('draft').first().waitFor();
    expect(errors).toEqual([]);
  });
});
