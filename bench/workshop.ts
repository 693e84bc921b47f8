/**
 * A workshop under load: the real `stormbench serve BOARD --workshop`, and 30 simulated
 * participants (Node WebSocket clients speaking the same sync protocol as the app) each moving and
 * renaming their own sticky several times a second for a minute, on loopback. Reports the edits
 * per second the host relayed and saved, and the delay from an edit to its arrival on each of the
 * other clients (median, 95th percentile).
 *
 *   npx tsx bench/workshop.ts [--clients 30] [--seconds 60] [--rate 2]
 *
 * All clients live in this one process (one event loop), and the host in another, on a machine
 * whose cores they share: the delays include the clients' own decoding.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { BOARD_FORMAT, FORMAT_VERSION, type Board, type Element } from '../model/board/types.ts';
import { writeBoard } from '../model/collab/board-doc.ts';
import { frame, readFrame, WORKSHOP_MESSAGE, WORKSHOP_PATH } from '../contract/workshop-wire.ts';

const ROOT = join(import.meta.dirname, '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
};
const CLIENTS = arg('--clients', 30);
const SECONDS = arg('--seconds', 60);
const RATE = arg('--rate', 2); // edits per second per participant

async function startHost(folder: string): Promise<{ url: string; token: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'stormbench'), 'serve', join(folder, 'bench.storm.json'), '--workshop'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const [url, token] = await new Promise<[string, string]>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /join at http:\/\/(127\.0\.0\.1:\d+)\/\?join=([\w-]+)/.exec(output);
      if (m) resolve([`ws://${m[1]}${WORKSHOP_PATH}`, m[2]!]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return {
    url,
    token,
    stop: () =>
      new Promise((done) =>
        child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')),
      ),
  };
}

interface Client {
  doc: Y.Doc;
  ws: WebSocket;
  synced: Promise<void>;
}

const sentAt = new Map<string, number>();
const delays: number[] = [];
let received = 0;

function connect(url: string, token: string, index: number): Client {
  const doc = new Y.Doc();
  const ws = new WebSocket(`${url}?token=${token}`);
  let markSynced!: () => void;
  const synced = new Promise<void>((r) => (markSynced = r));
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== ws && ws.readyState === ws.OPEN)
      ws.send(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update)));
  });
  const elements = doc.getMap('elements');
  // Each sticky is a Y.Map of its fields: an arrival is a new sticky or a new name on one.
  elements.observeDeep((events, transaction) => {
    if (transaction.origin !== ws) return;
    const now = performance.now();
    for (const event of events as Array<Y.YMapEvent<unknown>>) {
      const stickies =
        event.target === elements
          ? [...event.keysChanged].map((key) => elements.get(key))
          : event.keysChanged.has('name')
            ? [event.target]
            : [];
      for (const sticky of stickies) {
        const name = sticky instanceof Y.Map ? sticky.get('name') : undefined;
        const sent = typeof name === 'string' ? sentAt.get(name) : undefined;
        if (sent !== undefined && !(name as string).startsWith(`c${index}:`)) {
          delays.push(now - sent);
          received++;
        }
      }
    }
  });
  ws.on('open', () => ws.send(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, doc))));
  ws.on('message', (data: Buffer) => {
    const { type, decoder } = readFrame(new Uint8Array(data));
    if (type !== WORKSHOP_MESSAGE.sync) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, WORKSHOP_MESSAGE.sync);
    const sub = syncProtocol.readSyncMessage(decoder, encoder, doc, ws);
    if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
    if (sub === syncProtocol.messageYjsSyncStep2) markSynced();
  });
  return { doc, ws, synced };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'stormbench-bench-workshop-'));
  await copyFile(join(ROOT, 'examples', 'workshop.storm.json'), join(folder, 'bench.storm.json'));
  const host = await startHost(folder);
  try {
    const clients = Array.from({ length: CLIENTS }, (_, i) => connect(host.url, host.token, i));
    await Promise.all(clients.map((c) => c.synced));
    const start = performance.now();
    let sent = 0;
    const timers = clients.map((client, i) => {
      let seq = 0;
      const id = `bench-${i}`;
      let before: Board | undefined;
      return setInterval(() => {
        const name = `c${i}:${seq++}`;
        sentAt.set(name, performance.now());
        // Only this client's sticky: writeBoard writes the fields that changed (name and x).
        const after: Board = {
          format: BOARD_FORMAT,
          formatVersion: FORMAT_VERSION,
          name: 'bench',
          contexts: [],
          links: [],
          elements: [
            { id, kind: 'event', name, x: (seq % 50) * 20, y: 5000 + i * 120, width: 160, height: 100 } as Element,
          ],
        };
        writeBoard(client.doc, before ?? { ...after, elements: [] }, after, null);
        before = after;
        sent++;
      }, 1000 / RATE);
    });
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    timers.forEach(clearInterval);
    const sendSeconds = (performance.now() - start) / 1000;
    await new Promise((r) => setTimeout(r, 2000));
    const expected = sent * (CLIENTS - 1);
    const sorted = [...delays].sort((a, b) => a - b);
    console.log(`${CLIENTS} participants, ${SECONDS} s, ${RATE} edits/s each, examples/workshop.storm.json`);
    console.log(
      `edits made: ${sent} (${(sent / sendSeconds).toFixed(1)}/s); arrivals: ${received} of ${expected} expected (${((100 * received) / expected).toFixed(2)}%)`,
    );
    console.log(
      `edit → arrival on another client: median ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`,
    );
    clients.forEach((c) => c.ws.close());
  } finally {
    await host.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
