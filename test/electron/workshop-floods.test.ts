import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { bytesFrame, frame, WORKSHOP_MESSAGE } from '../../contract/workshop-wire.ts';
import * as syncProtocol from 'y-protocols/sync';
import { stickyIn, until, useTestWorkshop, type TestClient } from './workshop-client.ts';

// Issue 16, item 10: one participant registered 8,000 presences (every joiner then received
// 128 MB) and pushed a 150 MB board. The limits docs/workshop.md gives: 4 presences per
// connection, 8 MB of board (as Yjs encodes it); the WebSocket also checks Host and Origin.
const PRESENCES_PER_CONNECTION = 4;
const MAX_DOC_BYTES = 8 * 1024 * 1024;

const room = useTestWorkshop();
const join = () => room.join();

/** An awareness update with one small state for each id, as a hostile client would send it. */
function presences(ids: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, ids.length);
  for (const id of ids) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, JSON.stringify({ name: `ghost ${id}`, color: '#888888', selection: [] }));
  }
  return bytesFrame(WORKSHOP_MESSAGE.awareness, encoding.toUint8Array(e));
}

describe('presences', () => {
  it(`takes at most ${PRESENCES_PER_CONNECTION} from one connection, and closes a connection that sends more`, async () => {
    const ghost = join();
    await ghost.synced;
    ghost.send(presences([1, 2, 3]));
    await until(() => room.workshop.awareness.getStates().size === 3, 'three presences');
    ghost.send(presences([3, 4]));
    await until(() => room.workshop.awareness.getStates().size === 4, 'four presences');
    for (let n = 0; n < 2_000 && ghost.ws.readyState === WebSocket.OPEN; n++) ghost.send(presences([100 + n]));
    expect((await ghost.closed).code).toBe(1008);
    // Its presences go with it: a joiner after it receives none of them.
    await until(() => room.workshop.awareness.getStates().size === 0, "the ghost's presences to go");
    expect(room.notices.at(-1)).toMatch(/more than 4 presences/);
  });

  it('lets one page hold its own presence across a reconnect', async () => {
    const page = join();
    await page.synced;
    page.send(presences([7]));
    await until(() => room.workshop.awareness.getStates().has(7), 'the presence');
    // The same page on a new connection before the host noticed the old one drop.
    const again = join();
    await again.synced;
    for (let n = 0; n < 10; n++) again.send(presences([7]));
    again.send(presences([8, 9, 10]));
    await until(() => room.workshop.awareness.getStates().has(10), "the new connection's presences");
    expect(again.ws.readyState).toBe(WebSocket.OPEN);
  });
});

describe('the size of the board', () => {
  /** New stickies with long text, about `bytes` of them, in one update. */
  function bulk(client: TestClient, prefix: string, bytes: number): void {
    client.doc.transact(() => {
      for (let i = 0; i * 150_000 < bytes; i++) {
        const sticky = new Y.Map<unknown>();
        for (const [k, v] of Object.entries({
          id: `${prefix}-${i}`,
          kind: 'event',
          name: `${prefix} ${i}`,
          x: i * 200,
          y: 2_000,
          width: 160,
          height: 100,
          text: 'x'.repeat(150_000),
        }))
          sticky.set(k, v);
        client.doc.getMap('elements').set(`${prefix}-${i}`, sticky);
      }
    });
  }

  it('refuses a change that would take it past 8 MB, closes that connection, and the session goes on', async () => {
    const flood = join();
    const bo = join();
    await Promise.all([flood.synced, bo.synced]);
    for (let round = 0; round < 5 && flood.ws.readyState === WebSocket.OPEN; round++) {
      bulk(flood, `f${round}`, 2_500_000);
      await new Promise((r) => setTimeout(r, 200));
    }
    const closed = await flood.closed;
    expect(closed.code).toBe(1009);
    const refusal = flood.sentences.find((s) => s.type === WORKSHOP_MESSAGE.refused)?.text;
    expect(refusal).toMatch(
      /^The host refused your change: it would make the board larger than 8 MB, the most a workshop holds\. Reload this page to carry on with the board as the host has it, and delete something before adding more.$/,
    );
    expect(Y.encodeStateAsUpdate(room.workshop.doc).length).toBeLessThanOrEqual(MAX_DOC_BYTES);
    // Bo still edits, and the host still saves.
    (bo.doc.getMap('elements').get('hot-oat') as Y.Map<unknown>).set('name', 'Still here');
    await until(() => stickyIn(room.workshop.doc, 'hot-oat')?.name === 'Still here', "Bo's edit");
    await room.workshop.flush();
    expect(room.workshop.board().elements.find((e) => e.id === 'hot-oat')!.name).toBe('Still here');
    // A deletion is always taken, however full the board.
    const full = join();
    await full.synced;
    full.doc.getMap('elements').delete('f0-0');
    await until(() => !room.workshop.doc.getMap('elements').has('f0-0'), 'the deletion');
  });

  it('closes a connection whose changes wait on changes it never sent, past 4 MB', async () => {
    const sly = join();
    await sly.synced;
    // Three updates from one client; the host gets only the second and third, which wait on the first.
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    source.getMap('elements').set('seed', 1);
    for (let n = 0; n < 2; n++) source.getMap('order').set(`waiting-${n}`, 'x'.repeat(2_500_000));
    for (const update of updates.slice(1))
      sly.send(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update)));
    expect((await sly.closed).code).toBe(1008);
    expect(room.workshop.doc.store.pendingStructs).toBeNull();
  });
});

describe('the WebSocket upgrade', () => {
  function upgrade(headers: Record<string, string>): Promise<number> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${room.socketUrl}?token=${room.workshop.joinToken}`, { headers });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => {
        ws.close();
        resolve(101);
      });
      ws.once('error', () => resolve(-1));
    });
  }

  it('checks Host and Origin as the API does: a page of another site, or another name for this server, gets nothing', async () => {
    const port = room.server.port;
    expect(await upgrade({})).toBe(101);
    expect(await upgrade({ origin: `http://127.0.0.1:${port}` })).toBe(101);
    expect(await upgrade({ origin: `http://localhost:${port}`, host: `localhost:${port}` })).toBe(101);
    // The desktop window's page comes from app://stormbench.
    expect(await upgrade({ origin: 'app://stormbench' })).toBe(101);
    expect(await upgrade({ origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade({ origin: `http://127.0.0.1:${port + 1}` })).toBe(403);
    expect(await upgrade({ origin: 'null' })).toBe(403);
    expect(await upgrade({ host: `evil.example:${port}` })).toBe(421);
    expect(await upgrade({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` })).toBe(421);
  });
});
