import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { BoardHost } from '../../electron/host/board-host.ts';
import type { Session } from '../../contract/host-results.ts';
import { handleInvoke } from '../../electron/main/ipc.ts';
import { DesktopWorkshop, desktopCsp, listenFromArgv } from '../../electron/main/workshop.ts';
import { readBoard } from '../../model/collab/board-doc.ts';
import { reachableAddresses } from '../../electron/host/network.ts';
import { ENDED } from '../../electron/host/workshop-server.ts';
import { WORKSHOP_CLOSE, WORKSHOP_MESSAGE } from '../../contract/workshop-wire.ts';
import { connectClient, until } from './workshop-client.ts';

// Electron cannot run here: these drive the main process's side of "Host a workshop" (the IPC
// handler with the capability main.ts registers, and the server it starts) without a window.

const ROOT = join(import.meta.dirname, '..', '..');
const fromApp = { senderFrame: { url: 'app://stormbench/index.html' } } as never;

/** The board a WebSocket client gets from the session after the sync handshake. */
function boardOverSocket(url: string, token: string): Promise<{ names: string[]; status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}?token=${token}`);
    const doc = new Y.Doc();
    ws.once('unexpected-response', (_req, res) => resolve({ names: [], status: res.statusCode ?? 0 }));
    ws.once('error', reject);
    ws.on('open', () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
      ws.send(encoding.toUint8Array(e));
    });
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      const sub = syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, ws);
      if (sub !== syncProtocol.messageYjsSyncStep2) return;
      ws.close();
      resolve({
        names: readBoard(doc, { format: 'stormbench.board', formatVersion: 1 }).elements.map((el) => el.name),
        status: 101,
      });
    });
  });
}

describe("the desktop window's CSP and --host", () => {
  it("lets the window open the workshop's WebSocket on this machine, and nothing else changes", () => {
    expect(desktopCsp('127.0.0.1')).toContain("connect-src 'self' ws://127.0.0.1:*;");
    expect(desktopCsp('0.0.0.0')).toContain("connect-src 'self' ws://127.0.0.1:*;");
    expect(desktopCsp('192.168.1.20')).toContain("connect-src 'self' ws://127.0.0.1:*;");
    expect(desktopCsp('::1')).toContain("connect-src 'self' ws://[::1]:*;");
    expect(desktopCsp('127.0.0.1').replace(' ws://127.0.0.1:*', '')).toMatch(/^default-src 'self'; script-src/);
  });

  it('reads --host from the command line main.ts gets, falling back to loopback with a warning', () => {
    expect(listenFromArgv(['main.js', 'b.storm.json'])).toBe('127.0.0.1');
    expect(listenFromArgv(['main.js', '--host', '0.0.0.0'])).toBe('0.0.0.0');
    const warnings: string[] = [];
    expect(listenFromArgv(['main.js', '--host', 'not an address'], (w) => warnings.push(w))).toBe('127.0.0.1');
    expect(warnings[0]).toMatch(/--host must be .* Workshops will listen on 127\.0\.0\.1\./);
  });
});

describe('"Host a workshop" in the desktop window', () => {
  let folder: string;
  let current: { host: BoardHost; session: Session };
  let desktop: DesktopWorkshop;
  const notices: string[] = [];

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-desktop-'));
    folder = join(dir, 'boards');
    await mkdir(folder);
    await mkdir(join(dir, 'app'));
    await writeFile(join(dir, 'app', 'index.html'), '<!doctype html><title>stormbench app</title>');
    await copyFile(join(ROOT, 'examples', 'small.storm.json'), join(folder, 'cafe.storm.json'));
    await copyFile(join(ROOT, 'examples', 'small.storm.json'), join(folder, 'other.storm.json'));
    current = { host: new BoardHost(folder), session: { folder, mode: 'electron' } };
    desktop = new DesktopWorkshop({ appDir: join(dir, 'app'), listen: '127.0.0.1', notice: (t) => notices.push(t) });
  });
  afterAll(async () => {
    await desktop?.close();
  });

  const invoke = (name: string) =>
    handleInvoke(
      current.host,
      current.session,
      'hostWorkshop',
      fromApp,
      { name },
      desktop.capabilities(() => current),
    );

  it('says "save first" for a board with no file, and is not there without the capability', async () => {
    expect(await invoke('unsaved.storm.json')).toEqual({
      ok: false,
      error: 'Save the board first: a workshop hosts a board file.',
    });
    expect(
      await handleInvoke(current.host, current.session, 'hostWorkshop', fromApp, { name: 'cafe.storm.json' }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('not there yet') });
  });

  it("starts a server for the participants' browsers and hands the window its tokens, links and socket", async () => {
    const reply = await invoke('cafe.storm.json');
    expect(reply.ok).toBe(true);
    const info = (reply as { result: NonNullable<Session['workshop']> }).result;
    const port = Number(/^ws:\/\/127\.0\.0\.1:(\d+)\/workshop$/.exec(info.socketUrl!)![1]);
    expect(info).toMatchObject({
      board: 'cafe.storm.json',
      joinLinks: [`http://127.0.0.1:${port}/?join=${info.joinToken}&board=cafe.storm.json`],
    });
    expect(info.facilitatorToken).not.toBe(info.joinToken);
    expect(current.session.workshop).toEqual(info);
    expect(notices.at(-1)).toContain(info.joinLinks![0]);

    // A participant's browser gets the app from the join link, and the board over the socket.
    const page = await fetch(info.joinLinks![0]!);
    expect(await page.text()).toContain('<title>stormbench app</title>');
    const board = await boardOverSocket(info.socketUrl!, info.joinToken);
    expect(board.status).toBe(101);
    expect(board.names.length).toBeGreaterThan(3);
    expect(await boardOverSocket(info.socketUrl!, 'wrong')).toEqual({ names: [], status: 401 });

    // Nobody needs the server's API (the window talks over IPC): it answers no one without the key.
    const api = await fetch(`http://127.0.0.1:${port}/api/listBoards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-stormbench': '1' },
      body: '{}',
    });
    expect(api.status).toBe(401);
  });

  it('gives the same session to a second call, and refuses a second board while one runs', async () => {
    const first = current.session.workshop!;
    expect(await invoke('cafe.storm.json')).toEqual({ ok: true, result: first });
    expect(await invoke('other.storm.json')).toEqual({
      ok: false,
      error:
        'A workshop on cafe.storm.json is already running in this window; stop hosting it (in the workshop bar) before hosting another.',
    });
  });

  it('stops hosting on the window\'s "Stop hosting": the participants are told, the board is saved, another can be hosted', async () => {
    const info = current.session.workshop!;
    const ann = connectClient(info.socketUrl!, info.joinToken);
    const bo = connectClient(info.socketUrl!, info.joinToken);
    await Promise.all([ann.synced, bo.synced]);
    ann.doc.getMap('meta').set('name', 'Renamed by Ann');
    // Relayed to Bo, so the host has it.
    await until(() => bo.doc.getMap('meta').get('name') === 'Renamed by Ann', 'the rename to reach Bo');
    const stop = await handleInvoke(
      current.host,
      current.session,
      'stopWorkshop',
      fromApp,
      {},
      desktop.capabilities(() => current),
    );
    expect(stop).toEqual({ ok: true, result: { board: 'cafe.storm.json' } });
    expect(await ann.closed).toMatchObject({ code: WORKSHOP_CLOSE.ended });
    expect(ann.sentences).toEqual([{ type: WORKSHOP_MESSAGE.ended, text: ENDED }]);
    bo.close();
    expect(current.session.workshop).toBeUndefined();
    expect(JSON.parse(await readFile(join(folder, 'cafe.storm.json'), 'utf8')).name).toBe('Renamed by Ann');
    expect(
      await handleInvoke(
        current.host,
        current.session,
        'stopWorkshop',
        fromApp,
        {},
        desktop.capabilities(() => current),
      ),
    ).toEqual({ ok: false, error: 'No workshop is hosted in this window: there is nothing to stop.' });
    expect((await invoke('other.storm.json')).ok).toBe(true);
  });

  it('stops the server when the app quits', async () => {
    const port = Number(/:(\d+)\//.exec(current.session.workshop!.joinLinks![0]!)![1]);
    await desktop.close();
    expect(desktop.running).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});

const ADDRESS = reachableAddresses('0.0.0.0')[0];

describe.skipIf(!ADDRESS)(
  `the desktop window hosting on one network address (${ADDRESS ?? 'skipped: this machine has none but loopback'})`,
  () => {
    it('links the participants to that address and the window to a loopback socket', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sb-desktop-net-'));
      await writeFile(join(dir, 'index.html'), '<!doctype html><title>stormbench app</title>');
      await copyFile(join(ROOT, 'examples', 'small.storm.json'), join(dir, 'cafe.storm.json'));
      const current = { host: new BoardHost(dir), session: { folder: dir, mode: 'electron' as const } as Session };
      const desktop = new DesktopWorkshop({ appDir: dir, listen: ADDRESS!, notice: () => undefined });
      try {
        const reply = await handleInvoke(
          current.host,
          current.session,
          'hostWorkshop',
          fromApp,
          { name: 'cafe.storm.json' },
          desktop.capabilities(() => current),
        );
        const info = (reply as { result: NonNullable<Session['workshop']> }).result;
        expect(info.joinLinks).toEqual([
          expect.stringMatching(
            new RegExp(
              `^http://${ADDRESS!.replace(/\./g, '\\.')}:\\d+/\\?join=${info.joinToken}&board=cafe\\.storm\\.json$`,
            ),
          ),
        ]);
        expect(info.socketUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/workshop$/);
        expect(await (await fetch(info.joinLinks![0]!)).text()).toContain('stormbench app');
        expect((await boardOverSocket(info.socketUrl!, info.facilitatorToken)).status).toBe(101);
        expect((await boardOverSocket(info.socketUrl!, 'nope')).status).toBe(401);
        expect((await fetch(info.socketUrl!.replace(/^ws/, 'http'))).status).toBe(404);
      } finally {
        await desktop.close();
      }
    });
  },
);
