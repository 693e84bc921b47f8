/// <reference types="svelte" />
// The page's store is typed from its runes module: the reference gives tsc the runes' declarations.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Board, Element, ElementKind } from '../../model/board/types.ts';
import type { Problem } from '../../model/lint/problem.ts';
import type { BoardStore } from '../../renderer/src/store/board-store.svelte.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/tools.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SHOTS = join(ROOT, 'test', 'e2e', 'screenshots');

/**
 * What the app lends its page for tests (renderer/src/Workspace.svelte puts it on `window`): the
 * store with its real type, and the few parts of the workbench the tests reach. The workbench's
 * own type reaches the DOM, which only svelte-check knows, so those parts are named here.
 */
export interface PageHooks {
  stormbenchApp: {
    readonly store: BoardStore;
    readonly ready: boolean;
    newBoard(): void;
    readonly flow?: {
      fit(ids?: readonly string[]): void;
      viewport(): { x: number; y: number; zoom: number };
      viewCenter(): { x: number; y: number };
    };
    dockOpen: boolean;
    readonly dialog: string | undefined;
    readonly diff: { eventId: string; from: number; to: number; focus?: string } | undefined;
    openDiff(selectedId: string, from?: number, to?: number, focus?: string): void;
    readonly workshop?: {
      session?: {
        status: string;
        unsaved: boolean;
        peers: ReadonlyArray<{ name: string }>;
        pause(): void;
        resume(): void;
      };
    };
  };
  stormbenchCommands: {
    list: ReadonlyArray<{ name: string; keys: string; keyTest(event: unknown): boolean }>;
    run(name: string): Promise<void>;
  };
  KeyboardEvent: new (type: string, init: Record<string, unknown>) => unknown;
  /** The status lines the generate dialog showed, as a test records them. */
  progressSeen?: string[];
  /** The driver's own note from one animation frame to the next (`viewSettledOn`). */
  settling?: { view: string; frames: number };
}

/** `fn` called on the page's globals and `arg`, as the text of an expression for the page to run. */
function callInPage<A>(fn: (hooks: PageHooks, arg: A) => unknown, arg: A | undefined): string {
  return `(${fn.toString()})(globalThis, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`;
}

/**
 * Runs `fn` in the page with the app's hooks: the one place the page's globals get their type.
 * Like `page.evaluate`, it sends `fn` as text, so `fn` uses only `hooks` and `arg` (plain data).
 */
export function inApp<R, A = undefined>(
  page: Page,
  fn: (hooks: PageHooks, arg: A) => R | Promise<R>,
  arg?: A,
): Promise<R> {
  return page.evaluate<R>(callInPage(fn, arg));
}

/** A running `stormbench serve` on a free port. */
export interface Server {
  url: string;
  folder: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function tempFolder(prefix = 'stormbench-e2e-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * Runs the real CLI with `args`, the way a user does, and waits until `ready` finds what it needs
 * in the output so far. Every server the e2e tests start (plain, workshop, workshop on the
 * network) starts here.
 */
export async function startCli<T>(
  args: readonly string[],
  ready: (output: string) => T | undefined,
  folder: string,
): Promise<Server & { ready: T }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'stormbench'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const found = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stormbench ${args.join(' ')} did not start:\n${output}`)), 90_000);
    child.stdout!.on('data', () => {
      const value = ready(output);
      if (value === undefined) return;
      clearTimeout(timer);
      resolve(value);
    });
    child.on('exit', (code) => reject(new Error(`stormbench ${args.join(' ')} exited with ${code}:\n${output}`)));
  });
  return {
    url: '',
    ready: found,
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

/** `stormbench serve` (or `start`) on a board of the folder, or on the folder alone. */
export async function startServer(
  folder: string,
  board?: string,
  command: 'serve' | 'start' = 'serve',
): Promise<Server> {
  const args = [command, ...(board ? [join(folder, board)] : ['--dir', folder])];
  const server = await startCli(args, (output) => /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1], folder);
  return { ...server, url: server.ready };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
}

/** A page of the app with what it logged and the errors it threw, for the tests to look at. */
export interface AppPage extends Page {
  logs: string[];
  stormbenchErrors: string[];
}

/** Opens the app and waits until it has asked the host for its session. */
export async function openApp(browser: Browser, url: string): Promise<AppPage> {
  const page = Object.assign(await browser.newPage({ viewport: { width: 1400, height: 860 }, acceptDownloads: true }), {
    logs: [] as string[],
    stormbenchErrors: [] as string[],
  });
  page.setDefaultTimeout(8_000);
  page.on('pageerror', (e) => page.stormbenchErrors.push(e.message));
  page.on('console', (m) => page.logs.push(m.text()));
  // The first load fetches the whole app; on a busy two-core machine that takes longer than a click.
  await page.goto(url, { timeout: 60_000 });
  await waitForApp(page, (hooks) => hooks.stormbenchApp?.ready === true);
  return page;
}

/** Waits until `check` holds in the page, tried on every animation frame; sent as text like `inApp`'s `fn`. */
export async function waitForApp<A = undefined>(
  page: Page,
  check: (hooks: PageHooks, arg: A) => boolean,
  arg?: A,
): Promise<void> {
  await page.waitForFunction(callInPage(check, arg), undefined, { polling: 'raf' });
}

export async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The board as it is now, as plain data for assertions (the same object the canvas draws). */
export function boardOf(page: Page): Promise<Board> {
  return inApp(page, (hooks) => hooks.stormbenchApp.store.board);
}

/** A sticky of one kind, with that kind's fields. */
export type ElementOf<K extends ElementKind> = Extract<Element, { kind: K }>;

function isKind<K extends ElementKind>(element: Element | undefined, kind: K): element is ElementOf<K> {
  return element?.kind === kind;
}

/** A sticky of the live board, which must be of `kind` (the test stops here, saying so, if not). */
export async function elementOf<K extends ElementKind>(page: Page, id: string, kind: K): Promise<ElementOf<K>> {
  const element = await inApp(page, (hooks, key) => hooks.stormbenchApp.store.elementById.get(key), id);
  if (!isKind(element, kind))
    throw new Error(`The board has no ${kind} "${id}" (found: ${element?.kind ?? 'nothing'}).`);
  return element;
}

/** The store's state besides the board, as plain data. */
export interface AppState {
  dirty: boolean;
  file: string | undefined;
  canUndo: boolean;
  canRedo: boolean;
  problems: Problem[];
  selection: string[];
}

export function appState(page: Page): Promise<AppState> {
  return inApp(page, ({ stormbenchApp: { store } }) => ({
    dirty: store.dirty,
    file: store.file,
    canUndo: store.canUndo,
    canRedo: store.canRedo,
    problems: store.problems,
    selection: [...store.selection],
  }));
}

/** Places a sticky from the palette by its accessible name and types its name. */
export async function placeFromPalette(page: Page, label: string, name: string): Promise<string> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const editor = page.getByRole('textbox', { name: `${label} name` });
  await editor.fill(name);
  await editor.press('Enter');
  const board = await boardOf(page);
  return board.elements.find((e) => e.name === name)!.id;
}

/** Places a sticky with its key and types its name, as a facilitator does without the mouse. */
export async function placeByKey(page: Page, key: string, label: string, name: string): Promise<string> {
  await page.locator('.svelte-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(key);
  const editor = page.getByRole('textbox', { name: `${label} name` });
  await editor.fill(name);
  await editor.press('Enter');
  const board = await boardOf(page);
  return board.elements.find((e) => e.name === name)!.id;
}

export function node(page: Page, id: string) {
  return page.locator(`.svelte-flow__node[data-id="${id}"]`);
}

/** Drags a link from one sticky's handle onto another sticky. */
export async function linkByDrag(page: Page, from: string, to: string): Promise<void> {
  const handle = node(page, from).locator('.svelte-flow__handle.source');
  const a = (await handle.boundingBox())!;
  const b = (await node(page, to).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 40, a.y + 10, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Drags a sticky by its body by a distance in screen pixels. */
export async function dragBy(page: Page, id: string, dx: number, dy: number): Promise<void> {
  const box = (await node(page, id).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 3;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}

/**
 * Waits until the view has finished moving onto the stickies (or the whole board): they are in
 * the middle of it, and it has stopped moving. The canvas animates a fit for 200 ms.
 */
export async function viewSettledOn(page: Page, ids?: readonly string[]): Promise<void> {
  await waitForApp(
    page,
    (hooks, only) => {
      const app = hooks.stormbenchApp;
      const { board } = app.store;
      const boxes = [...board.elements, ...board.contexts].filter((b) => !only || only.includes(b.id));
      const flow = app.flow;
      if (!flow || boxes.length === 0) return true;
      const x = (Math.min(...boxes.map((b) => b.x)) + Math.max(...boxes.map((b) => b.x + b.width))) / 2;
      const y = (Math.min(...boxes.map((b) => b.y)) + Math.max(...boxes.map((b) => b.y + b.height))) / 2;
      const center = flow.viewCenter();
      const viewport = flow.viewport();
      const view = JSON.stringify(viewport);
      const still = hooks.settling?.view === view ? hooks.settling.frames + 1 : 0;
      hooks.settling = { view, frames: still };
      // Near the middle rather than on it: the canvas centres within its own frame, which the dock
      // may shrink as the selection opens it. Five frames without a change: the move is over.
      const off = Math.hypot(center.x - x, center.y - y) * viewport.zoom;
      return off < 200 && still >= 5;
    },
    ids,
  );
}

/** Selects the stickies and zooms the view onto them, as "Zoom to the selection" does. */
export async function focusOn(page: Page, ids: string[]): Promise<void> {
  await inApp(page, (hooks, group) => hooks.stormbenchApp.store.select(group), ids);
  await page.keyboard.press('Shift+Digit2');
  await viewSettledOn(page, ids);
}

/** Selects a sticky the way a user does: brought into view, then a click on it on the canvas. */
export async function selectSticky(page: Page, id: string): Promise<void> {
  await inApp(page, (hooks, key) => hooks.stormbenchApp.flow?.fit([key]), id);
  await viewSettledOn(page, [id]);
  await node(page, id).click();
  await waitForApp(page, (hooks, key) => hooks.stormbenchApp.store.selection.join() === key, id);
}
