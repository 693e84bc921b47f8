import type { PlayMap, PlayRows, PlaySnapshot, PlaySnapshotWire } from '../../../contract/play.ts';

// The plays of this process, so that stopping the server stops their services too, and a
// workshop on a board folder relays that folder's play to its participants. Light on purpose: the
// server imports it at start, long before (or without) anyone playing.

/** What a play shows to those who only watch (electron/host/play/play-host.ts's PlayHost). */
export interface WatchedPlay {
  readonly folder: string;
  /** Counts each Play or attach of this folder: a new one restarts the timeline. */
  readonly generation: number;
  state(after: string): PlaySnapshot | null;
  rows(context: string, model: string): PlayRows;
  stop(): Promise<unknown>;
}

const RUNNING = new Set<WatchedPlay>();

export function trackPlay(play: WatchedPlay): void {
  RUNNING.add(play);
}

/** The play of a board folder, when one was started in this process. */
export function playIn(folder: string): WatchedPlay | undefined {
  for (const play of RUNNING) if (play.folder === folder) return play;
  return undefined;
}

/** Stops every play of this process (their services close their logs cleanly). */
export async function stopEveryPlay(): Promise<void> {
  await Promise.all([...RUNNING].map((p) => p.stop()));
}

const MAP_IDS = new WeakMap<PlayMap, number>();
let nextMapId = 1;

/**
 * A snapshot for the wire (`playState`, the workshop relay): its map's id, and the map itself
 * unless the receiver holds that one (`known`). A play keeps one map object until it is started
 * again or its board changes, so the id follows the object.
 */
export function toWire(snapshot: PlaySnapshot, known?: number): PlaySnapshotWire {
  let id = MAP_IDS.get(snapshot.map);
  if (id === undefined) {
    id = nextMapId++;
    MAP_IDS.set(snapshot.map, id);
  }
  const { map, ...rest } = snapshot;
  return id === known ? { ...rest, mapId: id } : { ...rest, map, mapId: id };
}
