import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { BoardStore } from '../../renderer/src/store/board-store.svelte.ts';
import { reachableAddresses } from '../../electron/host/network.ts';
import { inApp, startCli, waitForApp, type AppPage, type Server } from './driver.ts';

/** Starts `stormbench serve BOARD --workshop` and reads the join token from its output. */
export async function startWorkshop(folder: string, board: string): Promise<Server & { joinToken: string }> {
  const server = await startCli(
    ['serve', join(folder, board), '--workshop'],
    (output) => /join at (http:\/\/127\.0\.0\.1:\d+\/)\?join=([\w-]+)/.exec(output) ?? undefined,
    folder,
  );
  return { ...server, url: server.ready[1]!, joinToken: server.ready[2]! };
}

/** Opens a page on the workshop and waits until its session is live. */
export async function joinPage(browser: Browser, url: string): Promise<AppPage> {
  const page = Object.assign(await browser.newPage({ viewport: { width: 1300, height: 800 } }), {
    logs: [] as string[],
    stormbenchErrors: [] as string[],
  });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => page.stormbenchErrors.push(e.message));
  page.on('console', (m) => page.logs.push(m.text()));
  await page.goto(url, { timeout: 60_000 });
  await waitForApp(page, (hooks) => hooks.stormbenchApp?.workshop?.session?.status === 'live');
  return page;
}

/** The names of the store's methods, which `act` may call. */
type StoreMethod = {
  [K in keyof BoardStore]: BoardStore[K] extends (...args: never[]) => unknown ? K : never;
}[keyof BoardStore];

/** Runs a store method on the page, as a command would. */
export function act<M extends StoreMethod>(
  page: Page,
  method: M,
  ...args: Parameters<BoardStore[M]>
): Promise<unknown> {
  return inApp(page, ({ stormbenchApp: { store } }, [m, a]) => Reflect.apply(store[m], store, a) ?? null, [
    method,
    args,
  ] as const);
}

export function sessionOf(page: Page): Promise<{ unsaved: boolean; status: string; peers: string[] }> {
  return inApp(page, ({ stormbenchApp: { workshop } }) => {
    const s = workshop!.session!;
    return { unsaved: s.unsaved, status: s.status, peers: s.peers.map((p) => p.name).sort() };
  });
}

/** The board as JSON text, the same on every page once they converge. */
export function boardText(page: Page): Promise<string> {
  return inApp(page, (hooks) => JSON.stringify(hooks.stormbenchApp.store.board));
}

/** Waits until every page shows the same board; returns it. */
export async function converged(pages: Page[], timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let texts: string[] = [];
  while (Date.now() < until) {
    texts = await Promise.all(pages.map(boardText));
    if (texts.every((t) => t === texts[0])) return texts[0]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The pages did not converge:\n${texts.join('\n---\n')}`);
}

/** `serve BOARD --workshop --host ADDR`: the facilitator's link (with its key) and every join link. */
export async function startNetworkWorkshop(
  folder: string,
  board: string,
  host: string,
): Promise<Server & { facilitatorLink: string; joinLinks: string[] }> {
  // One join link per address this machine is reachable on, each on its own line: wait for all
  // (or for the line that says there is none but loopback).
  const expected = reachableAddresses(host).length;
  const server = await startCli(
    ['serve', join(folder, board), '--workshop', '--host', host],
    (output) => {
      const facilitatorLink = /The facilitator opens (http:\S+\?key=[\w-]+)/.exec(output)?.[1];
      const joinLinks = [...output.matchAll(/(?:join at|at) (http:\S+\?join=[\w-]+(?:&board=\S+)?)/g)].map(
        (m) => m[1]!,
      );
      const complete = expected === 0 ? /only it can join/.test(output) : joinLinks.length >= expected;
      return facilitatorLink && complete ? { facilitatorLink, joinLinks } : undefined;
    },
    folder,
  );
  return { ...server, url: new URL('/', server.ready.facilitatorLink).href, ...server.ready };
}

/** Polls `check` every 100 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
