import { copyFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, ROOT, selectSticky, shot, startServer, tempFolder, type Server } from './driver.ts';

const BOARD = 'order-fulfilment.storm.json';

describe('playing the board', () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  let folder: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    folder = await tempFolder();
    await copyFile(join(ROOT, 'examples', BOARD), join(folder, BOARD));
    server = await startServer(folder, BOARD);
    page = await openApp(browser, server.url);
  });
  afterAll(async () => {
    await page?.close();
    await server?.stop();
    await browser?.close();
  });

  const mark = (id: string) => page.locator(`.play-layer [data-play-sticky="${id}"]`);
  const countOf = async (id: string) =>
    Number(
      (await mark(id)
        .getAttribute('data-count', { timeout: 1000 })
        .catch(() => '0')) ?? 0,
    );

  it('starts every service, sends a command from the form, and shows the flow across contexts', async () => {
    await page.keyboard.press('Control+Alt+KeyP');
    const dock = page.getByRole('region', { name: 'Play' });
    await dock.waitFor();
    await shot(page, 'play-starting');
    await dock.getByText('Playing', { exact: true }).waitFor({ timeout: 150_000 });
    expect(await dock.locator('.service.state-running').count()).toBe(3);
    // Nothing lands among the board's files: the scratch folder is .stormbench/play/.
    expect((await readdir(folder)).sort()).toEqual(['.stormbench', BOARD]);
    expect(await readdir(join(folder, '.stormbench', 'play', 'order-fulfilment'))).toEqual(
      expect.arrayContaining(['data', 'services']),
    );

    await selectSticky(page, 'cmd-place-order');
    const form = page.getByRole('form', { name: 'Send Place order' });
    await form.waitFor();
    // Prefilled from the aggregate's scenario, with a fresh id for the order.
    expect(await form.getByRole('textbox', { name: 'customerId' }).inputValue()).toBe('c-1');
    expect(await form.getByRole('textbox', { name: 'total' }).inputValue()).toBe('42.5');
    const orderId = await form.getByRole('textbox', { name: 'orderId' }).inputValue();
    expect(orderId).toMatch(/^order-/);
    await shot(page, 'play-form');
    await form.getByRole('button', { name: 'Send Place order' }).click();
    const answer = page.getByRole('status', { name: 'Answer' });
    await answer.getByText('200 done').waitFor();
    expect(await answer.textContent()).toContain('Order placed at position 1');

    // "Order placed" lights up with its count, the policies fire in Payments and Shipping.
    await expect.poll(() => countOf('evt-order-placed'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => countOf('pol-charge'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => countOf('pol-ship'), { timeout: 20_000 }).toBe(1);
    expect(await countOf('evt-prepared')).toBe(1);
    const timeline = dock.locator('.timeline .entry');
    await expect.poll(() => timeline.count()).toBe(4);
    expect(await timeline.nth(1).textContent()).toMatch(
      /#2\s*Payments\s*Payment received.*policy Charge placed orders on #1/,
    );
    expect(await timeline.nth(3).textContent()).toMatch(
      /#4\s*Shipping\s*Shipment prepared.*policy Ship confirmed orders on #3/,
    );

    // The read models fill.
    await expect
      .poll(() => dock.locator('[data-read-model="PickList"]').textContent(), { timeout: 20_000 })
      .toContain('1 row');
    expect(await dock.locator('[data-read-model="PickList"] code').first().textContent()).toContain(orderId);
    await page.keyboard.press('Shift+Digit1');
    await page.waitForTimeout(500);
    await shot(page, 'play-flow');
  });

  it('explains a refused command and marks its sticky red', async () => {
    const form = page.getByRole('form', { name: 'Send Place order' });
    await form.getByRole('textbox', { name: 'total' }).fill('');
    await form.getByRole('textbox', { name: 'customerId' }).fill('');
    await form.getByRole('button', { name: 'Send Place order' }).click();
    const answer = page.getByRole('status', { name: 'Answer' });
    await answer.getByText('400 refused: the payload does not fit the schema').waitFor();
    expect(await answer.textContent()).toContain('missing the required property "total"');
    await expect.poll(() => mark('cmd-place-order').getAttribute('class'), { timeout: 20_000 }).toContain('refused');
    expect(await mark('cmd-place-order').textContent()).toContain('PlaceOrder refused (400)');
    await shot(page, 'play-refused');
  });

  it('replays the timeline step by step, each entry lighting its stickies', async () => {
    const dock = page.getByRole('region', { name: 'Play' });
    await dock.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect.poll(() => dock.locator('.timeline li.current').textContent()).toContain('#1');
    expect(await mark('evt-order-placed').getAttribute('class')).toContain('lit');
    expect(await countOf('evt-prepared')).toBe(0);
    await dock.getByRole('button', { name: 'Step forward' }).click();
    await expect.poll(() => dock.locator('.timeline li.current').textContent()).toContain('#2');
    expect(await mark('pol-charge').getAttribute('class')).toContain('lit');
    expect(await mark('evt-payment-received').getAttribute('class')).toContain('lit');
    await shot(page, 'play-replay');
    await dock.getByRole('button', { name: 'Back to live' }).click();
    await expect.poll(() => countOf('evt-prepared')).toBe(1);

    // Edit while playing: a new optional field on "Place order"; only Sales restarts, the log stays.
    await page.evaluate(() => {
      const store = (
        globalThis as unknown as {
          stormbenchApp: {
            store: {
              elementById: Map<string, { schema: { properties: object } }>;
              updateElement(id: string, patch: object, name: string): void;
            };
          };
        }
      ).stormbenchApp.store;
      const schema = store.elementById.get('cmd-place-order')!.schema;
      store.updateElement(
        'cmd-place-order',
        { schema: { ...schema, properties: { ...schema.properties, note: { type: 'string' } } } },
        'add note',
      );
    });
    await dock.getByRole('button', { name: 'Apply board changes' }).click();
    await page.getByText(/^Restarted sales with the change; the log is kept\.$/).waitFor({ timeout: 60_000 });
    await expect.poll(() => dock.locator('.service.state-running').count(), { timeout: 60_000 }).toBe(3);
    expect(await dock.locator('.timeline .entry').count()).toBe(4);
    await selectSticky(page, 'cmd-place-order');
    await page.getByRole('form', { name: 'Send Place order' }).getByRole('textbox', { name: 'note' }).waitFor();
    await shot(page, 'play-edited');

    await dock.getByRole('button', { name: 'Stop play' }).click();
    await dock.getByText('Play stopped', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await dock.locator('.service.state-running').count()).toBe(0);
  });
});
