import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, shell } from 'electron';
import { basename, dirname, join, resolve } from 'node:path';
import { BOARD_SUFFIX } from '../host/board-folder.ts';
import { BoardHost } from '../host/board-host.ts';
import type { Session } from '../../contract/host-results.ts';
import { OPEN_FILE, SHELL_COMMAND_CHANNEL, type ShellCommand } from '../../contract/shell-commands.ts';
import { registerIpc } from './ipc.ts';
import { menuTemplate } from './menu.ts';
import { serveAppFile } from './protocol.ts';
import { APP_SCHEME, APP_URL, isAppUrl, windowOptions } from './window-options.ts';
import { DesktopWorkshop, desktopCsp, listenFromArgv } from './workshop.ts';

// Built by `npm run build:electron` into dist/electron/; the app itself is in dist/renderer/.
const here = dirname(new URL(import.meta.url).pathname);
const APP_DIR = resolve(here, '..', 'renderer');
const PRELOAD = join(here, 'preload.cjs');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** The folder the host works in: the board given on the command line, else the documents folder. */
function startingPoint(argv: string[]): { folder: string; initial?: string } {
  const board = argv.find((a) => a.endsWith(BOARD_SUFFIX));
  if (board) return { folder: dirname(resolve(board)), initial: basename(board) };
  return { folder: app.getPath('documents') };
}

const LISTEN = listenFromArgv(process.argv.slice(1), (text) => console.error(text));
const CSP = desktopCsp(LISTEN);
const workshop = new DesktopWorkshop({ appDir: APP_DIR, listen: LISTEN, notice: (text) => console.error(text) });

let current: { host: BoardHost; session: Session };
function useFolder(folder: string, initial?: string): void {
  current = { host: new BoardHost(folder), session: { folder, ...(initial ? { initial } : {}), mode: 'electron' } };
}
const capabilities = workshop.capabilities(() => current);

/** Every window (there is one) gets the same checks: no navigation, no new windows, no webviews. */
function harden(window: BrowserWindow): void {
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(windowOptions(PRELOAD));
  harden(window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

async function openWithDialog(window: BrowserWindow): Promise<void> {
  const result = await dialog.showOpenDialog(window, {
    title: 'Open a board',
    defaultPath: current.session.folder,
    filters: [{ name: 'Stormbench boards', extensions: ['storm.json'] }],
    properties: ['openFile'],
  });
  const path = result.filePaths[0];
  if (result.canceled || !path) return;
  useFolder(dirname(path));
  window.webContents.send(SHELL_COMMAND_CHANNEL, OPEN_FILE, basename(path));
}

const { folder, initial } = startingPoint(process.argv.slice(1));
useFolder(folder, initial);

void app.whenReady().then(() => {
  protocol.handle(APP_SCHEME, async (request) => {
    const response = await serveAppFile(APP_DIR, request.url);
    if (!response.headers.has('content-security-policy')) return response;
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CSP);
    return new Response(response.body, { status: response.status, headers });
  });
  registerIpc(ipcMain, () => ({ ...current, capabilities }));
  const window = createWindow();
  const send = (command: ShellCommand) => window.webContents.send(SHELL_COMMAND_CHANNEL, command);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate(process.platform, send, () => void openWithDialog(window))),
  );
});

app.on('window-all-closed', () => app.quit());

// A hosted workshop saves its board a last time before the app goes (at most 120 ms of edits).
let closed = false;
app.on('will-quit', (event) => {
  if (closed || !workshop.running) return;
  event.preventDefault();
  void workshop.close().finally(() => {
    closed = true;
    app.quit();
  });
});
