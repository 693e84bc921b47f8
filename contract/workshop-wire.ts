import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PlayRelay } from './play.ts';

/**
 * The workshop's WebSocket protocol, shared by the page (renderer/src/workshop/session.svelte.ts)
 * and the host (electron/host/workshop-server.ts). Each frame is a message type, then its payload:
 * y-protocols' sync and awareness messages, the facilitator's lock, the host's acknowledgement
 * that the file holds everything up to a state vector, and the host's sentences for the pages: a
 * save that failed (to every page, until a later `saved`), and a change of this page's that the
 * host refused or undid (to that page only), and the end of the workshop (the facilitator stopped
 * hosting: to every page, before the host closes their connections), and play as it runs (to the
 * participants' pages only, which cannot ask the host's API: a `PlayRelay` as JSON; a page never
 * sends it, and the host closes a connection that does).
 */
export const WORKSHOP_MESSAGE = {
  sync: 0,
  awareness: 1,
  lock: 2,
  saved: 3,
  saveFailed: 4,
  refused: 5,
  ended: 6,
  play: 7,
} as const;
export type WorkshopMessage = (typeof WORKSHOP_MESSAGE)[keyof typeof WORKSHOP_MESSAGE];

/** Where the host takes the session's WebSocket, with the token as `?token=`. */
export const WORKSHOP_PATH = '/workshop';

/**
 * How the host closes a page's connection when the page must not simply reconnect: a change that
 * would make the board too large (reconnecting would send it again), a workshop that already has
 * as many participants' pages as it takes, and the end of the workshop.
 */
export const WORKSHOP_CLOSE = { tooLarge: 1009, full: 1013, ended: 4000 } as const;

/**
 * The link a participant opens: the app's address with the join token, and the board's file name,
 * which the page shows before joining (it asks the host nothing, and only the session tells it
 * more). The page reads it back with `readJoinLink`.
 */
export function joinLink(base: string, joinToken: string, board: string): string {
  return `${base}?join=${joinToken}&board=${encodeURIComponent(board)}`;
}

/** The join token and the board's file name from a page's query string, when it is a join link. */
export function readJoinLink(search: string): { token: string; board: string } | undefined {
  const params = new URLSearchParams(search);
  const token = params.get('join');
  // What the link says is only shown, never used as a file: kept to a name a title can hold.
  return token ? { token, board: (params.get('board') ?? '').slice(0, 200) } : undefined;
}

export function frame(type: WorkshopMessage, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** An awareness update or a saved state vector: one length-prefixed byte array. */
export function bytesFrame(
  type: typeof WORKSHOP_MESSAGE.awareness | typeof WORKSHOP_MESSAGE.saved,
  bytes: Uint8Array,
): Uint8Array {
  return frame(type, (e) => encoding.writeVarUint8Array(e, bytes));
}

export function lockFrame(locked: boolean): Uint8Array {
  return frame(WORKSHOP_MESSAGE.lock, (e) => encoding.writeVarUint(e, locked ? 1 : 0));
}

/** A frame's type, and a decoder at its payload. The type is a number: the sender may be anyone. */
export function readFrame(data: Uint8Array): { type: number; decoder: decoding.Decoder } {
  const decoder = decoding.createDecoder(data);
  return { type: decoding.readVarUint(decoder), decoder };
}

/** A sentence from the host: why a save failed, why a change was refused, that the workshop ended. */
export function sentenceFrame(
  type: typeof WORKSHOP_MESSAGE.saveFailed | typeof WORKSHOP_MESSAGE.refused | typeof WORKSHOP_MESSAGE.ended,
  sentence: string,
): Uint8Array {
  return frame(type, (e) => encoding.writeVarString(e, sentence));
}

/** The host's sentence, cut to what a bar can show: the page trusts the host, not the length. */
export function readSentence(decoder: decoding.Decoder): string {
  return decoding.readVarString(decoder).slice(0, MAX_SENTENCE_CHARS);
}

export const MAX_SENTENCE_CHARS = 600;

/** Play as the host relays it to a participant's page. */
export function playFrame(relay: PlayRelay): Uint8Array {
  return frame(WORKSHOP_MESSAGE.play, (e) => encoding.writeVarString(e, JSON.stringify(relay)));
}

export function readPlay(decoder: decoding.Decoder): PlayRelay {
  return JSON.parse(decoding.readVarString(decoder)) as PlayRelay;
}

export function readLock(decoder: decoding.Decoder): boolean {
  return decoding.readVarUint(decoder) === 1;
}
