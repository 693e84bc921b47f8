import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoardHost } from '../../electron/host/board-host.ts';
import { dispatch, validateArgs, type Capabilities } from '../../electron/host/messages.ts';
import { HOST_OPERATIONS, HOST_OPERATION_NAMES, type HostOperation } from '../../contract/host.ts';
import type { FieldKind } from '../../contract/fields.ts';
import { handleInvoke } from '../../electron/main/ipc.ts';
import { menuTemplate } from '../../electron/main/menu.ts';
import { isAppUrl, windowOptions } from '../../electron/main/window-options.ts';

describe('the window factory', () => {
  it("follows Electron's security checklist", () => {
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
    const mac = menuTemplate(
      'darwin',
      () => {},
      () => {},
    );
    const linux = menuTemplate(
      'linux',
      () => {},
      () => {},
    );
    expect(mac[0]).toMatchObject({ role: 'appMenu' });
    expect(linux[0]).toMatchObject({ label: 'File' });
    const file = linux[0]!.submenu as Array<{ role?: string }>;
    expect(file.at(-1)).toMatchObject({ role: 'quit' });
    const sent: string[] = [];
    const edit = menuTemplate(
      'linux',
      (c) => sent.push(c),
      () => {},
    )[1]!.submenu as Array<{ label?: string; click?: () => void }>;
    edit.find((i) => i.label === 'Undo')!.click!();
    expect(sent).toEqual(['undo']);
  });
});

describe('IPC messages', () => {
  const app = { senderFrame: { url: 'app://stormbench/index.html' } } as never;
  const foreign = { senderFrame: { url: 'https://example.com/' } } as never;
  const session = { folder: '/nowhere', mode: 'electron' as const };

  it('rejects messages from any page but the app', async () => {
    const host = new BoardHost(await mkdtemp(join(tmpdir(), 'sb-ipc-')));
    expect(await handleInvoke(host, session, 'session', foreign, {})).toEqual({
      ok: false,
      error: 'Refused: the message does not come from the Stormbench window.',
    });
    expect(await handleInvoke(host, session, 'session', { senderFrame: null } as never, {})).toMatchObject({
      ok: false,
    });
    expect(await handleInvoke(host, session, 'session', app, {})).toEqual({ ok: true, result: session });
  });

  it('rejects malformed messages with a sentence, not a stack', async () => {
    const host = new BoardHost(await mkdtemp(join(tmpdir(), 'sb-ipc-')));
    expect(await handleInvoke(host, session, 'runShell', app, {})).toEqual({
      ok: false,
      error: 'Unknown operation "runShell".',
    });
    expect(await handleInvoke(host, session, 'openBoard', app, null)).toEqual({
      ok: false,
      error: 'openBoard: arguments must be an object.',
    });
    expect(await handleInvoke(host, session, 'openBoard', app, { name: 3 })).toEqual({
      ok: false,
      error: 'openBoard: argument "name" must be a string.',
    });
    expect(await handleInvoke(host, session, 'openBoard', app, { name: 'a.storm.json', path: '/etc' })).toEqual({
      ok: false,
      error: 'openBoard: unknown argument "path".',
    });
    expect(await handleInvoke(host, session, 'saveBoard', app, { name: 'a.storm.json' })).toEqual({
      ok: false,
      error: 'saveBoard: argument "text" is missing.',
    });
    const escape = await handleInvoke(host, session, 'openBoard', app, { name: '../../etc/passwd.storm.json' });
    expect(escape).toMatchObject({ ok: false });
    expect((escape as { error: string }).error).toMatch(/cannot contain "\/"/);
  });

  it('validates optional fields by type', () => {
    expect(validateArgs('saveBoard', { name: 'a.storm.json', text: '{}', overwrite: true })).toEqual({
      name: 'a.storm.json',
      text: '{}',
      overwrite: true,
    });
    expect(() => validateArgs('saveBoard', { name: 'a.storm.json', text: '{}', overwrite: 'yes' })).toThrow(
      'argument "overwrite" must be a boolean',
    );
  });

  it('dispatches every operation of the contract to the host, with its checked arguments', async () => {
    const sample: Record<FieldKind, unknown> = {
      string: 'x',
      'string?': 'y',
      boolean: true,
      'boolean?': false,
      'string[]': ['z'],
    };
    const calls: string[] = [];
    const record =
      (name: string, result: unknown = {}) =>
      async (...args: unknown[]) => {
        calls.push(`${name}(${JSON.stringify(args)})`);
        return result;
      };
    const host = {
      folder: '/boards',
      list: record('list', []),
      recent: record('recent', []),
      open: record('open'),
      save: record('save'),
      autosave: record('autosave'),
      recoveries: record('recoveries', []),
      recovery: async (...args: unknown[]) => {
        // No autosave under that key: the host answers undefined, the page gets null.
        await record('recovery')(...args);
        return undefined;
      },
      discardRecovery: record('discardRecovery'),
      exportBoard: record('exportBoard'),
    } as never;
    const capabilities: Capabilities = {
      hostWorkshop: record('hostWorkshop') as never,
      stopWorkshop: record('stopWorkshop') as never,
      generator: { preview: record('preview'), generate: record('generate') } as never,
      play: async () =>
        ({
          start: record('start'),
          attach: record('attach'),
          // Synchronous, as PlayHost's: nothing plays, so the page gets null.
          state: (...args: unknown[]) => {
            calls.push(`state(${JSON.stringify(args)})`);
            return null;
          },
          update: record('update'),
          send: record('send'),
          rows: record('rows'),
          stop: record('stop'),
        }) as never,
    };
    const seen: Partial<Record<HostOperation, string[]>> = {};
    for (const op of HOST_OPERATION_NAMES) {
      calls.length = 0;
      const args = Object.fromEntries(
        Object.entries(HOST_OPERATIONS[op].args).map(([key, kind]) => [key, sample[kind as FieldKind]]),
      );
      await dispatch(host, session, op, args, capabilities);
      seen[op] = [...calls];
    }
    expect(seen).toEqual({
      session: [],
      listBoards: ['list([])', 'recent([])'],
      openBoard: ['open(["x"])'],
      saveBoard: ['save(["x","x",{"overwrite":false}])'],
      autosave: ['autosave(["x","x","y"])'],
      listRecoveries: ['recoveries([])'],
      getRecovery: ['recovery(["x"])'],
      discardRecovery: ['discardRecovery(["x"])'],
      hostWorkshop: ['hostWorkshop(["x"])'],
      stopWorkshop: ['stopWorkshop([])'],
      exportBoard: ['exportBoard(["x","x"])'],
      previewGenerate: ['preview(["/boards","x","x",["z"]])'],
      generate: ['generate(["/boards","x","x","x"])'],
      startPlay: ['start(["x","y"])'],
      attachPlay: ['attach(["x","x"])'],
      playState: ['state(["x"])'],
      playUpdate: ['update(["x"])'],
      playSend: ['send(["x","x","x"])'],
      playRows: ['rows(["x","x"])'],
      stopPlay: ['stop([])'],
    });
    expect(await dispatch(host, session, 'getRecovery', { key: 'k' })).toBeNull();
  });

  it('refuses an operation the contract does not have, on every way in', async () => {
    const host = new BoardHost(await mkdtemp(join(tmpdir(), 'sb-ipc-')));
    await expect(dispatch(host, session, 'toString' as never, {})).rejects.toThrow('Unknown operation "toString".');
    expect(await handleInvoke(host, session, 'toString', app, {})).toEqual({
      ok: false,
      error: 'Unknown operation "toString".',
    });
  });
});
