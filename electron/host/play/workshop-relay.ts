import { PLAY_ROWS_SHOWN, type PlayRelay, type PlayRows, type PlaySnapshot } from '../../../contract/play.ts';
import { playIn, toWire, type WatchedPlay } from './running.ts';

/**
 * Play as a workshop relays it to the participants' pages, which cannot ask the host's API: the
 * play of the workshop's board folder (started or attached by the facilitator), read the way the
 * facilitator's page reads it (`playState`, `playRows`). Light: the workshop server loads it at start.
 */
export class PlayRelayReader {
  #generation = -1;
  #head = 0;
  #last = '';
  /** The map the participants' pages hold: the one sent last (a page that joins later gets `full`, with its map). */
  #mapId: number | undefined;

  constructor(readonly folder: string) {}

  /** Everything so far, for a page that has nothing yet (a participant who just joined). */
  full(): PlayRelay | undefined {
    const play = playIn(this.folder);
    const state = play?.state('0');
    const snapshot = state && forParticipants(state);
    return play && snapshot
      ? { play: play.generation, from: 0, snapshot: toWire(snapshot), rows: rowsOf(play, snapshot) }
      : undefined;
  }

  /** What changed since the last call, for every participant; undefined when nothing did. */
  next(): PlayRelay | undefined {
    const play = playIn(this.folder);
    if (!play) return undefined;
    const restarted = play.generation !== this.#generation;
    const from = restarted ? 0 : this.#head;
    const state = play.state(String(from));
    if (!state) return undefined;
    const snapshot = forParticipants(state);
    const wire = toWire(snapshot, this.#mapId);
    // What changed, told apart without the map (150 kB on a big board, written out every 300 ms before).
    const { entries, map: _map, ...rest } = wire;
    const key = JSON.stringify(rest);
    if (!restarted && entries.length === 0 && key === this.#last) return undefined;
    this.#generation = play.generation;
    this.#head = entries.at(-1)?.position ?? from;
    this.#last = key;
    this.#mapId = wire.mapId;
    return { play: play.generation, from, snapshot: wire, rows: rowsOf(play, snapshot) };
  }
}

/**
 * What a participant's page is shown: not the host's own folders and paths (`where`) nor the
 * services' loopback addresses, which only the facilitator's machine can reach.
 */
function forParticipants(snapshot: PlaySnapshot): PlaySnapshot {
  return { ...snapshot, where: '', services: snapshot.services.map(({ url: _url, ...service }) => service) };
}

/** Each read model's rows as its service holds them now (none while play is not running). */
function rowsOf(play: WatchedPlay, snapshot: PlaySnapshot): PlayRows[] {
  if (snapshot.status !== 'running') return [];
  return snapshot.map.readModels.flatMap((m) => {
    try {
      const rows = play.rows(m.contextId, m.type);
      return [{ ...rows, rows: rows.rows.slice(0, PLAY_ROWS_SHOWN) }];
    } catch {
      // A service restarting after an edit: its rows come with the next relay.
      return [];
    }
  });
}
