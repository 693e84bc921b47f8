/**
 * Issue 16, item 10, measured again: one participant floods the real `stormbench serve BOARD
 * --workshop` with presences and then with board content, reconnecting whenever the host closes
 * it, while an honest client measures its round trip to the host (sync step 1 → step 2). Reports
 * what the host took, what a joiner receives, the host's memory (VmRSS) and the round trips.
 *
 *   npx tsx bench/workshop-flood.ts [--presences 8000] [--megabytes 150]
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { bytesFrame, frame, readFrame, WORKSHOP_MESSAGE, WORKSHOP_PATH } from '../contract/workshop-wire.ts';

const ROOT = join(import.meta.dirname, '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
};
const PRESENCES = arg('--presences', 8_000);
const MEGABYTES = arg('--megabytes', 150);

const folder = await mkdtemp(join(tmpdir(), 'sb-flood-'));
await copyFile(join(ROOT, 'examples', 'workshop.storm.json'), join(folder, 'room.storm.json'));
const host = spawn(
  process.execPath,
  [join(ROOT, 'bin', 'stormbench'), 'serve', join(folder, 'room.storm.json'), '--workshop'],
  { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
);
const [url, token] = await new Promise<[string, string]>((resolve, reject) => {
  let output = '';
  host.stdout!.on('data', (d: Buffer) => {
    output += d.toString();
    const m = /join at http:\/\/(127\.0\.0\.1:\d+)\/\?join=([\w-]+)/.exec(output);
    if (m) resolve([`ws://${m[1]}${WORKSHOP_PATH}`, m[2]!]);
  });
  host.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
});

/** The host's resident memory in MB, from its /proc entry. */
async function hostMb(): Promise<number> {
  const status = await readFile(`/proc/${host.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}?token=${token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Joins and counts the bytes the host sends until it goes quiet: all, and of awareness. */
async function joined(): Promise<{ all: number; awareness: number }> {
  const ws = await open();
  const got = { all: 0, awareness: 0 };
  let last = Date.now();
  ws.on('message', (d: Buffer) => {
    got.all += d.length;
    if (readFrame(new Uint8Array(d)).type === WORKSHOP_MESSAGE.awareness) got.awareness += d.length;
    last = Date.now();
  });
  ws.send(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc())));
  while (Date.now() - last < 500) await new Promise((r) => setTimeout(r, 100));
  ws.close();
  return got;
}
const joinerAwareness = async () => (await joined()).awareness;
const joinerBytes = async () => (await joined()).all;

// --- presences: one per message (the host's limit is per connection, whatever the messages).
let sent = 0;
{
  const ws = await open();
  let closed = false;
  ws.on('close', () => (closed = true));
  for (; sent < PRESENCES && !closed; sent++) {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 1_000 + sent);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, JSON.stringify({ name: 'x'.repeat(16_000) }));
    ws.send(bytesFrame(WORKSHOP_MESSAGE.awareness, encoding.toUint8Array(e)));
    // One at a time: the host's close comes before the next.
    await new Promise((r) => setTimeout(r, 50));
  }
  // A second flooder on another connection, at the limit and still open, for the joiner to receive.
  const second = await open();
  for (let i = 0; i < 4; i++) {
    const one = encoding.createEncoder();
    encoding.writeVarUint(one, 1);
    encoding.writeVarUint(one, 2_000 + i);
    encoding.writeVarUint(one, 1);
    encoding.writeVarString(one, JSON.stringify({ name: 'x'.repeat(16_000) }));
    second.send(bytesFrame(WORKSHOP_MESSAGE.awareness, encoding.toUint8Array(one)));
  }
  await new Promise((r) => setTimeout(r, 1_000));
  console.log(
    `presences: the host closed the first flooder after ${sent} sent (${closed ? 'closed' : 'still open'}); a joiner then receives ${(await joinerAwareness()).toLocaleString('en')} bytes of presences`,
  );
  second.close();
}

// --- board flood: new stickies with long text, 3.5 MB per update, reconnecting after each close.
const pings: number[] = [];
const honest = await open();
const honestDoc = new Y.Doc();
let pingStart = 0;
// Kept in sync, so that its sync step 1 asks only for what it lacks: the reply is small.
honest.on('message', (d: Buffer) => {
  const { type, decoder } = readFrame(new Uint8Array(d));
  if (type !== WORKSHOP_MESSAGE.sync) return;
  const reply = encoding.createEncoder();
  const sub = syncProtocol.readSyncMessage(decoder, reply, honestDoc, honest);
  if (sub === syncProtocol.messageYjsSyncStep2 && pingStart) {
    pings.push(performance.now() - pingStart);
    pingStart = 0;
  }
});
honest.send(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, honestDoc)));
await new Promise((r) => setTimeout(r, 1_000));
const pinger = setInterval(() => {
  if (pingStart) return;
  pingStart = performance.now();
  honest.send(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, honestDoc)));
}, 100);

let pushed = 0;
let refusals = 0;
let peakMb = await hostMb();
const started = Date.now();
while (pushed < MEGABYTES * 1024 * 1024) {
  const ws = await open();
  const doc = new Y.Doc();
  let closed = false;
  ws.on('close', () => (closed = true));
  ws.on('message', (d: Buffer) => {
    if (readFrame(new Uint8Array(d)).type === WORKSHOP_MESSAGE.refused) refusals++;
  });
  while (!closed && pushed < MEGABYTES * 1024 * 1024) {
    const update = (() => {
      const updates: Uint8Array[] = [];
      doc.once('update', (u: Uint8Array) => updates.push(u));
      doc.transact(() => {
        for (let i = 0; i < 23; i++) {
          const id = `flood-${pushed}-${i}`;
          const sticky = new Y.Map<unknown>();
          for (const [k, v] of Object.entries({
            id,
            kind: 'event',
            name: id,
            x: 0,
            y: 0,
            width: 160,
            height: 100,
            text: 'x'.repeat(150_000),
          }))
            sticky.set(k, v);
          doc.getMap('elements').set(id, sticky);
        }
      });
      return updates[0]!;
    })();
    ws.send(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update)));
    pushed += update.length;
    await new Promise((r) => setTimeout(r, 50));
    peakMb = Math.max(peakMb, await hostMb());
  }
  ws.close();
}
clearInterval(pinger);
await new Promise((r) => setTimeout(r, 1_000));
const sorted = [...pings].sort((a, b) => a - b);
const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);
console.log(
  `board flood: pushed ${(pushed / 1024 / 1024).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(0)} s; ${refusals} refusals; a joiner then receives ${((await joinerBytes()) / 1024 / 1024).toFixed(1)} MB; host memory peak ${peakMb} MB, at the end ${await hostMb()} MB`,
);
console.log(
  `honest round trips during the flood (sync step 1 → 2): median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${Math.round(sorted.at(-1) ?? NaN)} ms (${pings.length})`,
);
honest.close();
host.kill('SIGTERM');
await new Promise((r) => host.once('exit', r));
await rm(folder, { recursive: true });
