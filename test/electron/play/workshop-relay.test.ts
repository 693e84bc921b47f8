import { describe, expect, it } from 'vitest';
import type { PlayEntry, PlayRows, PlaySnapshot } from '../../../contract/play.ts';
import { trackPlay } from '../../../electron/host/play/running.ts';
import { PlayRelayReader } from '../../../electron/host/play/workshop-relay.ts';

// What a workshop relays of play to its participants: everything to a page that joins, then only
// what changed, and the whole timeline again when a new play starts.

function entry(position: number): PlayEntry {
  return {
    position,
    id: `e${position}`,
    context: 'sales',
    stream: 's',
    type: 'OrderPlaced',
    version: 1,
    data: {},
    recordedAt: '',
    commandId: 'c',
    elementIds: ['evt'],
  };
}

class FakePlay {
  generation = 1;
  entries: PlayEntry[] = [];
  status: PlaySnapshot['status'] = 'running';
  rowsAsked = 0;
  // One map object per play, as a real play keeps it until it starts again.
  map: PlaySnapshot['map'] = {
    commands: [],
    events: [],
    policies: [],
    readModels: [{ contextId: 'sales', type: 'MyOrders', name: 'My orders', elementIds: ['rm'] }],
  };
  constructor(readonly folder: string) {}
  state(after: string): PlaySnapshot {
    const from = Number(after);
    return {
      status: this.status,
      readOnly: false,
      boardName: 'b',
      where: 'w',
      progress: { done: 1, total: 1, step: '' },
      services: [
        {
          contextId: 'sales',
          contextName: 'Sales',
          packageName: 'sales',
          state: 'running',
          url: 'http://127.0.0.1:4000',
          reasons: [],
          notes: [],
        },
      ],
      map: this.map,
      head: this.entries.length,
      entries: this.entries.filter((e) => e.position > from),
      counts: { evt: this.entries.length },
      refusals: [],
      lags: [],
    };
  }
  rows(context: string, model: string): PlayRows {
    this.rowsAsked++;
    return { contextId: context, type: model, rows: Array.from({ length: 80 }, (_, i) => ({ id: `r${i}`, doc: {} })) };
  }
  async stop(): Promise<void> {}
}

describe('the workshop relay of play', () => {
  it('sends everything first, then only what changed, and starts over with a new play', () => {
    const play = new FakePlay('/relay-test-folder');
    const reader = new PlayRelayReader(play.folder);
    expect(reader.next()).toBeUndefined(); // nothing plays in that folder yet
    trackPlay(play);
    play.entries = [entry(1), entry(2)];
    const first = reader.next()!;
    expect(first).toMatchObject({ play: 1, from: 0 });
    expect(first.snapshot.entries.map((e) => e.position)).toEqual([1, 2]);
    expect(first.rows![0]!.rows).toHaveLength(50);
    // The host's paths and the services' loopback addresses stay on the host.
    expect(first.snapshot.where).toBe('');
    expect(first.snapshot.services).toEqual([
      { contextId: 'sales', contextName: 'Sales', packageName: 'sales', state: 'running', reasons: [], notes: [] },
    ]);
    expect(reader.next()).toBeUndefined();

    play.entries.push(entry(3));
    const second = reader.next()!;
    expect(second.from).toBe(2);
    expect(second.snapshot.entries.map((e) => e.position)).toEqual([3]);
    // The sticky map went with the first relay; the pages hold it, so it is not sent again.
    expect(first.snapshot.map).toBe(play.map);
    expect(second.snapshot.map).toBeUndefined();
    expect(second.snapshot.mapId).toBe(first.snapshot.mapId);
    // A page that joins now gets the whole timeline, and the map.
    expect(reader.full()!.snapshot.entries).toHaveLength(3);
    expect(reader.full()!.snapshot.map).toBe(play.map);

    play.status = 'stopped';
    expect(reader.next()).toMatchObject({ from: 3, rows: [] });

    play.generation = 2;
    play.status = 'running';
    play.entries = [entry(1)];
    play.map = { ...play.map, readModels: [] };
    const restarted = reader.next()!;
    expect(restarted).toMatchObject({ play: 2, from: 0 });
    expect(restarted.snapshot.entries.map((e) => e.position)).toEqual([1]);
    // A new play, a new map: sent again.
    expect(restarted.snapshot.map).toBe(play.map);
  });
});
