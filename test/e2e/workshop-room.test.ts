import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { shot } from './driver.ts';
import { useWorkshop } from './fixture.ts';
import { act, converged, joinPage } from './workshop-driver.ts';

// Issue 17: what a facilitator meets in front of a room. A second tab on the plain address became
// a second facilitator unasked; New was refused with "open the app without the join link"; there
// was no way to stop hosting; a participant's page showed "Untitled board" and the file toolbar
// before joining; a participant's first sticky landed on another; Undo offered a refused change.

const BOARD = 'room.storm.json';

type Box = { id: string; x: number; y: number; width: number; height: number; name: string };
type App = {
  stormbenchApp: {
    ready: boolean;
    notice?: { text: string };
    store: {
      board: { elements: Box[] };
      canUndo: boolean;
      dirty: boolean;
      file?: string;
      live: boolean;
      readOnly: boolean;
      undo(): void;
    };
    flow: { viewCenter(): { x: number; y: number } };
    workshop?: { elsewhere?: boolean; session?: { status: string; refusal?: string } };
  };
  stormbenchCommands: { run(name: string): Promise<void> };
};
const app = <T>(page: Page, read: (a: App['stormbenchApp']) => T): Promise<T> =>
  page.evaluate(`(${read.toString()})(globalThis.stormbenchApp)`) as Promise<T>;

async function plainPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 800 }, acceptDownloads: true });
  page.setDefaultTimeout(10_000);
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as App).stormbenchApp?.ready === true);
  return page;
}

describe('a workshop in front of a room', () => {
  const room = useWorkshop({ as: BOARD });
  let facilitator: Page;
  let link: string;

  beforeAll(async () => {
    // Its own browser context, so that a second tab can share its cookies (but not its sessionStorage).
    const context = await room.browser.newContext({ viewport: { width: 1300, height: 800 } });
    facilitator = await context.newPage();
    facilitator.setDefaultTimeout(10_000);
    await facilitator.goto(room.url);
    await facilitator.waitForFunction(
      () => (globalThis as unknown as App).stormbenchApp?.workshop?.session?.status === 'live',
    );
    link = await facilitator.getByRole('textbox', { name: 'Join link' }).inputValue();
  });

  it('does not make a second tab on the plain address a second facilitator unasked', async () => {
    // A new tab of the same browser: same cookies, its own sessionStorage.
    const second = await facilitator.context().newPage();
    await second.goto(room.server.url);
    await second.waitForFunction(() => (globalThis as unknown as App).stormbenchApp?.ready === true);
    const notice = second.getByRole('alert', { name: 'Already hosting' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('This app is already hosting this workshop in another tab or window.');
    expect(await app(second, (a) => ({ joined: a.workshop?.session !== undefined, live: a.store.live }))).toEqual({
      joined: false,
      live: false,
    });
    expect(await second.getByRole('button', { name: 'New', exact: true }).count()).toBe(0);
    await shot(second, 'workshop-second-tab');
    // A reload of the facilitator's own tab goes straight back in.
    await facilitator.reload();
    await facilitator.waitForFunction(
      () => (globalThis as unknown as App).stormbenchApp?.workshop?.session?.status === 'live',
    );
    // The person may still choose to facilitate from the second tab.
    await second.getByRole('button', { name: 'Facilitate from this tab' }).click();
    await second.waitForFunction(
      () => (globalThis as unknown as App).stormbenchApp?.workshop?.session?.status === 'live',
    );
    await second.close();
  });

  it('shows a participant which workshop they join, not a file UI, and after joining no file actions', async () => {
    expect(link).toMatch(/\?join=[\w-]+&board=room\.storm\.json$/);
    const ann = await plainPage(room.browser, link);
    await ann.getByRole('heading', { name: 'room' }).waitFor();
    expect(await ann.getByText(`hosted at ${new URL(link).host}`).count()).toBe(1);
    expect(await ann.getByText('Untitled board').count()).toBe(0);
    expect(await ann.getByRole('toolbar', { name: 'Board' }).count()).toBe(0);
    await shot(ann, 'workshop-participant-before-joining');
    await ann.getByRole('textbox', { name: 'Display name' }).fill('Ann');
    await ann.getByRole('button', { name: 'Join' }).click();
    await ann.getByRole('status', { name: 'Workshop' }).waitFor();
    await converged([facilitator, ann]);
    const toolbar = ann.getByRole('toolbar', { name: 'Board' });
    for (const name of ['New', 'Open', 'Save', 'Save As', 'Generate…', 'Host a workshop'])
      expect(await toolbar.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    expect(await toolbar.getByRole('button', { name: 'Download a copy' }).count()).toBe(1);
    expect(await ann.getByText('workshop board, kept and saved by the host').count()).toBe(1);
    await shot(ann, 'workshop-participant-joined');
    await ann.close();
  });

  it("places a participant's first sticky in free space near the view centre, not on someone else's", async () => {
    const ann = await joinPage(room.browser, `${link}&name=Ann`);
    await converged([facilitator, ann]);
    // The facilitator's sticky sits exactly where the middle of Ann's view would put hers.
    const centre = await app(ann, (a) => a.flow.viewCenter());
    await act(facilitator, 'place', 'event', { x: centre.x - 80, y: centre.y - 50 }, 'In the middle');
    await converged([facilitator, ann]);
    await ann.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
    await ann.keyboard.press('e');
    await ann.keyboard.type('Ann was here');
    await ann.keyboard.press('Enter');
    const board = JSON.parse(await converged([facilitator, ann])) as { elements: Box[] };
    const mine = board.elements.find((e) => e.name === 'Ann was here')!;
    const overlapping = board.elements.filter(
      (e) =>
        e !== mine &&
        mine.x < e.x + e.width &&
        mine.x + mine.width > e.x &&
        mine.y < e.y + e.height &&
        mine.y + mine.height > e.y,
    );
    expect(overlapping.map((e) => e.name)).toEqual([]);
    expect(Math.hypot(mine.x + 80 - centre.x, mine.y + 50 - centre.y)).toBeLessThan(300);
    await ann.close();
  });

  it("takes a change the host refused off the sender's Undo", async () => {
    const bo = await joinPage(room.browser, `${link}&name=Bo`);
    await converged([facilitator, bo]);
    // A width the board file cannot hold, through the store as a broken command would write it.
    await act(bo, 'updateElement', 'agg-cup', { width: -1 });
    await bo.getByRole('alert', { name: 'Your change' }).waitFor();
    await converged([facilitator, bo]);
    // Bo's only change was refused: there is nothing to undo.
    expect(await app(bo, (a) => a.store.canUndo)).toBe(false);
    // A change the host kept stays undoable, with a refused one after it.
    await act(bo, 'renameItem', 'hot-oat', 'Renamed by Bo');
    await act(bo, 'updateElement', 'agg-cup', { height: -1 });
    await bo.waitForFunction(
      () => (globalThis as unknown as App).stormbenchApp.workshop?.session?.refusal?.includes('"height"') === true,
    );
    await converged([facilitator, bo]);
    await act(bo, 'undo');
    await bo.waitForFunction(
      () =>
        (globalThis as unknown as App).stormbenchApp.store.board.elements.find((e) => e.id === 'hot-oat')!.name !==
        'Renamed by Bo',
    );
    expect(await app(bo, (a) => a.store.canUndo)).toBe(false);
    await bo.close();
  });

  it("refuses New on the facilitator's page with a sentence that fits it", async () => {
    await facilitator.evaluate(() => (globalThis as unknown as App).stormbenchCommands.run('new'));
    expect(await app(facilitator, (a) => a.notice?.text)).toBe(
      'This page hosts the workshop on room.storm.json: press Stop hosting in the workshop bar first, then open or start another board.',
    );
  });

  it('stops hosting from the workshop bar: participants told and keep a copy, the host keeps the board', async () => {
    const ann = await joinPage(room.browser, `${link}&name=Ann`);
    await converged([facilitator, ann]);
    await act(ann, 'renameItem', 'hot-oat', 'Last word from Ann');
    await converged([facilitator, ann]);
    await facilitator.evaluate(() => (globalThis as unknown as App).stormbenchCommands.run('command-palette'));
    await facilitator.getByRole('combobox', { name: 'Find a command' }).fill('stop hosting');
    await facilitator.getByRole('listbox', { name: 'Commands' }).getByText('Stop hosting the workshop').waitFor();
    await shot(facilitator, 'workshop-host-palette-stop-hosting');
    await facilitator.keyboard.press('Escape');
    const stop = facilitator.getByRole('status', { name: 'Workshop' }).getByRole('button', { name: 'Stop hosting' });
    await shot(facilitator, 'workshop-host-stop-hosting');
    await stop.click();
    // One click asks first: it would end the workshop for the room. Keep hosting leaves it running.
    const confirm = facilitator.getByRole('group', { name: 'Stop hosting?' });
    expect(await confirm.textContent()).toContain('End the workshop for the participant?');
    await shot(facilitator, 'workshop-host-stop-confirm');
    await confirm.getByRole('button', { name: 'Keep hosting' }).click();
    expect(await app(ann, (a) => a.workshop?.session?.status)).toBe('live');
    await stop.click();
    await confirm.getByRole('button', { name: 'End for everyone' }).click();

    const ended = ann.getByRole('alert', { name: 'Workshop ended' });
    await ended.waitFor();
    expect(await ended.textContent()).toContain(
      'The facilitator ended the workshop; this page keeps the board as it was at the end (Download a copy saves it).',
    );
    // Ann had changes of her own; the board no longer takes any, so Undo is off too.
    expect(
      await app(ann, (a) => ({
        status: a.workshop?.session?.status,
        readOnly: a.store.readOnly,
        canUndo: a.store.canUndo,
      })),
    ).toEqual({ status: 'ended', readOnly: true, canUndo: false });
    const [download] = await Promise.all([
      ann.waitForEvent('download'),
      ended.getByRole('button', { name: 'Download a copy' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('room.storm.json');
    expect(await readFile((await download.path())!, 'utf8')).toContain('Last word from Ann');
    await shot(ann, 'workshop-participant-ended');

    await facilitator.getByRole('button', { name: 'Host a workshop' }).waitFor();
    expect(await facilitator.getByRole('status', { name: 'Workshop' }).count()).toBe(0);
    expect(
      await app(facilitator, (a) => ({
        live: a.store.live,
        dirty: a.store.dirty,
        file: a.store.file,
        workshop: a.workshop,
      })),
    ).toEqual({ live: false, dirty: false, file: BOARD });
    expect(await readFile(join(room.folder, BOARD), 'utf8')).toContain('Last word from Ann');
    expect(await app(facilitator, (a) => a.store.board.elements.find((e) => e.id === 'hot-oat')!.name)).toBe(
      'Last word from Ann',
    );
    await shot(facilitator, 'workshop-host-after-stopping');
    // The host's page is an ordinary app again: New works.
    await facilitator.evaluate(() => (globalThis as unknown as App).stormbenchCommands.run('new'));
    expect(await app(facilitator, (a) => a.notice?.text)).toBe('New board.');
  });
});
