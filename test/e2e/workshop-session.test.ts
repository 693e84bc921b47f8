import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseBoard } from '../../model/board/load.ts';
import { shot } from './driver.ts';
import { useWorkshop } from './fixture.ts';
import { act, boardText, converged, joinPage, sessionOf, startWorkshop, waitFor } from './workshop-driver.ts';

type Board = { elements: Array<{ id: string; name: string; x: number }>; links: unknown[] };
const BOARD = 'room.storm.json';

function rawClient(url: string): Promise<{ ws: WebSocket; closed: Promise<number> } | { refused: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    ws.once('error', () => resolve({ refused: -1 }));
    ws.once('open', () => resolve({ ws, closed: new Promise((done) => ws.once('close', (code) => done(code))) }));
  });
}

describe('workshop sessions', () => {
  const room = useWorkshop({ as: BOARD });
  let pages: Page[] = [];

  beforeAll(async () => {
    pages = [await room.open(), await room.open('Ann'), await room.open('Bo')];
  });

  it('three pages see one board, and each other', async () => {
    const original = await converged(pages);
    expect(JSON.parse(original).elements.length).toBeGreaterThan(0);
    await waitFor(
      async () => (await sessionOf(pages[0]!)).peers.join() === 'Ann,Bo',
      'the facilitator to see Ann and Bo',
    );
    expect((await sessionOf(pages[1]!)).peers).toEqual(['Bo', 'Facilitator']);
  });

  it('concurrent edits of different and of the same stickies converge on every page and in the file', async () => {
    const first = (JSON.parse(await boardText(pages[0]!)) as Board).elements[0]!;
    // Each page places stickies and all rename the same one at the same time.
    await Promise.all(
      pages.map(async (page, i) => {
        for (let n = 0; n < 5; n++)
          await act(page, 'place', 'event', { x: 100 * n, y: 1000 + 200 * i }, `P${i} event ${n}`);
        await act(page, 'renameItem', first.id, `renamed by ${i}`);
        await act(page, 'move', [{ id: first.id, x: 40 * i, y: 0 }]);
      }),
    );
    const text = await converged(pages);
    const board = JSON.parse(text) as Board;
    for (let i = 0; i < 3; i++)
      for (let n = 0; n < 5; n++) expect(board.elements.some((e) => e.name === `P${i} event ${n}`)).toBe(true);
    expect(board.elements.find((e) => e.id === first.id)!.name).toMatch(/^renamed by [012]$/);
    // Undo undoes only one's own change: Ann's last placed sticky goes, the others' stay.
    await act(pages[1]!, 'undo');
    await act(pages[1]!, 'undo');
    await act(pages[1]!, 'undo');
    const after = JSON.parse(await converged(pages)) as Board;
    expect(after.elements.some((e) => e.name === 'P1 event 4')).toBe(false);
    expect(after.elements.some((e) => e.name === 'P0 event 4')).toBe(true);
    expect(after.elements.some((e) => e.name === 'P2 event 4')).toBe(true);
    await waitFor(async () => !(await sessionOf(pages[1]!)).unsaved, 'the host to save');
    await waitFor(async () => {
      const parsed = parseBoard(await readFile(join(room.folder, BOARD), 'utf8'));
      return parsed.ok && parsed.board.elements.length === after.elements.length;
    }, 'the file to hold the board');
    await shot(pages[2]!, 'workshop-three-pages');
  });

  it("shows the others' pointers and selections, in their colours", async () => {
    const [facilitator, ann] = pages as [Page, Page, Page];
    const sticky = (JSON.parse(await boardText(ann)) as Board).elements[0]!;
    await act(ann, 'select', [sticky.id]);
    const pane = (await ann.locator('.svelte-flow__pane').boundingBox())!;
    await ann.mouse.move(pane.x + 200, pane.y + 150);
    await ann.mouse.move(pane.x + 260, pane.y + 190, { steps: 3 });
    await facilitator.locator('.cursor[data-peer="Ann"]').waitFor();
    await facilitator.locator('.presence .outline').first().waitFor();
    await shot(facilitator, 'workshop-presence');
  });

  it('the facilitator locks the board: the others can look, not change', async () => {
    const [facilitator, ann] = pages as [Page, Page, Page];
    await facilitator.getByRole('checkbox', { name: 'Lock the board' }).check();
    await ann.getByText('The facilitator locked the board').waitFor();
    const before = await boardText(ann);
    await act(ann, 'place', 'event', { x: 0, y: 2600 }, 'while locked');
    expect(await boardText(ann)).toBe(before);
    await act(facilitator, 'place', 'event', { x: 0, y: 2600 }, 'by the facilitator');
    expect(await converged(pages)).toContain('by the facilitator');
    await facilitator.getByRole('checkbox', { name: 'Lock the board' }).uncheck();
    await waitFor(
      async () => !(await ann.getByText('The facilitator locked the board').isVisible()),
      'the lock to lift',
    );
    await act(ann, 'place', 'event', { x: 300, y: 2600 }, 'after the lock');
    expect(await converged(pages)).toContain('after the lock');
  });

  it('a page that goes offline keeps editing and converges when it comes back', async () => {
    await pages[2]!.evaluate(() =>
      (
        globalThis as unknown as { stormbenchApp: { workshop: { session: { pause(): void } } } }
      ).stormbenchApp.workshop.session.pause(),
    );
    await waitFor(async () => (await sessionOf(pages[2]!)).status === 'offline', 'Bo to be offline');
    await act(pages[2]!, 'place', 'hotspot', { x: 0, y: 3000 }, 'offline question');
    await act(pages[0]!, 'place', 'policy', { x: 300, y: 3000 }, 'online policy');
    await new Promise((r) => setTimeout(r, 500));
    expect(await boardText(pages[0]!)).not.toContain('offline question');
    expect(await boardText(pages[2]!)).not.toContain('online policy');
    await pages[2]!.evaluate(() =>
      (
        globalThis as unknown as { stormbenchApp: { workshop: { session: { resume(): void } } } }
      ).stormbenchApp.workshop.session.resume(),
    );
    const text = await converged(pages);
    expect(text).toContain('offline question');
    expect(text).toContain('online policy');
  });

  it('refuses a client without the token, or with a wrong one', async () => {
    const ws = room.server.url.replace('http', 'ws') + 'workshop';
    expect(await rawClient(ws)).toEqual({ refused: 401 });
    expect(await rawClient(`${ws}?token=guess`)).toEqual({ refused: 401 });
    expect(await rawClient(`${ws.replace('workshop', 'other')}?token=${room.server.joinToken}`)).toEqual({
      refused: 401,
    });
  });

  it('a hostile message closes only its own connection', async () => {
    const ws = `${room.server.url.replace('http', 'ws')}workshop?token=${room.server.joinToken}`;
    const garbage = await rawClient(ws);
    if (!('ws' in garbage)) throw new Error('refused');
    garbage.ws.send(Buffer.from([0, 2, 200, 255, 255, 255, 1, 2, 3]));
    expect(await garbage.closed, 'garbage bytes').toBe(1008);
    const text = await rawClient(ws);
    if (!('ws' in text)) throw new Error('refused');
    text.ws.send('{"hello": "world"}');
    expect(await text.closed, 'a text message').toBe(1008);
    const locker = await rawClient(ws);
    if (!('ws' in locker)) throw new Error('refused');
    locker.ws.send(Buffer.from([2, 1]));
    expect(await locker.closed, 'a participant locking').toBe(1008);
    const big = await rawClient(ws);
    if (!('ws' in big)) throw new Error('refused');
    big.ws.send(Buffer.alloc(5 * 1024 * 1024, 1));
    // ws answers 1009 (too big) and drops the socket; the sender may see only the drop (1006).
    expect([1006, 1009]).toContain(await big.closed);
    // The others go on: an edit still reaches every page.
    await act(pages[1]!, 'place', 'actor', { x: 0, y: 3400 }, 'after the attack');
    expect(await converged(pages)).toContain('after the attack');
    for (const page of pages) expect((await sessionOf(page)).status, 'every page still live').toBe('live');
  });

  it('the host killed mid-session: the restarted host holds every acknowledged edit', async () => {
    for (let n = 0; n < 4; n++)
      await act(pages[n % 3]!, 'place', 'command', { x: 200 * n, y: 3800 }, `before the kill ${n}`);
    await converged(pages);
    for (const page of pages) await waitFor(async () => !(await sessionOf(page)).unsaved, 'the host to acknowledge');
    await room.server.stop('SIGKILL');
    const restarted = await startWorkshop(room.folder, BOARD);
    try {
      const page = await joinPage(room.browser, restarted.url);
      await waitFor(
        async () => (await boardText(page)).includes('after the attack'),
        'the restarted host to send its board',
      );
      const text = await boardText(page);
      for (let n = 0; n < 4; n++) expect(text).toContain(`before the kill ${n}`);
      expect(text).toContain('after the attack');
      // The pages of the killed host reconnect to the new one on the same port only; here they see a new host.
      await page.close();
    } finally {
      await restarted.stop();
    }
  });
});
