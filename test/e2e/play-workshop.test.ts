import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, ROOT, selectSticky, shot, tempFolder, type Server } from './driver.ts';
import { joinPage, startWorkshop } from './workshop-driver.ts';

const BOARD = 'order-fulfilment.storm.json';

// Issue 18, item 6: in a live workshop every participant sees the flow, read-only; only the
// facilitator starts and stops play (and sends commands).
describe('play in a workshop', () => {
  let browser: Browser;
  let server: Server & { joinToken: string };
  let facilitator: Page;
  let participant: Page;

  beforeAll(async () => {
    const folder = await tempFolder('stormbench-play-workshop-');
    await copyFile(join(ROOT, 'examples', BOARD), join(folder, BOARD));
    server = await startWorkshop(folder, BOARD);
    browser = await launchBrowser();
    facilitator = await joinPage(browser, server.url);
    participant = await joinPage(browser, `${server.url}?join=${server.joinToken}&name=Ann`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const dockOf = (page: Page) => page.getByRole('region', { name: 'Play' });
  const mark = (page: Page, id: string) => page.locator(`.play-layer [data-play-sticky="${id}"]`);
  const countOf = async (page: Page, id: string) =>
    Number(
      (await mark(page, id)
        .getAttribute('data-count', { timeout: 1000 })
        .catch(() => '0')) ?? 0,
    );

  it("the facilitator's play shows on the participant's page, read-only", async () => {
    await facilitator.keyboard.press('Control+Alt+KeyP');
    await dockOf(facilitator).getByText('Playing', { exact: true }).waitFor({ timeout: 150_000 });
    const dock = dockOf(participant);
    await dock.getByText('Playing', { exact: true }).waitFor({ timeout: 10_000 });
    await expect.poll(() => dock.locator('.service.state-running').count()).toBe(3);
    await dock.getByText('The facilitator runs play; you watch the flow.').waitFor();
    // No way to stop or send from here: no Stop, no Play in the toolbar, and its key does nothing.
    expect(await dock.getByRole('button', { name: 'Stop play' }).count()).toBe(0);
    expect(
      await participant.getByRole('toolbar', { name: 'Board' }).getByRole('button', { name: 'Play' }).count(),
    ).toBe(0);
    await participant.keyboard.press('Control+Alt+KeyP');
    await participant.waitForTimeout(700);
    await dock.getByText('Playing', { exact: true }).waitFor();
    await dockOf(facilitator).getByText('Playing', { exact: true }).waitFor();
    await selectSticky(participant, 'cmd-place-order');
    await dock.getByText('Only the facilitator sends commands').waitFor();
    expect(await participant.getByRole('form', { name: 'Send Place order' }).count()).toBe(0);
  });

  it('sees the events, the policies across contexts, the read models and a refusal as they land', async () => {
    await selectSticky(facilitator, 'cmd-place-order');
    const form = facilitator.getByRole('form', { name: 'Send Place order' });
    await form.waitFor();
    const orderId = await form.getByRole('textbox', { name: 'orderId' }).inputValue();
    await form.getByRole('button', { name: 'Send Place order' }).click();
    await facilitator.getByRole('status', { name: 'Answer' }).getByText('200 done').waitFor();

    const dock = dockOf(participant);
    await expect.poll(() => countOf(participant, 'evt-order-placed'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => countOf(participant, 'pol-charge'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => countOf(participant, 'pol-ship'), { timeout: 20_000 }).toBe(1);
    const timeline = dock.locator('.timeline .entry');
    await expect.poll(() => timeline.count(), { timeout: 20_000 }).toBe(4);
    expect(await timeline.nth(1).textContent()).toMatch(
      /#2\s*Payments\s*Payment received.*policy Charge placed orders on #1/,
    );
    await expect
      .poll(() => dock.locator('[data-read-model="PickList"]').textContent(), { timeout: 20_000 })
      .toContain('1 row');
    expect(await dock.locator('[data-read-model="PickList"] code').first().textContent()).toContain(orderId);
    await participant.keyboard.press('Shift+Digit1');
    await participant.waitForTimeout(500);
    await shot(participant, 'play-workshop-participant');

    await form.getByRole('textbox', { name: 'customerId' }).fill('');
    await form.getByRole('button', { name: 'Send Place order' }).click();
    await facilitator
      .getByRole('status', { name: 'Answer' })
      .getByText('400 refused: the payload does not fit the schema')
      .waitFor();
    await expect
      .poll(() => mark(participant, 'cmd-place-order').getAttribute('class'), { timeout: 20_000 })
      .toContain('refused');
    expect(await dock.locator('.refusals').textContent()).toContain('PlaceOrder');
    await shot(participant, 'play-workshop-participant-refused');
  });

  it('a participant who joins during play gets the timeline so far; Stop reaches every page', async () => {
    const late = await joinPage(browser, `${server.url}?join=${server.joinToken}&name=Bo`);
    await expect.poll(() => dockOf(late).locator('.timeline .entry').count(), { timeout: 10_000 }).toBe(4);
    expect(await countOf(late, 'evt-order-placed')).toBe(1);
    await dockOf(facilitator).getByRole('button', { name: 'Stop play' }).click();
    await dockOf(participant).getByText('Play stopped', { exact: true }).waitFor({ timeout: 30_000 });
    await dockOf(late).getByText('Play stopped', { exact: true }).waitFor({ timeout: 5_000 });
    await late.close();
  });
});
