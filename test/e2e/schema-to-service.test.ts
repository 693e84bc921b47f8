import { readFile, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appState, elementOf, focusOn, node, ROOT, shot, waitForApp } from './driver.ts';
import { useApp } from './fixture.ts';
import { npmTest } from '../support/npm.ts';

/**
 * The whole story in one session, as a facilitator clicks it: an event gets a new version
 * in the field table, the verdict turns from compatible to breaking when the new field becomes
 * required (and back), the diff shows the saved step, the aggregate gets a scenario, and the
 * context becomes a service whose own tests pass. Each part has its own, finer test beside this
 * one (schema-editor, schema-diff, scenarios, generate-dialog); this one checks they fit together.
 */
const BOARD = 'order-fulfilment.storm.json';

async function versionsOf(page: Page, id: string) {
  return (await elementOf(page, id, 'event')).versions ?? [];
}

async function select(page: Page, ids: string[], id: string): Promise<void> {
  await focusOn(page, ids);
  await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
  await node(page, id).click();
  await waitForApp(page, (hooks, key) => hooks.stormbenchApp.store.selection.join() === key, id);
}

describe('from a schema change to a running service, inside the app', () => {
  const app = useApp({ boards: [BOARD] });

  beforeAll(async () => {
    await app.page.setViewportSize({ width: 1400, height: 900 });
  });

  it('evolves an event, sees why a change breaks readers, adds a scenario and generates a service that passes its tests', async () => {
    const { page, folder } = app;
    // 1. A new version of "Order placed" with a field added in the table.
    await select(page, ['evt-order-placed'], 'evt-order-placed');
    const dock = page.getByRole('region', { name: 'Schema dock' });
    await dock.getByRole('button', { name: 'New version', exact: true }).first().click();
    await dock.getByRole('textbox', { name: 'New field name' }).fill('channel');
    await dock.getByRole('button', { name: 'Add field' }).click();
    await dock.getByRole('textbox', { name: 'Note for version 3' }).fill('Where the order came from.');
    const verdict = dock.getByRole('region', { name: 'Verdict' });
    await verdict.locator('[data-verdict="compatible"]').waitFor();

    // 2. Required, it breaks BACKWARD: readers of v3 may reject events written with v2.
    await dock.getByRole('checkbox', { name: 'channel is required' }).check();
    await verdict.locator('[data-verdict="breaking"]').waitFor();
    expect(await verdict.textContent()).toContain('required property added');
    expect(await verdict.textContent()).toContain('Services that read v3, on events written with v2: may reject them');
    // The facilitator takes it back: optional, the step keeps the level, and is saved.
    await dock.getByRole('checkbox', { name: 'channel is required' }).uncheck();
    await verdict.locator('[data-verdict="compatible"]').waitFor();
    await dock.getByRole('button', { name: 'Save version 3', exact: true }).click();
    await expect
      .poll(async () => (await versionsOf(page, 'evt-order-placed')).map((v) => v.version))
      .toEqual([1, 2, 3]);
    const v3 = (await versionsOf(page, 'evt-order-placed')).at(-1)!.schema;
    if (typeof v3 === 'boolean') throw new Error('Version 3 was saved as a boolean schema.');
    expect(Object(v3.properties).channel).toEqual({ type: 'string' });
    expect(v3.required).not.toContain('channel');
    expect((await appState(page)).problems.filter((p) => p.rule === 'schema-history-breaks-level')).toEqual([]);

    // 3. The diff view, from the event: v2 against v3, the added line marked on the right.
    await dock.getByRole('button', { name: 'Compare versions' }).click();
    const diff = page.getByRole('dialog', { name: 'Compare versions' });
    await diff.waitFor();
    expect(await diff.getByRole('combobox', { name: 'Left' }).inputValue()).toBe('2');
    expect(await diff.getByRole('combobox', { name: 'Right' }).inputValue()).toBe('3');
    const added = diff.getByRole('button', { name: /keeps BACKWARD.*#\/properties\/channel/ });
    await added.click();
    await diff.locator('.row.mark-added.lit', { hasText: '"channel"' }).first().waitFor();
    await shot(page, 'flow-diff');
    await diff.getByRole('button', { name: 'Close' }).click();
    await diff.waitFor({ state: 'detached' });

    // 4. A scenario for the Order aggregate, from what is linked to it.
    await select(page, ['agg-order-1'], 'agg-order-1');
    const scenarios = page.getByRole('region', { name: 'Scenarios of Order' });
    await scenarios.getByRole('button', { name: '+ Add scenario' }).click();
    const name = scenarios.getByRole('textbox', { name: 'Scenario name' });
    await name.fill('a placed order can be cancelled');
    await name.press('Tab');
    await scenarios.getByRole('button', { name: '+ Given event' }).click();
    await scenarios.getByRole('combobox', { name: 'Given event 1' }).selectOption({ label: 'Order placed' });
    await scenarios.getByRole('combobox', { name: 'When command' }).selectOption({ label: 'Cancel order' });
    await scenarios.getByRole('button', { name: '+ Then event' }).click();
    await scenarios.getByRole('combobox', { name: 'Then event 1' }).selectOption({ label: 'Order cancelled' });
    const payload = scenarios.getByRole('textbox', { name: 'Payload of the command' });
    await payload.fill('{ "orderId": "o-7", "reason": "changed my mind" }');
    await scenarios.getByText('Matches Cancel order.').waitFor();
    await payload.press('Tab');
    await expect
      .poll(async () => (await elementOf(page, 'agg-order-1', 'aggregate')).scenarios?.at(-1))
      .toMatchObject({
        name: 'a placed order can be cancelled',
        when: { command: 'Cancel order', data: { orderId: 'o-7', reason: 'changed my mind' } },
      });

    // 5. Generate Sales; the scenario and version 3 are in the service, and its tests pass.
    await page.keyboard.press('Control+Alt+KeyG');
    const dialog = page.getByRole('dialog', { name: 'Generate services' });
    // With a sticky of Sales selected, the dialog offers Sales alone.
    await dialog.getByRole('region', { name: 'Preview of Sales' }).waitFor({ timeout: 30_000 });
    expect(await dialog.getByRole('checkbox', { name: 'Payments' }).isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Generate the service' }).click();
    const result = dialog.getByRole('region', { name: 'Result of Sales' });
    await result.waitFor({ timeout: 90_000 });
    await result.getByText('sales-service is in services/sales-service/').waitFor();
    await shot(page, 'flow-generated');

    const service = join(folder, 'services', 'sales-service');
    const generated = await readdir(join(service, 'src', 'generated'), { recursive: true });
    const texts = await Promise.all(
      generated
        .filter((f) => f.endsWith('.ts') || f.endsWith('.json'))
        .map((f) => readFile(join(service, 'src', 'generated', f), 'utf8').catch(() => '')),
    );
    expect(texts.some((t) => t.includes('channel'))).toBe(true);
    const tests = await readdir(join(service, 'test'), { recursive: true }).catch(() => [] as string[]);
    const testTexts = await Promise.all(
      tests.filter((f) => f.endsWith('.ts')).map((f) => readFile(join(service, 'test', f), 'utf8')),
    );
    expect(testTexts.some((t) => t.includes('a placed order can be cancelled'))).toBe(true);

    await symlink(join(ROOT, 'node_modules'), join(service, 'node_modules'), 'dir');
    const run = await npmTest(service);
    expect(run.code, run.output.slice(-4000)).toBe(0);
    expect(run.output).toMatch(/# fail 0/);
  }, 480_000);
});
