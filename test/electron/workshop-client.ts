import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { BoardHost } from '../../electron/host/board-host.ts';
import { openWorkshop } from '../../electron/host/hosted-workshop.ts';
import { startAppServer, type AppServer } from '../../electron/host/http-server.ts';
import type { WorkshopServer } from '../../electron/host/workshop-server.ts';
import { frame, readFrame, WORKSHOP_MESSAGE, WORKSHOP_PATH } from '../../contract/workshop-wire.ts';
import { lateView } from '../support/late-view.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** A workshop on loopback, as `stormbench serve BOARD --workshop` runs it, in this process. */
export interface TestWorkshop {
  workshop: WorkshopServer;
  server: AppServer;
  folder: string;
  file: string;
  socketUrl: string;
  notices: string[];
  close(): Promise<void>;
}

export async function startTestWorkshop(example = 'small.storm.json'): Promise<TestWorkshop> {
  const folder = await mkdtemp(join(tmpdir(), 'sb-workshop-'));
  await mkdir(join(folder, 'app'));
  await copyFile(join(ROOT, 'examples', example), join(folder, 'room.storm.json'));
  const host = new BoardHost(folder);
  const notices: string[] = [];
  const workshop = await openWorkshop(host, 'room.storm.json', (text) => notices.push(text));
  const server = await startAppServer({
    host,
    session: { folder, mode: 'browser' },
    appDir: join(folder, 'app'),
    workshop,
  });
  return {
    workshop,
    server,
    folder,
    file: join(folder, 'room.storm.json'),
    socketUrl: `ws://127.0.0.1:${server.port}${WORKSHOP_PATH}`,
    notices,
    close: async () => {
      await workshop.close();
      await server.close();
    },
  };
}

/** A test's workshop (`useTestWorkshop`): the workshop's parts, and `join`, which connects a client closed after the test. */
export type UsedWorkshop = Omit<TestWorkshop, 'close'> & {
  /** Connects a client with a token (a participant's by default), closed after the test. */
  join(token?: string): TestClient;
};

/** A fresh workshop for every test of the file (or `describe`), and the clients a test joins, closed after it. */
export function useTestWorkshop(example = 'small.storm.json'): UsedWorkshop {
  let current: UsedWorkshop | undefined;
  let close: (() => Promise<void>) | undefined;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    const { close: closeWorkshop, ...workshop } = await startTestWorkshop(example);
    close = closeWorkshop;
    current = {
      ...workshop,
      join(token = workshop.workshop.joinToken) {
        const client = connectClient(workshop.socketUrl, token);
        clients.push(client);
        return client;
      },
    };
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await close?.();
    current = undefined;
  });
  return lateView(() => current, 'beforeEach');
}

/** A participant as a Node client: its own Y.Doc, synced with the host the way the page does. */
export interface TestClient {
  doc: Y.Doc;
  ws: WebSocket;
  /** The host's sentences to this client, by message type (saveFailed, refused, ended). */
  sentences: Array<{ type: number; text: string }>;
  saved: number;
  synced: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  send(message: Uint8Array): void;
  close(): void;
}

export function connectClient(url: string, token: string, headers: Record<string, string> = {}): TestClient {
  const doc = new Y.Doc();
  const ws = new WebSocket(`${url}?token=${token}`, { headers });
  let markSynced!: () => void;
  const synced = new Promise<void>((resolve) => (markSynced = resolve));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => undefined);
  const client: TestClient = {
    doc,
    ws,
    sentences: [],
    saved: 0,
    synced,
    closed,
    send: (message) => {
      if (ws.readyState === ws.OPEN) ws.send(message);
    },
    close: () => ws.close(),
  };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== ws) client.send(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update)));
  });
  ws.on('open', () => client.send(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, doc))));
  ws.on('message', (data: Buffer) => {
    const { type, decoder } = readFrame(new Uint8Array(data));
    if (type === WORKSHOP_MESSAGE.sync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, WORKSHOP_MESSAGE.sync);
      const sub = syncProtocol.readSyncMessage(decoder, encoder, doc, ws);
      if (encoding.length(encoder) > 1) client.send(encoding.toUint8Array(encoder));
      if (sub === syncProtocol.messageYjsSyncStep2) markSynced();
    } else if (type === WORKSHOP_MESSAGE.saved) client.saved++;
    else if (
      type === WORKSHOP_MESSAGE.saveFailed ||
      type === WORKSHOP_MESSAGE.refused ||
      type === WORKSHOP_MESSAGE.ended
    )
      client.sentences.push({ type, text: decoding.readVarString(decoder) });
  });
  return client;
}

/** A sticky's fields as the client's doc holds them. */
export function stickyIn(doc: Y.Doc, id: string): Record<string, unknown> | undefined {
  const entry = doc.getMap('elements').get(id);
  return entry instanceof Y.Map ? (entry.toJSON() as Record<string, unknown>) : undefined;
}

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 3_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
