import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoard } from '../../model/board/load.ts';
import { serializeBoard } from '../../model/board/serialize.ts';
import { appState, boardOf, inApp, ROOT, shot, viewSettledOn } from './driver.ts';
import { useApps } from './fixture.ts';
import { npmTest } from '../support/npm.ts';

const BOARD = 'order-fulfilment.storm.json';

describe('the generate dialog', () => {
  const apps = useApps();

  it('generates one context with a chosen response mode, shows progress and the result, and the service passes its own tests', async () => {
    const { folder, page } = await apps.start({ boards: [BOARD] });

    await page.keyboard.press('Control+Alt+KeyG');
    const dialog = page.getByRole('dialog', { name: 'Generate services' });
    await dialog.waitFor();
    // Every context is ticked at first, each with its preview; the user keeps Sales only.
    await expect.poll(() => dialog.getByRole('region', { name: /^Preview of / }).count(), { timeout: 30_000 }).toBe(3);
    await shot(page, 'generate-dialog-all');
    await dialog.getByRole('checkbox', { name: 'Payments' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Shipping' }).uncheck();
    expect(await dialog.getByRole('checkbox', { name: 'Sales' }).isChecked()).toBe(true);
    await dialog.getByRole('combobox', { name: 'Response mode of Sales' }).selectOption('accepted');
    // The mode is stored on the context, as one undo step, so board and service agree.
    expect((await boardOf(page)).contexts.find((c) => c.id === 'sales')).toMatchObject({
      service: { packageName: 'sales-service', responseMode: 'accepted' },
    });
    expect((await appState(page)).canUndo).toBe(true);

    const preview = dialog.getByRole('region', { name: 'Preview of Sales' });
    await preview.getByText('responds when accepted').waitFor();
    await expect.poll(() => dialog.getByRole('region', { name: /^Preview of / }).count()).toBe(1);
    await preview.getByText('services/sales-service/').waitFor();
    const row = preview.getByRole('row', { name: /src\/domain\/order\.ts/ });
    expect(await row.textContent()).toContain('new, yours from then on');
    expect(await preview.getByText(/\d+ files: \d+ new/).textContent()).toMatch(/^\d+ files: \d+ new$/);
    await preview
      .getByRole('list', { name: 'Needs a person in Sales' })
      .getByText(/pending/)
      .first()
      .waitFor();
    await shot(page, 'generate-dialog');

    // Every status line the dialog shows while it runs, to see the progress really was there.
    // (A string: this project's types have no DOM; the page has.)
    await page.evaluate(`(() => {
      const seen = (globalThis.progressSeen = []);
      new MutationObserver(() => {
        const text = document.querySelector('[aria-label="Progress"] [role="status"]')?.textContent?.trim();
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    await dialog.getByRole('button', { name: 'Generate the service' }).click();
    const result = dialog.getByRole('region', { name: 'Result of Sales' });
    await result.waitFor({ timeout: 60_000 });
    const seen = await inApp(page, (hooks) => hooks.progressSeen);
    expect(seen).toEqual(['Generating Sales (1 of 1)…', '1 of 1 service generated.']);
    expect(await dialog.getByRole('progressbar', { name: 'Services generated' }).getAttribute('value')).toBe('1');
    await result.getByText('sales-service is in services/sales-service/').waitFor();
    expect(await result.getByLabel('How to run Sales').textContent()).toBe(
      'cd services/sales-service\nnpm install\nnpm test\nnpm start',
    );
    expect(await result.getByText('On this machine:').textContent()).toContain(
      join(folder, 'services', 'sales-service'),
    );
    await result
      .getByRole('list', { name: 'Needs a person in Sales' })
      .getByText(/Scenario .* of Order is pending/)
      .first()
      .waitFor();
    await shot(page, 'generate-result');

    const service = join(folder, 'services', 'sales-service');
    expect(await readFile(join(service, 'src/generated/definition.ts'), 'utf8')).toContain('accepted');

    // Back to the choices: after the first run, the user's files are theirs and left alone.
    await writeFile(
      join(service, 'src/domain/order.ts'),
      `${await readFile(join(service, 'src/domain/order.ts'), 'utf8')}// my rule\n`,
    );
    await dialog.getByRole('button', { name: 'Back to the choices' }).click();
    await expect
      .poll(
        async () =>
          (await preview
            .getByRole('row', { name: /src\/domain\/order\.ts/ })
            .textContent()
            .catch(() => '')) ?? '',
        { timeout: 15_000 },
      )
      .toContain('yours, left alone');
    expect(await preview.getByRole('row', { name: /src\/generated\/definition\.ts/ }).textContent()).toContain(
      'unchanged',
    );
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    // The generated service's own tests pass (the workbench's dependencies stand in for npm install).
    await symlink(join(ROOT, 'node_modules'), join(service, 'node_modules'), 'dir');
    const run = await npmTest(service);
    expect(run.code, run.output.slice(-4000)).toBe(0);
    expect(run.output).toMatch(/# fail 0/);
  }, 420_000);

  it('lists what stops generation, and a click takes the user to the sticky', async () => {
    // Versions numbered 1, 5: the linter's error, which the generator refuses.
    const { page } = await apps.start({
      open: BOARD,
      prepare: async (folder) => {
        const loaded = parseBoard(await readFile(join(ROOT, 'examples', BOARD), 'utf8'));
        if (!loaded.ok) throw new Error(`${BOARD} does not load`);
        const event = loaded.board.elements.find((e) => e.id === 'evt-order-placed');
        if (event?.kind !== 'event' || !event.versions?.[1])
          throw new Error('"Order placed" has no second version to renumber.');
        event.versions[1].version = 5;
        await writeFile(join(folder, BOARD), serializeBoard(loaded.board));
      },
    });

    await inApp(page, (hooks) => hooks.stormbenchCommands.run('generate'));
    const dialog = page.getByRole('dialog', { name: 'Generate services' });
    await dialog.getByText('Nothing can be generated until').waitFor();
    expect(await dialog.getByRole('button', { name: /^Generate/ }).isDisabled()).toBe(true);

    // An output folder outside the board folder is refused, in words.
    const out = dialog.getByRole('textbox', { name: 'Output folder' });
    await out.fill('../elsewhere');
    await dialog.getByRole('alert').getByText('leads out of the board folder').waitFor();
    await out.fill('services');
    const problems = dialog.getByRole('list', { name: 'Problems that stop generation' });
    const item = problems.getByRole('button', { name: /Order placed/ }).first();
    await item.waitFor();
    // The link comes from the data (its code and stickies), not from its sentence.
    expect(await item.getAttribute('data-code')).toBe('event-version-gap');
    await shot(page, 'generate-refused');
    await item.click();
    await dialog.waitFor({ state: 'detached' });
    expect((await appState(page)).selection).toEqual(['evt-order-placed']);
    const sticky = page.locator('.svelte-flow__node[data-id="evt-order-placed"]');
    await sticky.waitFor();
    await viewSettledOn(page, ['evt-order-placed']);
    // Fitted in view: the whole sticky lies inside the canvas.
    const box = (await sticky.boundingBox())!;
    const pane = (await page.locator('.svelte-flow').boundingBox())!;
    expect(
      box.x >= pane.x &&
        box.y >= pane.y &&
        box.x + box.width <= pane.x + pane.width &&
        box.y + box.height <= pane.y + pane.height,
    ).toBe(true);
    await shot(page, 'generate-show-sticky');
  }, 120_000);

  it('says what to do on a board without bounded contexts', async () => {
    const { page } = await apps.start();
    await page.keyboard.press('Control+Alt+KeyG');
    const dialog = page.getByRole('dialog', { name: 'Generate services' });
    await dialog.getByText('The board has no bounded context yet.').waitFor();
    expect(await dialog.getByRole('region', { name: 'Preview' }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: /^Generate/ }).isDisabled()).toBe(true);
    await shot(page, 'generate-empty');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  }, 60_000);
});
