import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../model/board/types.ts';
import { appState, elementOf, focusOn, inApp, node, ROOT, shot, waitForApp } from './driver.ts';
import { useApps } from './fixture.ts';

const BOARD = 'order-fulfilment.storm.json';
const run = promisify(execFile);

/** `stormbench check --json` on a file: its problems (the exit code is 1 when there are errors). */
async function check(file: string): Promise<Array<{ rule: string; severity: string; message: string }>> {
  const result = await run(process.execPath, [join(ROOT, 'bin', 'stormbench'), 'check', file, '--json']).catch(
    (error: { stdout: string }) => error,
  );
  const report = JSON.parse(result.stdout) as {
    boards: Array<{ problems: Array<{ rule: string; severity: string; message: string }> }>;
  };
  return report.boards.flatMap((b) => b.problems);
}

async function scenariosOf(page: Page, id: string): Promise<Scenario[]> {
  return (await elementOf(page, id, 'aggregate')).scenarios ?? [];
}

describe('the scenario editor in the schema dock', () => {
  const apps = useApps();

  async function openOrder(): Promise<{ folder: string; page: Page }> {
    const { folder, page } = await apps.start({ boards: [BOARD] });
    await page.setViewportSize({ width: 1400, height: 900 });
    // The second "Order" sticky: the scenarios sit on the first, and belong to both. Zoomed out,
    // the canvas draws the whole board without sticky nodes, so zoom in on it first.
    await focusOn(page, ['agg-order-1', 'agg-order-2']);
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await node(page, 'agg-order-2').click();
    await page.getByRole('heading', { name: 'Scenarios of Order (Sales)' }).waitFor();
    return { folder, page };
  }

  it('adds a scenario by clicking and typing, checks payloads live, and saves it in the documented format', async () => {
    const { folder, page } = await openOrder();
    const before = await check(join(folder, BOARD));
    const dock = page.getByRole('region', { name: 'Scenarios of Order' });
    await expect(dock.getByRole('button', { name: 'a paid order is confirmed' }).isVisible()).resolves.toBe(true);

    await dock.getByRole('button', { name: '+ Add scenario' }).click();
    const name = dock.getByRole('textbox', { name: 'Scenario name' });
    await expect(name.inputValue()).resolves.toBe('new scenario');
    await name.click();
    await name.press('Control+a');
    await page.keyboard.type('a placed order can be cancelled');
    await name.press('Tab');

    await dock.getByRole('button', { name: '+ Given event' }).click();
    await dock.getByRole('combobox', { name: 'Given event 1' }).selectOption({ label: 'Order placed' });
    await dock.getByRole('combobox', { name: 'When command' }).selectOption({ label: 'Cancel order' });
    await dock.getByRole('button', { name: '+ Then event' }).click();
    await dock.getByRole('combobox', { name: 'Then event 1' }).selectOption({ label: 'Order cancelled' });

    // The payloads start from the schemas, with the scenario's one id everywhere.
    let saved = (await scenariosOf(page, 'agg-order-1')).at(-1)!;
    expect(saved.name).toBe('a placed order can be cancelled');
    expect(saved.given).toEqual([{ event: 'Order placed', data: { orderId: 'order-1', customerId: '', total: 0 } }]);
    expect(saved.when).toEqual({ command: 'Cancel order', data: { orderId: 'order-1' } });
    expect(saved.then).toEqual([{ event: 'Order cancelled', data: expect.objectContaining({ orderId: 'order-1' }) }]);

    // Not JSON: said where, and nothing is saved.
    const payload = dock.getByRole('textbox', { name: 'Payload of the command' });
    await payload.click();
    await payload.press('Control+a');
    await page.keyboard.type('{ "orderId": "o-7", reason: "changed my mind" }');
    await dock.getByText('Not JSON at line 1, column 21: unexpected "reason"').waitFor();
    await payload.press('Tab');
    expect((await scenariosOf(page, 'agg-order-1')).at(-1)!.when.data).toEqual({ orderId: 'order-1' });
    await expect(
      dock
        .getByRole('button', { name: /a placed order can be cancelled/ })
        .getByTitle(/not saved/)
        .isVisible(),
    ).resolves.toBe(true);

    // JSON that fails the command's schema: the error names the path.
    await payload.fill('{ "orderId": "o-7", "reason": 42 }');
    await dock.getByText('"/reason" must be string').waitFor();
    await shot(page, 'scenario-editor-invalid');
    await payload.press('Tab');

    // Fixed: it matches, and the new id follows into the other payloads of the scenario.
    await payload.fill('{ "orderId": "o-7", "reason": "changed my mind" }');
    await dock.getByText('Matches Cancel order.').waitFor();
    await payload.press('Tab');
    saved = (await scenariosOf(page, 'agg-order-1')).at(-1)!;
    expect(saved.when.data).toEqual({ orderId: 'o-7', reason: 'changed my mind' });
    expect(saved.given![0]!.data).toMatchObject({ orderId: 'o-7' });
    expect(saved.then![0]!.data).toMatchObject({ orderId: 'o-7' });
    expect(await inApp(page, (hooks) => hooks.stormbenchApp.store.undoName)).toBe(
      'edit scenario "a placed order can be cancelled": edit payload',
    );

    // The given event's customer is still empty, which its schema allows; fill it anyway, by typing.
    const given = dock.getByRole('textbox', { name: 'Payload of given event 1' });
    await given.fill('{\n  "orderId": "o-7",\n  "customerId": "c-1",\n  "total": 10\n}');
    await given.press('Tab');
    await expect
      .poll(async () => (await scenariosOf(page, 'agg-order-1')).at(-1)!.given![0]!.data)
      .toMatchObject({ customerId: 'c-1' });
    await shot(page, 'scenario-editor');

    await page.keyboard.press('Control+s');
    await waitForApp(page, (hooks) => !hooks.stormbenchApp.store.dirty);
    const file = JSON.parse(await readFile(join(folder, BOARD), 'utf8')) as {
      elements: Array<{ id: string; scenarios?: Scenario[] }>;
    };
    expect(file.elements.find((e) => e.id === 'agg-order-2')!.scenarios).toBeUndefined();
    expect(file.elements.find((e) => e.id === 'agg-order-1')!.scenarios!.at(-1)).toEqual({
      name: 'a placed order can be cancelled',
      given: [{ event: 'Order placed', data: { orderId: 'o-7', customerId: 'c-1', total: 10 } }],
      when: { command: 'Cancel order', data: { orderId: 'o-7', reason: 'changed my mind' } },
      then: [{ event: 'Order cancelled', data: expect.objectContaining({ orderId: 'o-7' }) }],
    });

    const after = await check(join(folder, BOARD));
    const errors = (list: typeof before) => list.filter((p) => p.severity === 'error').map((p) => p.message);
    expect(errors(after)).toEqual(errors(before));
    expect(after.filter((p) => p.rule.startsWith('scenario-'))).toEqual([]);
    expect((await appState(page)).problems.filter((p) => p.rule.startsWith('scenario-'))).toEqual([]);
  });

  it('duplicates, reorders, switches to an expected error and deletes, each one undo step', async () => {
    const { page } = await openOrder();
    const dock = page.getByRole('region', { name: 'Scenarios of Order' });
    const names = async () => (await scenariosOf(page, 'agg-order-1')).map((s) => s.name);
    const undo = () => inApp(page, (hooks) => hooks.stormbenchApp.store.undo());

    await dock.getByRole('button', { name: 'an order can be placed' }).click();
    await dock.getByRole('button', { name: 'Duplicate scenario' }).click();
    expect(await names()).toEqual([
      'an order can be placed',
      'an order can be placed (copy)',
      'a paid order is confirmed',
      'a confirmed order cannot be cancelled',
    ]);
    // A blank name is refused with a reason, and the field shows the name that was kept.
    const name = dock.getByRole('textbox', { name: 'Scenario name' });
    await name.fill('  ');
    await name.press('Tab');
    await dock
      .getByText(
        'A scenario needs a name (the generated test is called by it); it is still "an order can be placed (copy)".',
      )
      .waitFor();
    await expect(name.inputValue()).resolves.toBe('an order can be placed (copy)');
    // Text that is not JSON yet stays with its scenario while the list moves around it.
    const payload = dock.getByRole('textbox', { name: 'Payload of the command' });
    const savedText = await payload.inputValue();
    await payload.fill('{ "orderId": ');
    await payload.press('Tab');
    await dock.getByRole('button', { name: 'Move scenario down' }).click();
    await dock.getByRole('button', { name: 'Move scenario down' }).click();
    expect(await names()).toEqual([
      'an order can be placed',
      'a paid order is confirmed',
      'a confirmed order cannot be cancelled',
      'an order can be placed (copy)',
    ]);
    await expect(
      dock
        .getByRole('button', { name: /\(copy\)/ })
        .getByTitle(/not saved/)
        .isVisible(),
    ).resolves.toBe(true);
    await expect(payload.inputValue()).resolves.toBe('{ "orderId": ');
    // It outlives the dock: select nothing, then the aggregate again.
    await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await dock.waitFor({ state: 'detached' });
    await node(page, 'agg-order-1').click();
    await dock.getByRole('button', { name: /\(copy\)/ }).click();
    await expect(payload.inputValue()).resolves.toBe('{ "orderId": ');
    await dock.getByRole('button', { name: 'an order can be placed', exact: true }).click();
    await expect(payload.inputValue()).resolves.toBe(savedText);
    await dock.getByRole('button', { name: /\(copy\)/ }).click();
    // Typing the saved text back leaves nothing to save.
    await payload.fill(savedText);
    await payload.press('Tab');
    await expect(dock.getByTitle(/not saved/).count()).resolves.toBe(0);
    await expect(dock.getByRole('button', { name: 'Move scenario down' }).isDisabled()).resolves.toBe(true);

    // Then and an expected error exclude each other; switching back brings the events back.
    await dock.getByRole('radio', { name: 'Expected error' }).check();
    let copy = (await scenariosOf(page, 'agg-order-1'))[3]!;
    expect(copy.then).toBeUndefined();
    expect(copy.thenError).toBe('');
    await dock.getByText('Write the error Order refuses the command with.').waitFor();
    await dock.getByRole('textbox', { name: 'Expected error message' }).fill('already placed');
    await dock.getByRole('textbox', { name: 'Expected error message' }).press('Tab');
    expect((await scenariosOf(page, 'agg-order-1'))[3]!.thenError).toBe('already placed');
    await dock.getByRole('radio', { name: 'Then events' }).check();
    copy = (await scenariosOf(page, 'agg-order-1'))[3]!;
    expect(copy.thenError).toBeUndefined();
    expect(copy.then!.map((t) => t.event)).toEqual(['Order placed']);

    await dock.getByRole('button', { name: 'Delete scenario' }).click();
    expect(await names()).toEqual([
      'an order can be placed',
      'a paid order is confirmed',
      'a confirmed order cannot be cancelled',
    ]);
    // Delete, the two outcome switches, the error text, two moves, the duplicate: seven steps back.
    for (let i = 0; i < 3; i++) await undo();
    expect((await scenariosOf(page, 'agg-order-1'))[3]!.thenError).toBe('');
    for (let i = 0; i < 4; i++) await undo();
    expect(await names()).toEqual([
      'an order can be placed',
      'a paid order is confirmed',
      'a confirmed order cannot be cancelled',
    ]);
    expect((await appState(page)).canUndo).toBe(false);
  });

  it("shows an unknown event of a scenario from the file, with the linter's fix, and offers the real ones", async () => {
    const { page } = await openOrder();
    const scenarios = await scenariosOf(page, 'agg-order-1');
    const patch = {
      scenarios: [{ ...scenarios[0]!, then: [{ event: 'Order lost', data: {} }] }, ...scenarios.slice(1)],
    };
    await inApp(page, (hooks, p) => hooks.stormbenchApp.store.updateElement('agg-order-1', p, 'test'), patch);
    const dock = page.getByRole('region', { name: 'Scenarios of Order' });
    await dock.getByRole('button', { name: /an order can be placed/ }).click();
    const select = dock.getByRole('combobox', { name: 'Then event 1' });
    await expect(select.inputValue()).resolves.toBe('\u0000unknown');
    await dock.getByText('names the event "Order lost" in "then", but the context has no such event.').waitFor();
    await shot(page, 'scenario-editor-unknown');
    await select.selectOption({ label: 'Order placed' });
    expect((await scenariosOf(page, 'agg-order-1'))[0]!.then![0]!.event).toBe('Order placed');
  });

  it('leaves everything as it is while the facilitator has locked the board', async () => {
    const { page } = await openOrder();
    // A stand-in for a workshop session whose facilitator locked the board.
    await inApp(page, (hooks) =>
      hooks.stormbenchApp.store.bindLive({
        push() {},
        undo() {},
        redo() {},
        canUndo: false,
        canRedo: false,
        readOnly: true,
      }),
    );
    const dock = page.getByRole('region', { name: 'Scenarios of Order' });
    await dock.getByText('The facilitator locked the board: scenarios are read-only.').waitFor();
    await expect(dock.getByRole('button', { name: '+ Add scenario' }).isDisabled()).resolves.toBe(true);
    await expect(dock.getByRole('combobox', { name: 'When command' }).isDisabled()).resolves.toBe(true);
    const payload = dock.getByRole('textbox', { name: 'Payload of the command' });
    await expect(payload.getAttribute('readonly')).resolves.not.toBeNull();
    const before = await scenariosOf(page, 'agg-order-1');
    await payload.click();
    await page.keyboard.type('{}');
    await payload.press('Tab');
    expect(await scenariosOf(page, 'agg-order-1')).toEqual(before);
  });

  it('starts an aggregate without scenarios from an empty state, offering what is linked to it first', async () => {
    const sticky = (id: string, kind: string, name: string, x: number, y: number) => ({
      id,
      kind,
      name,
      context: 'core',
      x,
      y,
      width: 160,
      height: 100,
    });
    const board = {
      format: 'stormbench.board',
      formatVersion: 1,
      name: 'Shop',
      contexts: [{ id: 'core', name: 'Core', x: 0, y: 0, width: 900, height: 500 }],
      elements: [
        sticky('c-audit', 'command', 'Audit order', 40, 300),
        sticky('c-ship', 'command', 'Ship order', 40, 60),
        { ...sticky('a', 'aggregate', 'Order', 300, 60), height: 160 },
        sticky('e-audited', 'event', 'Order audited', 560, 300),
        sticky('e-shipped', 'event', 'Order shipped', 560, 60),
      ],
      links: [
        { id: 'l1', from: 'c-ship', to: 'a' },
        { id: 'l2', from: 'a', to: 'e-shipped' },
      ],
    };
    const { page } = await apps.start({
      open: 'shop.storm.json',
      prepare: (folder) => writeFile(join(folder, 'shop.storm.json'), JSON.stringify(board)),
    });
    await page.setViewportSize({ width: 1400, height: 900 });
    await node(page, 'a').click();
    const dock = page.getByRole('region', { name: 'Scenarios of Order' });
    await dock.getByText('No scenarios yet.', { exact: false }).waitFor();
    await shot(page, 'scenario-editor-empty');
    await dock.getByRole('button', { name: '+ Add scenario' }).click();
    const when = dock.getByRole('combobox', { name: 'When command' });
    expect(
      await when
        .locator('optgroup')
        .evaluateAll((groups) =>
          groups.map((g) => [g.getAttribute('label'), [...g.querySelectorAll('option')].map((o) => o.textContent)]),
        ),
    ).toEqual([
      ['Handled by Order', ['Ship order']],
      ['Not handled by Order (the generator refuses these)', ['Audit order']],
    ]);
    await dock.getByRole('button', { name: '+ Then event' }).click();
    expect(await dock.getByRole('combobox', { name: 'Then event 1' }).locator('option:checked').textContent()).toBe(
      'Order shipped',
    );
    // Events keep the order they are given in; the second can move before the first.
    await dock.getByRole('button', { name: '+ Then event' }).click();
    await dock.getByRole('combobox', { name: 'Then event 2' }).selectOption({ label: 'Order audited' });
    await dock.getByRole('button', { name: 'Move then event 2 up' }).click();
    expect((await scenariosOf(page, 'a'))[0]!.then!.map((t) => t.event)).toEqual(['Order audited', 'Order shipped']);
    await dock.getByRole('button', { name: 'Remove then event 1' }).click();
    // Picking a command the aggregate does not handle: the linter's warning says what to draw.
    await when.selectOption({ label: 'Audit order' });
    await dock.getByText('which the board does not link to this aggregate.', { exact: false }).waitFor();
    await shot(page, 'scenario-editor-unlinked');
    expect(await scenariosOf(page, 'a')).toEqual([
      {
        name: 'new scenario',
        given: [],
        when: { command: 'Audit order', data: { orderId: 'order-1' } },
        then: [{ event: 'Order shipped', data: { orderId: 'order-1' } }],
      },
    ]);
  });
});
