import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/tools.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SHOTS = join(ROOT, 'test', 'e2e', 'screenshots');

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

/** Starts the real CLI, the way a user does, and waits for the line with its URL. */
export async function startServer(folder: string, board?: string, command: 'serve' | 'start' = 'serve'): Promise<Server> {
  const args = [join(ROOT, 'bin', 'stormbench'), command, ...(board ? [join(folder, board)] : ['--dir', folder])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 90_000);
    const look = () => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
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

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
}

/** Opens the app and waits until it has asked the host for its session. */
export async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
  page.setDefaultTimeout(8_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const logs: string[] = [];
  (page as unknown as { logs: string[] }).logs = logs;
  page.on('console', (m) => logs.push(m.text()));
  (page as unknown as { stormbenchErrors: string[] }).stormbenchErrors = errors;
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as { stormbenchApp?: { ready: boolean } }).stormbenchApp?.ready === true);
  return page;
}

export async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The app's state as plain data, for assertions (the same object the canvas draws). */
export async function boardOf(page: Page): Promise<{ name: string; elements: Array<{ id: string; kind: string; name: string; x: number; y: number; context?: string }>; links: Array<{ id: string; from: string; to: string }>; contexts: Array<{ id: string; name: string }> }> {
  return page.evaluate(() => JSON.parse(JSON.stringify((globalThis as unknown as { stormbenchApp: { store: { board: unknown } } }).stormbenchApp.store.board)));
}

export async function appState(page: Page): Promise<{ dirty: boolean; file?: string; canUndo: boolean; canRedo: boolean; problems: Array<{ rule: string; severity: string; message: string; elementId?: string; linkId?: string }>; selection: string[] }> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as { stormbenchApp: { store: Record<string, unknown> } }).stormbenchApp.store;
    return JSON.parse(JSON.stringify({ dirty: s.dirty, file: s.file, canUndo: s.canUndo, canRedo: s.canRedo, problems: s.problems, selection: s.selection }));
  });
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

/** Selects the stickies and zooms the view onto them, as "Zoom to the selection" does. */
export async function focusOn(page: Page, ids: string[]): Promise<void> {
  await page.evaluate((group) => {
    (globalThis as unknown as { stormbenchApp: { store: { select(ids: string[]): void } } }).stormbenchApp.store.select(group);
  }, ids);
  await page.keyboard.press('Shift+Digit2');
  await page.waitForTimeout(400);
}

/** Selects a sticky the way a user does: brought into view, then a click on it on the canvas. */
export async function selectSticky(page: Page, id: string): Promise<void> {
  await page.evaluate((key) => (globalThis as unknown as { stormbenchApp: { flow?: { fit(ids: string[]): void } } }).stormbenchApp.flow?.fit([key]), id);
  await page.waitForTimeout(300);
  await node(page, id).click();
  await page.waitForFunction((key) => (globalThis as unknown as { stormbenchApp: { store: { selection: string[] } } }).stormbenchApp.store.selection.join() === key, id);
}
