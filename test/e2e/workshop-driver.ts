import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT, type Server } from './driver.ts';

/** Starts `stormbench serve BOARD --workshop` and reads the join token from its output. */
export async function startWorkshop(folder: string, board: string): Promise<Server & { joinToken: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'stormbench'), 'serve', join(folder, board), '--workshop'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const [url, joinToken] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve --workshop did not start:\n${output}`)), 90_000);
    const look = () => {
      const match = /join at (http:\/\/127\.0\.0\.1:\d+\/)\?join=([\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve([match[1]!, match[2]!]);
      }
    };
    child.stdout!.on('data', look);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    joinToken,
    folder,
    process: child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
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
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'stormbench'), 'serve', join(folder, board), '--workshop', '--host', host], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve --host did not start:\n${output}`)), 90_000);
    child.stdout!.on('data', () => {
      if (!/participants join at/.test(output)) return;
      clearTimeout(timer);
      // The other candidate links follow on their own lines in the same write.
      setTimeout(resolve, 100);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  const facilitatorLink = /The facilitator opens (http:\S+\?key=[\w-]+)/.exec(output)![1]!;
  const joinLinks = [...output.matchAll(/(?:join at|at) (http:\S+\?join=[\w-]+(?:&board=\S+)?)/g)].map((m) => m[1]!);
  return {
    url: new URL('/', facilitatorLink).href,
    facilitatorLink,
    joinLinks,
    folder,
    process: child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
