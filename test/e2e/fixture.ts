import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, openApp, ROOT, startServer, tempFolder, type AppPage, type Server } from './driver.ts';
import { lateView } from '../support/late-view.ts';
import { joinPage, startWorkshop } from './workshop-driver.ts';

/** A board copied into the fresh board folder: an example's file name, or a file of the repository under a name. */
export type BoardSource = string | { from: string; as: string };

export interface AppOptions {
  /** Boards copied into the board folder, from `examples/` by default. */
  boards?: readonly BoardSource[];
  /** The board the server opens: the first board by default; `false` opens the folder alone. */
  open?: string | false;
  /** Runs after the boards are copied and before the server starts (to write a file of one's own). */
  prepare?: (folder: string) => Promise<void>;
  /** A browser to open the page in (it is left open); by default one is launched and closed with the app. */
  browser?: Browser;
}

/** The app as one e2e test uses it: a board folder, `stormbench serve` on it, a browser and a page. */
export interface RunningApp {
  readonly folder: string;
  readonly server: Server;
  readonly browser: Browser;
  readonly page: AppPage;
  close(): Promise<void>;
}

function nameOf(source: BoardSource): string {
  return typeof source === 'string' ? source : source.as;
}

/** Starts the app on a fresh board folder holding the given boards, and opens it in Chromium. */
export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const folder = await tempFolder();
  const boards = options.boards ?? [];
  for (const source of boards) {
    const from = typeof source === 'string' ? join(ROOT, 'examples', source) : join(ROOT, source.from);
    await copyFile(from, join(folder, nameOf(source)));
  }
  await options.prepare?.(folder);
  const open =
    options.open === undefined ? (boards[0] === undefined ? undefined : nameOf(boards[0])) : options.open || undefined;
  const browser = options.browser ?? (await launchBrowser());
  const launched = options.browser ? undefined : browser;
  let server: Server | undefined;
  let page: AppPage;
  try {
    server = await startServer(folder, open && basename(open));
    page = await openApp(browser, server.url);
  } catch (error) {
    await launched?.close();
    await server?.stop();
    throw error;
  }
  const started = server;
  return {
    folder,
    server: started,
    browser,
    page,
    async close() {
      await page.close();
      await launched?.close();
      await started.stop();
    },
  };
}

/**
 * The app for every test of the surrounding `describe` (or file): started before the first test,
 * closed after the last. The fields can be read once the tests run.
 */
export function useApp(options: AppOptions = {}): RunningApp {
  let running: RunningApp | undefined;
  beforeAll(async () => {
    running = await startApp(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  return lateView(() => running, 'beforeAll');
}

/**
 * Apps each test starts on its own board folder (`start`), in one browser for the surrounding
 * `describe` (or file); each is closed after its test.
 */
export function useApps(): { start(options?: Omit<AppOptions, 'browser'>): Promise<RunningApp> } {
  let browser: Browser | undefined;
  const open: RunningApp[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const app of open.splice(0)) await app.close();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async start(options = {}) {
      if (!browser) throw new Error('The browser is launched in beforeAll: start apps inside a test.');
      const app = await startApp({ ...options, browser });
      open.push(app);
      return app;
    },
  };
}

/** A hosted workshop as one e2e file uses it: `stormbench serve BOARD --workshop` on a fresh folder, and one browser. */
export interface RunningWorkshop {
  readonly folder: string;
  readonly server: Server & { joinToken: string };
  readonly browser: Browser;
  /** The facilitator's address (the plain one: the page that opens it first facilitates). */
  readonly url: string;
  /** A participant's join link under a display name. */
  joinLink(name: string): string;
  /** Opens a page on the workshop (the facilitator's with no name, else a participant's) and waits until it is live. */
  open(name?: string): Promise<AppPage>;
}

export interface WorkshopOptions {
  /** The example board hosted (from `examples/`). */
  board?: string;
  /** The name it is hosted under in the board folder. */
  as?: string;
}

/**
 * A workshop for every test of the surrounding `describe` (or file): the folder, the host and the
 * browser made before the first test, closed after the last. Pages are the tests' own to open.
 */
export function useWorkshop(options: WorkshopOptions = {}): RunningWorkshop {
  let running: RunningWorkshop | undefined;
  beforeAll(async () => {
    const folder = await tempFolder('stormbench-workshop-');
    const name = options.as ?? 'room.storm.json';
    await copyFile(join(ROOT, 'examples', options.board ?? 'small.storm.json'), join(folder, name));
    const server = await startWorkshop(folder, name);
    let browser: Browser;
    try {
      browser = await launchBrowser();
    } catch (error) {
      await server.stop();
      throw error;
    }
    const joinLink = (person: string) => `${server.url}?join=${server.joinToken}&name=${encodeURIComponent(person)}`;
    running = {
      folder,
      server,
      browser,
      url: server.url,
      joinLink,
      open: (person) => joinPage(browser, person === undefined ? server.url : joinLink(person)),
    };
  });
  afterAll(async () => {
    await running?.browser.close();
    await running?.server.stop();
  });
  return lateView(() => running, 'beforeAll');
}
