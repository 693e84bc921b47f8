import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Board, Element } from '../../../model/board/types.ts';
import { readBoard, writeBoard } from '../../../model/collab/board-doc.ts';
import { BoardGuard, UNDONE } from '../../../model/collab/board-guard.ts';

const base = { format: 'stormbench.board', formatVersion: 1 } as const;
const start: Board = {
  ...base,
  name: 'B',
  contexts: [{ id: 'c', name: 'Sales', x: 0, y: 0, width: 400, height: 300 }],
  elements: [{ id: 's', kind: 'event', name: 'Paid', x: 0, y: 0, width: 160, height: 100, context: 'c' } as Element],
  links: [],
};

/** The host's doc with its guard, and a peer that holds the same board. */
function session(): { host: Y.Doc; guard: BoardGuard; peer: Y.Doc; send(): string[] } {
  const host = new Y.Doc();
  writeBoard(host, undefined, start, 'load');
  host.getMap('meta').set('file', 'b.storm.json');
  const guard = new BoardGuard(host, start);
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(host));
  // What the peer has that the host has not, as the page sends it; the host's answer goes back.
  const send = () => {
    const undone = guard.apply(Y.encodeStateAsUpdate(peer, Y.encodeStateVector(host)), peer);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(host, Y.encodeStateVector(peer)));
    return undone;
  };
  return { host, guard, peer, send };
}
const sticky = (doc: Y.Doc) => doc.getMap('elements').get('s') as Y.Map<unknown>;

describe("the host's guard over a peer's updates", () => {
  it("undoes a refused field, and the peer's next edit (built on it) still arrives", () => {
    const { host, peer, send } = session();
    const hostId = host.clientID;
    sticky(peer).set('width', -1);
    expect(send()).toEqual(['The event "Paid" (s) has "width" set to -1, which must be > 0.']);
    expect(sticky(host).get('width')).toBe(160);
    expect(sticky(peer).get('width')).toBe(160);
    expect(host.clientID).toBe(hostId);
    sticky(peer).set('name', 'Paid in full');
    expect(send()).toEqual([]);
    expect(host.store.pendingStructs).toBeNull();
    expect(readBoard(host, base).elements[0]).toEqual({ ...start.elements[0], name: 'Paid in full' });
  });

  it('holds the undoing in the same transaction as the update, so the update relayed holds only the result', () => {
    const { host, peer } = session();
    const guard = new BoardGuard(host, start);
    const relayed: Array<{ update: Uint8Array; undone: boolean }> = [];
    host.on('update', (update: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) =>
      relayed.push({ update, undone: tr.meta.has(UNDONE) }),
    );
    sticky(peer).set('text', 'x'.repeat(300_000));
    guard.apply(Y.encodeStateAsUpdate(peer, Y.encodeStateVector(host)), peer);
    expect(relayed).toHaveLength(1);
    expect(relayed[0]!.undone).toBe(true);
    expect(relayed[0]!.update.length).toBeLessThan(1_000);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(host));
    expect(sticky(other).get('text')).toBeUndefined();
  });

  it('keeps a change another peer made to the same sticky at the same time', () => {
    const { host, peer, guard } = session();
    const bo = new Y.Doc();
    Y.applyUpdate(bo, Y.encodeStateAsUpdate(host));
    sticky(bo).set('x', 480);
    guard.apply(Y.encodeStateAsUpdate(bo, Y.encodeStateVector(host)), bo);
    sticky(peer).set('height', 0);
    guard.apply(Y.encodeStateAsUpdate(peer, Y.encodeStateVector(host)), peer);
    expect(sticky(host).toJSON()).toEqual({ ...start.elements[0], x: 480 });
  });

  it('drops a list written into a map, a non-number order, and a nested type that breaks the format', () => {
    const { host, peer, send } = session();
    const order = host.getMap('order').get('s');
    // Y.Array's insert on a Y.Map: the list part no board ever uses.
    Y.Array.prototype.insert.call(peer.getMap('elements') as never, 0, ['junk'.repeat(1000)]);
    peer.getMap('order').set('s', 'first');
    const versions = new Y.Map<unknown>();
    versions.set('v', 1);
    sticky(peer).set('versions', versions);
    const undone = send();
    expect(undone).toEqual([
      'The event "Paid" (s) has "versions" set to {"v":1}, of the wrong type: it must be array.',
      'The order of the stickies must be numbers.',
    ]);
    expect(host.getMap('elements')._start?.deleted ?? true).toBe(true);
    expect(host.getMap('order').get('s')).toBe(order);
    expect(sticky(host).has('versions')).toBe(false);
    expect(readBoard(host, base)).toEqual(start);
  });

  it('refuses, before applying it, an update that writes a map of its own beside the board', () => {
    const { host, guard, peer } = session();
    peer.getMap('junk').set('a', 'x'.repeat(1000));
    const update = Y.encodeStateAsUpdate(peer, Y.encodeStateVector(host));
    expect(() => guard.check(Y.decodeUpdate(update).structs)).toThrow('a change outside the board ("junk")');
  });

  it('lets a peer delete and rename, and lets only the host name the file', () => {
    const { host, peer, send } = session();
    peer.getMap('meta').set('name', 'Renamed');
    peer.getMap('meta').set('file', '../elsewhere.storm.json');
    peer.getMap('elements').delete('s');
    expect(send()).toEqual(['The board\'s "file" is the host\'s to write.']);
    expect(host.getMap('meta').toJSON()).toEqual({ name: 'Renamed', file: 'b.storm.json' });
    expect(readBoard(host, base).elements).toEqual([]);
  });
});
