import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { shot } from './driver.ts';
import { useWorkshop } from './fixture.ts';
import { act, converged } from './workshop-driver.ts';

// Issue 16, item 3, as the people in a workshop see it: a save that fails is told on every page
// (it used to show only on the host's console), and a change the board format refuses is undone
// and told to the one who made it.

const BOARD = 'room.storm.json';

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

describe('workshop faults on the page', () => {
  const room = useWorkshop({ as: BOARD });
  let facilitator: Page;
  let ann: Page;

  beforeAll(async () => {
    facilitator = await room.open();
    ann = await room.open('Ann');
    await converged([facilitator, ann]);
  });

  it('tells every page that the host cannot save, and clears it once the host saves again', async () => {
    // A folder in the file's place: the host's atomic rename cannot replace it.
    await rm(join(room.folder, BOARD));
    await mkdir(join(room.folder, BOARD, 'inside'), { recursive: true });
    await act(ann, 'renameItem', 'hot-oat', 'Oat milk costs extra');
    for (const page of [facilitator, ann]) {
      const notice = page.getByRole('alert', { name: 'Saving' });
      await notice.waitFor();
      expect(await notice.textContent()).toBe(
        'The host could not save room.storm.json: a folder of that name is in the way of the file. It tries again every few seconds; your edits are kept in the session meanwhile.',
      );
    }
    await shot(facilitator, 'workshop-save-failed');
    await rm(join(room.folder, BOARD), { recursive: true });
    // The host retries on its own; nobody needs to edit again.
    await facilitator.getByRole('alert', { name: 'Saving' }).waitFor({ state: 'detached', timeout: 10_000 });
    await ann.getByRole('alert', { name: 'Saving' }).waitFor({ state: 'detached' });
    expect(await readFile(join(room.folder, BOARD), 'utf8')).toContain('Oat milk costs extra');
  });

  it('undoes a change the format refuses on every page, and tells only the page that made it', async () => {
    const width = await ann.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          stormbenchApp: {
            workshop: {
              session: {
                doc: {
                  getMap(n: string): { get(id: string): { get(k: string): number; set(k: string, v: unknown): void } };
                };
              };
            };
          };
        }
      ).stormbenchApp.workshop.session.doc;
      const sticky = doc.getMap('elements').get('agg-cup');
      const before = sticky.get('width');
      // What a hostile or broken client sends: the page's own commands never write this.
      sticky.set('width', -1);
      return before;
    });
    const notice = ann.getByRole('alert', { name: 'Your change' });
    await notice.waitFor();
    expect(await textOf(notice)).toBe(
      'The host undid your change, since the board file cannot hold it. The aggregate "Cup" (agg-cup) has "width" set to -1, which must be > 0. OK',
    );
    const board = JSON.parse(await converged([facilitator, ann])) as { elements: Array<{ id: string; width: number }> };
    expect(board.elements.find((e) => e.id === 'agg-cup')!.width).toBe(width);
    expect(await facilitator.getByRole('alert').count()).toBe(0);
    await shot(ann, 'workshop-change-refused');
    await notice.getByRole('button', { name: 'OK' }).click();
    await notice.waitFor({ state: 'detached' });
    for (const page of [facilitator, ann])
      expect((page as unknown as { stormbenchErrors: string[] }).stormbenchErrors).toEqual([]);
  });

  it("refuses a page's change that would take the board past 8 MB, and that page says so and offers a reload", async () => {
    // Rounds of 2.5 MB of new stickies (each message under the 4 MB a message may be).
    const rounds = await ann.evaluate(async () => {
      const app = (
        globalThis as unknown as {
          stormbenchApp: {
            workshop: {
              session: {
                status: string;
                doc: { transact(f: () => void): void; getMap(n: string): { set(k: string, v: unknown): void } };
              };
            };
          };
        }
      ).stormbenchApp;
      const session = app.workshop.session;
      const Y = (
        session.doc as unknown as { getMap(n: string): { constructor: new () => { set(k: string, v: unknown): void } } }
      ).getMap('elements').constructor;
      let round = 0;
      for (; round < 6 && session.status === 'live'; round++) {
        session.doc.transact(() => {
          for (let i = 0; i < 16; i++) {
            const sticky = new Y();
            for (const [k, v] of Object.entries({
              id: `big-${round}-${i}`,
              kind: 'event',
              name: `Big ${round}.${i}`,
              x: i * 200,
              y: 1_000 + round * 200,
              width: 160,
              height: 100,
              text: 'x'.repeat(150_000),
            }))
              sticky.set(k, v);
            session.doc.getMap('elements').set(`big-${round}-${i}`, sticky);
          }
        });
        await new Promise((r) => setTimeout(r, 1_000));
      }
      return round;
    });
    expect(rounds).toBeGreaterThan(2);
    const notice = ann.getByRole('alert', { name: 'Your change' });
    // The sentence comes first, then the close that turns OK into Reload.
    await notice.getByRole('button', { name: 'Reload' }).waitFor();
    expect(await textOf(notice)).toBe(
      'The host refused your change: it would make the board larger than 8 MB, the most a workshop holds. Reload this page to carry on with the board as the host has it, and delete something before adding more. Reload',
    );
    expect(await textOf(ann.getByRole('status', { name: 'Workshop' }).locator('.state'))).toBe('Disconnected');
    await shot(ann, 'workshop-board-too-large');
    // The others carry on, and the host still saves.
    expect(await facilitator.getByRole('alert').count()).toBe(0);
    await act(facilitator, 'renameItem', 'hot-oat', 'Still saving');
    const until = Date.now() + 5_000;
    while (!(await readFile(join(room.folder, BOARD), 'utf8')).includes('Still saving') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    expect(await readFile(join(room.folder, BOARD), 'utf8')).toContain('Still saving');
    // Reload: Ann is back, with the board as the host has it.
    await notice.getByRole('button', { name: 'Reload' }).click();
    await ann.waitForFunction(
      () =>
        (globalThis as unknown as { stormbenchApp?: { workshop?: { session?: { status: string } } } }).stormbenchApp
          ?.workshop?.session?.status === 'live',
    );
    await converged([facilitator, ann], 20_000);
  });
});
