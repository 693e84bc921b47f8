import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { reachableAddresses } from '../../electron/host/network.ts';
import { startCli, type Server } from './driver.ts';

/** Starts `stormbench serve BOARD --workshop` and reads the join token from its output. */
export async function startWorkshop(folder: string, board: string): Promise<Server & { joinToken: string }> {
  const server = await startCli(['serve', join(folder, board), '--workshop'], (output) => /join at (http:\/\/127\.0\.0\.1:\d+\/)\?join=([\w-]+)/.exec(output) ?? undefined, folder);
  return { ...server, url: server.ready[1]!, joinToken: server.ready[2]! };
}

/** Opens a page on the workshop and waits until its session is live. */
export async function joinPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1300, height: 800 } });
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as unknown as { stormbenchErrors: string[] }).stormbenchErrors = errors;
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as { stormbenchApp?: { workshop?: { session?: { status: string } } } }).stormbenchApp?.workshop?.session?.status === 'live');
  return page;
}

type W = { stormbenchApp: { store: Record<string, (...a: unknown[]) => unknown> & { board: unknown }; workshop: { session: { unsaved: boolean; status: string; pause(): void; resume(): void; peers: Array<{ name: string }> } } } };

/** Runs a store method on the page, as a command would. */
export function act(page: Page, method: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(([m, a]) => {
    const store = (globalThis as unknown as W).stormbenchApp.store;
    const result = (store[m as string] as (...x: unknown[]) => unknown).apply(store, a as unknown[]);
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  }, [method, args] as const);
}

export function sessionOf(page: Page): Promise<{ unsaved: boolean; status: string; peers: string[] }> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as W).stormbenchApp.workshop.session;
    return { unsaved: s.unsaved, status: s.status, peers: s.peers.map((p) => p.name).sort() };
  });
}

/** The board as JSON text, the same on every page once they converge. */
export function boardText(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify((globalThis as unknown as W).stormbenchApp.store.board));
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
export async function startNetworkWorkshop(folder: string, board: string, host: string): Promise<Server & { facilitatorLink: string; joinLinks: string[] }> {
  // One join link per address this machine is reachable on, each on its own line: wait for all
  // (or for the line that says there is none but loopback).
  const expected = reachableAddresses(host).length;
  const server = await startCli(['serve', join(folder, board), '--workshop', '--host', host], (output) => {
    const facilitatorLink = /The facilitator opens (http:\S+\?key=[\w-]+)/.exec(output)?.[1];
    const joinLinks = [...output.matchAll(/(?:join at|at) (http:\S+\?join=[\w-]+)/g)].map((m) => m[1]!);
    const complete = expected === 0 ? /only it can join/.test(output) : joinLinks.length >= expected;
    return facilitatorLink && complete ? { facilitatorLink, joinLinks } : undefined;
  }, folder);
  return { ...server, url: new URL('/', server.ready.facilitatorLink).href, ...server.ready };
}
