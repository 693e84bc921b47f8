import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoardHost } from '../../electron/host/board-host.ts';
import { OPERATION_NAMES, validateArgs } from '../../electron/host/messages.ts';
import { handleInvoke } from '../../electron/main/ipc.ts';
import { menuTemplate } from '../../electron/main/menu.ts';
import { isAppUrl, windowOptions } from '../../electron/main/window-options.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the window factory', () => {
  it('follows Electron\'s security checklist', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('trusts only pages of the app protocol', () => {
    expect(isAppUrl('app://stormbench/index.html')).toBe(true);
    expect(isAppUrl('file:///work/dist/renderer/index.html')).toBe(false);
    expect(isAppUrl('https://stormbench/index.html')).toBe(false);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('builds menus by platform convention', () => {
    const mac = menuTemplate('darwin', () => {}, () => {});
    const linux = menuTemplate('linux', () => {}, () => {});
    expect(mac[0]).toMatchObject({ role: 'appMenu' });
    expect(linux[0]).toMatchObject({ label: 'File' });
    const file = linux[0]!.submenu as Array<{ role?: string }>;
    expect(file.at(-1)).toMatchObject({ role: 'quit' });
    const sent: string[] = [];
    const edit = menuTemplate('linux', (c) => sent.push(c), () => {})[1]!.submenu as Array<{ label?: string; click?: () => void }>;
    edit.find((i) => i.label === 'Undo')!.click!();
    expect(sent).toEqual(['undo']);
  });
});

describe('IPC messages', () => {
  const app = { senderFrame: { url: 'app://stormbench/index.html' } } as never;
  const foreign = { senderFrame: { url: 'https://example.com/' } } as never;
  const session = { folder: '/nowhere', mode: 'electron' as const };

  it('keeps the renderer\'s, the preload\'s and the host\'s lists of operations equal', async () => {
    const list = (text: string, name: string) => JSON.parse(`[${new RegExp(`${name}[^=]*=\\s*\\[([^\\]]*)\\]`).exec(text)![1]!.replace(/'/g, '"')}]`) as string[];
    const renderer = list(await readFile(join(ROOT, 'renderer', 'src', 'host.ts'), 'utf8'), 'HOST_OPERATIONS');
    const preload = list(await readFile(join(ROOT, 'electron', 'preload', 'preload.ts'), 'utf8'), 'OPERATIONS');
    expect(renderer).toEqual(OPERATION_NAMES);
    expect(preload).toEqual(OPERATION_NAMES);
  });

  it('rejects messages from any page but the app', async () => {
    const host = new BoardHost(await mkdtemp(join(tmpdir(), 'sb-ipc-')));
    expect(await handleInvoke(host, session, 'session', foreign, {})).toEqual({ ok: false, error: 'Refused: the message does not come from the Stormbench window.' });
    expect(await handleInvoke(host, session, 'session', { senderFrame: null } as never, {})).toMatchObject({ ok: false });
    expect(await handleInvoke(host, session, 'session', app, {})).toEqual({ ok: true, result: session });
  });

  it('rejects malformed messages with a sentence, not a stack', async () => {
    const host = new BoardHost(await mkdtemp(join(tmpdir(), 'sb-ipc-')));
    expect(await handleInvoke(host, session, 'runShell', app, {})).toEqual({ ok: false, error: 'Unknown operation "runShell".' });
    expect(await handleInvoke(host, session, 'openBoard', app, null)).toEqual({ ok: false, error: 'openBoard: arguments must be an object.' });
    expect(await handleInvoke(host, session, 'openBoard', app, { name: 3 })).toEqual({ ok: false, error: 'openBoard: argument "name" must be a string.' });
    expect(await handleInvoke(host, session, 'openBoard', app, { name: 'a.storm.json', path: '/etc' })).toEqual({ ok: false, error: 'openBoard: unknown argument "path".' });
    expect(await handleInvoke(host, session, 'saveBoard', app, { name: 'a.storm.json' })).toEqual({ ok: false, error: 'saveBoard: argument "text" is missing.' });
    const escape = await handleInvoke(host, session, 'openBoard', app, { name: '../../etc/passwd.storm.json' });
    expect(escape).toMatchObject({ ok: false });
    expect((escape as { error: string }).error).toMatch(/cannot contain "\/"/);
  });

  it('validates optional fields by type', () => {
    expect(validateArgs('saveBoard', { name: 'a.storm.json', text: '{}', overwrite: true })).toEqual({ name: 'a.storm.json', text: '{}', overwrite: true });
    expect(() => validateArgs('saveBoard', { name: 'a.storm.json', text: '{}', overwrite: 'yes' })).toThrow('argument "overwrite" must be a boolean');
  });
});
