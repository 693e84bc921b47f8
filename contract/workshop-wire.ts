import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The workshop's WebSocket protocol, shared by the page (renderer/src/workshop/session.svelte.ts)
 * and the host (electron/host/workshop-server.ts). Each frame is a message type, then its payload:
 * y-protocols' sync and awareness messages, the facilitator's lock, and the host's
 * acknowledgement that the file holds everything up to a state vector.
 */
export const WORKSHOP_MESSAGE = { sync: 0, awareness: 1, lock: 2, saved: 3 } as const;
export type WorkshopMessage = (typeof WORKSHOP_MESSAGE)[keyof typeof WORKSHOP_MESSAGE];

/** Where the host takes the session's WebSocket, with the token as `?token=`. */
export const WORKSHOP_PATH = '/workshop';

export function frame(type: WorkshopMessage, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** An awareness update or a saved state vector: one length-prefixed byte array. */
export function bytesFrame(type: typeof WORKSHOP_MESSAGE.awareness | typeof WORKSHOP_MESSAGE.saved, bytes: Uint8Array): Uint8Array {
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

export function readLock(decoder: decoding.Decoder): boolean {
  return decoding.readVarUint(decoder) === 1;
}
