import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachableAddresses } from '../../electron/host/network.ts';
import { launchBrowser, openApp, ROOT, shot, tempFolder } from './driver.ts';
import { act, boardText, converged, joinPage, sessionOf, startNetworkWorkshop, waitFor } from './workshop-driver.ts';

type Board = { elements: Array<{ id: string; name: string; x: number; y: number }> };
const BOARD = 'room.storm.json';
// The address another machine in the room would use: this machine's first non-loopback IPv4.
const ADDRESS = reachableAddresses('0.0.0.0')[0];

const sessionCall = (page: Page, method: 'pause' | 'resume') =>
  page.evaluate(
    (m) =>
      (globalThis as unknown as { stormbenchApp: { workshop: { session: Record<string, () => void> } } }).stormbenchApp
        .workshop.session[m]!(),
    method,
  );

describe.skipIf(!ADDRESS)(
  `a workshop on --host 0.0.0.0, joined at ${ADDRESS ?? 'nothing: this machine has no non-loopback IPv4 address, so no other machine could reach it (skipped)'}`,
  () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof startNetworkWorkshop>>;
    let folder: string;
    let link: string;
    let facilitator: Page;
    let ann: Page;
    let bo: Page;

    beforeAll(async () => {
      folder = await tempFolder('stormbench-workshop-net-');
      await copyFile(join(ROOT, 'examples', 'small.storm.json'), join(folder, BOARD));
      server = await startNetworkWorkshop(folder, BOARD, '0.0.0.0');
      link = server.joinLinks.find((l) => l.startsWith(`http://${ADDRESS}:`))!;
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it("prints the facilitator's link with its key and a join link per network address", () => {
      expect(server.output()).toMatch(/reachable from the network/);
      expect(server.facilitatorLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=[\w-]{20,}$/);
      const port = new URL(server.facilitatorLink).port;
      expect(server.joinLinks.map((l) => new URL(l).hostname)).toEqual(reachableAddresses('0.0.0.0'));
      expect(server.joinLinks.every((l) => new URL(l).port === port)).toBe(true);
    });

    it("the plain address, without the facilitator's key, opens nothing of the board folder and says which link to use", async () => {
      const stranger = await openApp(browser, `http://${ADDRESS}:${new URL(server.url).port}/`);
      await stranger.getByText(/only the facilitator may use its board folder/).waitFor();
      expect(
        await stranger.evaluate(
          () => (globalThis as unknown as { stormbenchApp: { workshop?: unknown } }).stormbenchApp.workshop,
        ),
      ).toBeUndefined();
      await shot(stranger, 'workshop-network-no-key');
      await stranger.close();
    });

    it('three people on three browsers join by the network address and edit one board together', async () => {
      facilitator = await joinPage(browser, server.facilitatorLink);
      expect(facilitator.url()).toBe(server.url);
      expect(await facilitator.getByRole('textbox', { name: 'Join link' }).inputValue()).toBe(server.joinLinks[0]);

      // Ann types her name into the join form, as someone given only the link does.
      ann = await browser.newPage({ viewport: { width: 1300, height: 800 } });
      ann.setDefaultTimeout(10_000);
      await ann.goto(link);
      await ann.getByRole('textbox', { name: 'Display name' }).fill('Ann');
      await ann.getByRole('button', { name: 'Join' }).click();
      await ann.getByText('Live', { exact: true }).waitFor();
      bo = await joinPage(browser, `${link}&name=Bo`);

      await waitFor(
        async () => (await sessionOf(facilitator)).peers.join() === 'Ann,Bo',
        'the facilitator to see Ann and Bo',
      );
      expect(JSON.parse(await converged([facilitator, ann, bo])).elements.length).toBeGreaterThan(3);
      await act(ann, 'place', 'hotspot', { x: 0, y: 900 }, 'asked by Ann');
      await act(bo, 'place', 'event', { x: 300, y: 900 }, 'added by Bo');
      await act(facilitator, 'place', 'policy', { x: 600, y: 900 }, 'set by the facilitator');
      const text = await converged([facilitator, ann, bo]);
      for (const name of ['asked by Ann', 'added by Bo', 'set by the facilitator']) expect(text).toContain(name);
      await facilitator.getByText('Bo', { exact: true }).waitFor();
      await shot(facilitator, 'workshop-network-facilitator');
      await shot(ann, 'workshop-network-ann');
    });

    it("a participant's page needs none of the host's operations, and gets none", async () => {
      const answer = await ann.evaluate(async () => {
        const res = await fetch('/api/listBoards', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-stormbench': '1' },
          body: '{}',
        });
        return { status: res.status, body: await res.text() };
      });
      expect(answer.status).toBe(401);
      expect(answer.body).not.toContain('storm.json');
    });

    it('a move by Ann and a rename by Bo of the same sticky, made at the same time, both survive', async () => {
      const sticky = (JSON.parse(await boardText(ann)) as Board).elements[0]!;
      await sessionCall(ann, 'pause');
      await sessionCall(bo, 'pause');
      await act(ann, 'move', [{ id: sticky.id, x: sticky.x + 480, y: sticky.y + 240 }]);
      await act(bo, 'renameItem', sticky.id, 'renamed by Bo');
      await sessionCall(ann, 'resume');
      await sessionCall(bo, 'resume');
      const merged = (JSON.parse(await converged([facilitator, ann, bo])) as Board).elements.find(
        (e) => e.id === sticky.id,
      )!;
      expect(merged).toMatchObject({ name: 'renamed by Bo', x: sticky.x + 480, y: sticky.y + 240 });
      await waitFor(
        async () => (await readFile(join(folder, BOARD), 'utf8')).includes('renamed by Bo'),
        'the host to save the merge',
      );
      const saved = (JSON.parse(await readFile(join(folder, BOARD), 'utf8')) as Board).elements.find(
        (e) => e.id === sticky.id,
      )!;
      expect(saved).toMatchObject({ name: 'renamed by Bo', x: sticky.x + 480, y: sticky.y + 240 });
    });
  },
);
