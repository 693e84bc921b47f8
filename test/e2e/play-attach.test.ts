import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFulfilment, post, startService, stopAllServices } from '../nats/service-process.ts';
import { selectSticky, shot } from './driver.ts';
import { startApp, type RunningApp } from './fixture.ts';

// Issue 18, item 4 in the app: "Attach to a running service…" shows a deployment started by hand
// (the order-fulfilment services on one SQLite log) in the play view, read-only.
describe('attach to a running service from the app', () => {
  let app: RunningApp;
  let sales: string;
  let logPath: string;

  beforeAll(async () => {
    const generated = await generateFulfilment();
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-attach-e2e-'));
    logPath = join(dataDir, 'log.db');
    const env = { dataDir, log: `sqlite:${logPath}` };
    const [a] = await Promise.all([
      startService(generated.dirs.sales, env),
      startService(generated.dirs.payments, env),
      startService(generated.dirs.shipping, env),
    ]);
    sales = a.url;
    app = await startApp({ boards: ['order-fulfilment.storm.json'] });
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await stopAllServices();
  });

  const mark = (id: string) => app.page.locator(`.play-layer [data-play-sticky="${id}"]`);
  const countOf = async (id: string) =>
    Number(
      (await mark(id)
        .getAttribute('data-count', { timeout: 1000 })
        .catch(() => '0')) ?? 0,
    );

  it('refuses a path that is no log, then shows the counts, lags and refusals of the deployment', async () => {
    const { page } = app;
    await page.keyboard.press('Control+Alt+Shift+KeyP');
    const dialog = page.getByRole('dialog', { name: 'Attach to a running service' });
    const input = dialog.getByRole('textbox', { name: 'Log to attach to' });
    await input.fill('no/such/log.db');
    await dialog.getByRole('button', { name: 'Attach' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/^There is no log at .*no\/such\/log\.db; give the path/)
      .waitFor();
    await input.fill(logPath);
    await dialog.getByRole('button', { name: 'Attach' }).click();
    await dialog.waitFor({ state: 'detached' });
    const dock = page.getByRole('region', { name: 'Play' });
    await dock.getByText('Attached', { exact: true }).waitFor();
    await dock.getByText(logPath).waitFor();

    expect(
      (await post(sales, '/commands/place-order', { orderId: 'o-e2e', customerId: 'c-1', total: 12 })).status,
    ).toBe(200);
    expect((await post(sales, '/commands/place-order', { orderId: 'o-bad' })).status).toBe(400);
    await expect.poll(() => countOf('evt-order-placed'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => countOf('pol-charge'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => countOf('pol-ship'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => countOf('cmd-place-order'), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => dock.locator('.timeline .entry').count(), { timeout: 20_000 }).toBe(4);
    expect(await dock.locator('.timeline .entry').nth(1).textContent()).toMatch(
      /#2\s*Payments\s*Payment received.*policy Charge placed orders on #1/,
    );
    await expect.poll(() => mark('cmd-place-order').getAttribute('class'), { timeout: 20_000 }).toContain('refused');
    await expect.poll(() => dock.locator('[data-lag]').count(), { timeout: 20_000 }).toBe(6);
    await expect
      .poll(() => dock.getByRole('list', { name: 'Consumer lag' }).textContent(), { timeout: 20_000 })
      .toMatch(/^(?!.*[1-9]\d* behind).*$/s);
    // Read-only: no form for a command sticky, no Apply.
    await selectSticky(page, 'cmd-place-order');
    await dock.getByText('Attached to a running deployment, read-only: nothing is sent.').waitFor();
    expect(await page.getByRole('form', { name: 'Send Place order' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Digit1');
    await page.waitForTimeout(500);
    await shot(page, 'play-attach');

    await dock.getByRole('button', { name: 'Detach' }).click();
    await dock.getByText('Play stopped', { exact: true }).waitFor();
    // The deployment runs on.
    expect(
      (await post(sales, '/commands/place-order', { orderId: 'o-after', customerId: 'c-1', total: 3 })).status,
    ).toBe(200);
  });
});
