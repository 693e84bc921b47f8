import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appState, elementOf, inApp, selectSticky, shot } from './driver.ts';
import { useApp } from './fixture.ts';

/** The name of the store's last change. */
function lastChange(page: Page): Promise<string> {
  return inApp(page, (hooks) => hooks.stormbenchApp.store.lastChange);
}

/** The JSON editor's text, line by line as CodeMirror draws it (a schema this short is drawn whole). */
async function jsonText(editor: Locator): Promise<string> {
  return (await editor.locator('.cm-line').allTextContents()).join('\n');
}

describe('the schema dock', () => {
  const app = useApp({ boards: ['order-fulfilment.storm.json'] });

  beforeAll(async () => {
    await app.page.setViewportSize({ width: 1400, height: 900 });
  });

  it('adds a field to an event as a new version and shows the verdict go from compatible to breaking', async () => {
    const { page } = app;
    // A second sticky of the same event: the dock edits the history on the first one.
    await selectSticky(page, 'evt-order-placed-p');
    const dock = page.getByRole('region', { name: 'Schema dock' });
    const versions = dock.getByRole('navigation', { name: 'Versions of Order placed' });
    await expect(versions.textContent()).resolves.toContain('2026-06-15');
    await expect(versions.textContent()).resolves.toContain(
      'Orders from Sweden: the currency is no longer always EUR.',
    );
    await expect(
      dock.getByRole('combobox', { name: 'Compatibility level of Order placed' }).inputValue(),
    ).resolves.toBe('BACKWARD');
    // Saved versions are read-only.
    await expect(dock.getByRole('textbox', { name: 'Name of currency' }).isDisabled()).resolves.toBe(true);

    await dock.getByRole('button', { name: 'New version', exact: true }).first().click();
    const verdict = dock.getByRole('region', { name: 'Verdict' });
    await verdict.getByText('no change from version 2 yet').waitFor();

    // The facilitator adds the field in the table, as a domain expert would.
    await dock.getByRole('textbox', { name: 'New field name' }).fill('channel');
    await dock.getByRole('button', { name: 'Add field' }).click();
    await dock.getByRole('textbox', { name: 'Name of channel' }).waitFor();
    await dock.getByRole('textbox', { name: 'Note for version 3' }).fill('Where the order came from.');
    await verdict.locator('[data-verdict="compatible"]').waitFor();
    await expect(verdict.textContent()).resolves.toContain('"channel"');

    // The JSON view shows the same schema.
    await dock.getByRole('tab', { name: /^JSON/ }).click();
    const json = dock.getByRole('textbox', { name: 'JSON Schema of Order placed v3 (draft)' });
    await expect.poll(async () => JSON.parse(await jsonText(json)).properties.channel).toEqual({ type: 'string' });
    await dock.getByRole('tab', { name: 'Fields' }).click();

    await dock.getByRole('checkbox', { name: 'channel is required' }).check();
    await verdict.locator('[data-verdict="breaking"]').waitFor();
    // What a person reads: the template's line breaks inside the sentence collapse to spaces.
    await expect(verdict.innerText()).resolves.toMatch(/Breaking.*1 difference breaks BACKWARD/);
    await expect(verdict.textContent()).resolves.toContain(
      'Services that read v3, on events written with v2: may reject them',
    );
    await expect(verdict.textContent()).resolves.toContain(
      'Services still reading v2, on events that v3 writers send: fine',
    );
    await shot(page, 'schema-version-verdict');

    // The example carried over from version 2 lacks the new required field, and says so.
    await dock.getByRole('tab', { name: 'Examples' }).click();
    await dock
      .getByRole('alert')
      .filter({ hasText: 'the payload is missing the required property "channel".' })
      .waitFor();
    await dock.getByRole('button', { name: 'Add example' }).click();
    await expect
      .poll(async () => JSON.parse(await dock.getByRole('textbox', { name: 'Example 2' }).inputValue()))
      .toMatchObject({ orderId: '', channel: '', currency: 'EUR' });
    const example = dock.getByRole('textbox', { name: 'Example 2' });
    await example.fill('{"orderId": "o-3", "customerId": "c-1", "total": "12", "channel": "web"}');
    await dock.getByRole('alert').filter({ hasText: '"/total" must be number.' }).waitFor();
    await dock.getByRole('tab', { name: /^Verdict/ }).click();

    // The level is the event's own choice: under FORWARD the same change keeps it.
    const level = dock.getByRole('combobox', { name: 'Compatibility level of Order placed' });
    await level.selectOption('FORWARD');
    await verdict.locator('[data-verdict="compatible"]').waitFor();
    expect((await elementOf(page, 'evt-order-placed', 'event')).compatibility).toBe('FORWARD');
    await level.selectOption('BACKWARD');
    await verdict.locator('[data-verdict="breaking"]').waitFor();

    // Nothing is on the board yet; saving a breaking version takes a second, explicit click.
    expect((await elementOf(page, 'evt-order-placed', 'event')).versions).toHaveLength(2);
    await dock.getByRole('button', { name: 'Save version 3', exact: true }).click();
    await dock.getByRole('alert').filter({ hasText: 'Saving it anyway is your explicit choice' }).waitFor();
    expect((await elementOf(page, 'evt-order-placed', 'event')).versions).toHaveLength(2);
    await dock.getByRole('button', { name: 'Save version 3 anyway' }).click();

    const saved = (await elementOf(page, 'evt-order-placed', 'event')).versions!;
    expect((await elementOf(page, 'evt-order-placed-p', 'event')).versions).toBeUndefined();
    expect(saved.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(saved[2]).toMatchObject({ note: 'Where the order came from.', date: new Date().toISOString().slice(0, 10) });
    const schema = saved[2]!.schema;
    if (typeof schema === 'boolean') throw new Error('Version 3 was saved as a boolean schema.');
    expect(schema.required).toEqual(['orderId', 'customerId', 'total', 'channel']);
    expect(saved[2]!.examples).toEqual([
      { orderId: 'o-2', customerId: 'c-7', total: 3, currency: 'SEK' },
      { orderId: 'o-3', customerId: 'c-1', total: '12', channel: 'web' },
    ]);
    expect(Object.keys(Object(schema.properties))).toEqual(['orderId', 'customerId', 'total', 'currency', 'channel']);
    expect(await lastChange(page)).toBe('save version 3 of "Order placed" although it breaks BACKWARD');
    const problems = (await appState(page)).problems.filter(
      (p) => p.rule === 'schema-history-breaks-level' && p.elementId === 'evt-order-placed',
    );
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining(
        'from version 2 to version 3: REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL at #/properties/channel',
      ),
    ]);
    await page
      .getByRole('region', { name: 'Problems' })
      .getByText('breaks its BACKWARD compatibility from version 2 to version 3')
      .waitFor();
    await expect(versions.textContent()).resolves.toContain('Where the order came from.');

    // One undo step takes the whole version back, and the linter's problem with it.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    expect((await elementOf(page, 'evt-order-placed', 'event')).versions).toHaveLength(2);
    expect(
      (await appState(page)).problems.some(
        (p) => p.rule === 'schema-history-breaks-level' && p.elementId === 'evt-order-placed',
      ),
    ).toBe(false);

    // Alt+J hides the dock for a bigger canvas, and brings it back.
    await page.keyboard.press('Alt+KeyJ');
    await dock.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Show the schema of Order placed (Alt+J)' }).click();
    await dock.waitFor();
  });

  it('keeps invalid JSON in the editor, underlined, and off the board', async () => {
    const { page } = app;
    await selectSticky(page, 'cmd-place-order');
    const dock = page.getByRole('region', { name: 'Schema dock' });
    const before = await elementOf(page, 'cmd-place-order', 'command');
    const json = dock.getByRole('textbox', { name: 'JSON Schema of Place order' });
    if (!(await json.isVisible())) await dock.getByRole('tab', { name: /^JSON/ }).click();
    await json.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(
      '{\n  "type": "object",\n  "properties": {\n    "orderId": {"type": "string"\n  }\n}',
    );
    await dock.locator('.cm-lintRange-error').first().waitFor();
    await dock
      .getByRole('alert')
      .filter({ hasText: /Not JSON at line 6, column \d+: a closing \} was expected\./ })
      .waitFor();
    // Leaving the editor does not apply it either; selecting another sticky and coming back
    // finds the unfinished text where it was.
    // (the editor publishes its text on leaving it, at once: to the status line, and to the board if valid)
    await dock.getByText('the payload the command carries').click();
    expect(await elementOf(page, 'cmd-place-order', 'command')).toEqual(before);
    await selectSticky(page, 'cmd-cancel-order');
    await selectSticky(page, 'cmd-place-order');
    if (!(await json.isVisible())) await dock.getByRole('tab', { name: /^JSON/ }).click();
    expect(await jsonText(json)).toContain('"orderId": {"type": "string"\n  }');
    await dock
      .getByRole('alert')
      .filter({ hasText: /Not JSON at line 6/ })
      .waitFor();
    expect(await elementOf(page, 'cmd-place-order', 'command')).toEqual(before);

    // Valid JSON that is no JSON Schema is refused too, at the keyword at fault.
    await json.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText('{"type": "object", "properties": {"total": {"type": "numbr"}}}');
    // The alert is the editor's publication after the pause in typing, the moment a valid text would reach the board.
    await dock
      .getByRole('alert')
      .filter({
        hasText: 'Not a valid JSON Schema: #/properties/total/type must be equal to one of the allowed values.',
      })
      .waitFor();
    expect(await elementOf(page, 'cmd-place-order', 'command')).toEqual(before);
    await dock.getByRole('button', { name: 'Revert to the saved schema' }).click();
    await expect.poll(async () => JSON.parse(await jsonText(json))).toEqual(before.schema);

    // A valid edit in JSON is one named undo step, and the table follows it.
    await json.click();
    await page.keyboard.press('Control+a');
    const schema = before.schema;
    if (typeof schema !== 'object') throw new Error('Place order has no schema object to edit.');
    const edited = {
      ...schema,
      properties: { ...Object(schema.properties), note: { type: 'string', description: 'For the warehouse' } },
    };
    await page.keyboard.insertText(JSON.stringify(edited, null, 2));
    await expect.poll(async () => (await elementOf(page, 'cmd-place-order', 'command')).schema).toEqual(edited);
    expect(await lastChange(page)).toBe('edit the schema as JSON in the schema of "Place order"');
    if (!(await dock.getByRole('textbox', { name: 'Name of note' }).isVisible()))
      await dock.getByRole('tab', { name: 'Fields' }).click();
    await expect(dock.getByRole('textbox', { name: 'Description of note' }).inputValue()).resolves.toBe(
      'For the warehouse',
    );
    await dock.getByRole('checkbox', { name: 'note is required' }).check();
    expect(await lastChange(page)).toBe('make "note" required in the schema of "Place order"');
    await shot(page, 'schema-editor');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    expect(await elementOf(page, 'cmd-place-order', 'command')).toEqual(before);
    await expect.poll(async () => JSON.parse(await jsonText(json))).toEqual(before.schema);
  });

  it('is read-only while the facilitator locks the board, and resizes by its edge', async () => {
    const { page } = app;
    await selectSticky(page, 'evt-payment-received');
    const dock = page.getByRole('region', { name: 'Schema dock' });
    // Someone else saves version 4 while this draft is open: the draft moves on to version 5.
    await dock.getByRole('button', { name: 'New version', exact: true }).click();
    const { versions = [] } = await elementOf(page, 'evt-payment-received', 'event');
    await inApp(
      page,
      (hooks, patch) => hooks.stormbenchApp.store.updateElement('evt-payment-received', patch, 'remote save'),
      { versions: [...versions, { version: 4, schema: versions.at(-1)!.schema }] },
    );
    await dock
      .getByText('Version 4 was saved meanwhile: this draft becomes version 5 and is judged against it.')
      .waitFor();
    await dock.getByRole('button', { name: 'Save version 5', exact: true }).waitFor();
    await dock.getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    expect((await elementOf(page, 'evt-payment-received', 'event')).versions).toHaveLength(3);

    await dock.getByRole('button', { name: 'New version', exact: true }).waitFor();
    // A stand-in for a locked workshop session: the store asks its live binding whether it may write.
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
    await dock.getByText('Locked: read-only').waitFor();
    expect(await dock.getByRole('button', { name: 'New version', exact: true }).count()).toBe(0);
    await expect(
      dock.getByRole('combobox', { name: 'Compatibility level of Payment received' }).isDisabled(),
    ).resolves.toBe(true);
    await expect(dock.getByRole('textbox', { name: 'Example 1' }).getAttribute('readonly')).resolves.not.toBeNull();
    await selectSticky(page, 'cmd-charge');
    await expect(dock.getByRole('textbox', { name: 'Name of orderId' }).isDisabled()).resolves.toBe(true);
    expect(await dock.getByRole('button', { name: 'Add field' }).count()).toBe(0);
    await inApp(page, (hooks) => hooks.stormbenchApp.store.bindLive(undefined));
    await expect(dock.getByRole('textbox', { name: 'Name of orderId' }).isDisabled()).resolves.toBe(false);

    const grip = dock.getByRole('separator', { name: 'Drag to resize the schema dock' });
    const before = (await dock.boundingBox())!;
    const at = (await grip.boundingBox())!;
    const y = at.y + at.height / 2;
    await page.mouse.move(at.x + 200, y);
    await page.mouse.down();
    await page.mouse.move(at.x + 200, y - 60, { steps: 4 });
    await page.mouse.move(at.x + 200, y - 120, { steps: 4 });
    await page.mouse.up();
    const after = (await dock.boundingBox())!;
    expect(Math.round(after.height - before.height)).toBe(120);
  });
});
