import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { bytesFrame, frame, lockFrame, readFrame, readLock, WORKSHOP_MESSAGE } from '../../contract/workshop-wire.ts';

describe('the workshop wire', () => {
  it('puts the message type first, then the payload', () => {
    expect([...lockFrame(true)]).toEqual([2, 1]);
    expect([...lockFrame(false)]).toEqual([2, 0]);
    expect([...bytesFrame(WORKSHOP_MESSAGE.saved, new Uint8Array([7, 8]))]).toEqual([3, 2, 7, 8]);
    expect([...frame(WORKSHOP_MESSAGE.sync, (e) => encoding.writeVarString(e, 'a'))]).toEqual([0, 1, 97]);
  });

  it('reads back what it framed', () => {
    const lock = readFrame(lockFrame(true));
    expect(lock.type).toBe(WORKSHOP_MESSAGE.lock);
    expect(readLock(lock.decoder)).toBe(true);
    const saved = readFrame(bytesFrame(WORKSHOP_MESSAGE.awareness, new Uint8Array([5, 6, 7])));
    expect(saved.type).toBe(WORKSHOP_MESSAGE.awareness);
    expect([...decoding.readVarUint8Array(saved.decoder)]).toEqual([5, 6, 7]);
    expect(decoding.hasContent(saved.decoder)).toBe(false);
  });

  it('reads the type of a frame from anyone as a number, for the receiver to refuse', () => {
    expect(readFrame(new Uint8Array([9])).type).toBe(9);
    expect(() => readFrame(new Uint8Array([]))).toThrow();
  });
});
