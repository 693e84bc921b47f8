import { describe, expect, it } from 'vitest';
import {
  facilitatorAccess,
  joinsAsFacilitator,
  participantAccess,
  socketUrlOf,
} from '../../../renderer/src/workshop/links.ts';

describe("a page's way into a workshop", () => {
  const hosted = { facilitatorToken: 'F', joinToken: 'J', board: 'room.storm.json' };

  it('shows the join links the host knows, not the address this page was opened on', () => {
    const access = facilitatorAccess(
      { ...hosted, joinLinks: ['http://192.168.1.20:4000/?join=J', 'http://10.0.0.7:4000/?join=J'] },
      'http://127.0.0.1:4000',
    );
    expect(access).toEqual({
      role: 'facilitator',
      token: 'F',
      joinToken: 'J',
      board: 'room.storm.json',
      joinLink: 'http://192.168.1.20:4000/?join=J',
      joinLinks: ['http://192.168.1.20:4000/?join=J', 'http://10.0.0.7:4000/?join=J'],
    });
    expect(facilitatorAccess(hosted, 'http://127.0.0.1:4000').joinLink).toBe(
      'http://127.0.0.1:4000/?join=J&board=room.storm.json',
    );
  });

  it("connects to the host's socket when it names one (the desktop window), else to its own server", () => {
    const desktop = facilitatorAccess({ ...hosted, socketUrl: 'ws://127.0.0.1:4000/workshop' }, 'app://stormbench');
    expect(socketUrlOf(desktop, { protocol: 'app:', host: 'stormbench' })).toBe('ws://127.0.0.1:4000/workshop');
    const ann = participantAccess('?join=J&name=Ann')!;
    expect(ann).toEqual({ role: 'participant', token: 'J', board: '' });
    expect(socketUrlOf(ann, { protocol: 'http:', host: '192.168.1.20:4000' })).toBe('ws://192.168.1.20:4000/workshop');
    expect(socketUrlOf(ann, { protocol: 'https:', host: 'room.example' })).toBe('wss://room.example/workshop');
    expect(participantAccess('?name=Ann')).toBeUndefined();
    // The join link names the board, for the page to show before joining.
    expect(participantAccess('?join=J&board=coffee%20shop.storm.json')).toEqual({
      role: 'participant',
      token: 'J',
      board: 'coffee shop.storm.json',
    });
  });

  it('joins the plain address as facilitator only when no facilitator page is there, or on a reload of that page', () => {
    expect(joinsAsFacilitator({ ...hosted, facilitatorPages: 0 }, null)).toBe(true);
    expect(joinsAsFacilitator(hosted, null)).toBe(true);
    // A second tab: the host says a facilitator page is connected, and this tab never facilitated.
    expect(joinsAsFacilitator({ ...hosted, facilitatorPages: 1 }, null)).toBe(false);
    expect(joinsAsFacilitator({ ...hosted, facilitatorPages: 1 }, 'an older workshop')).toBe(false);
    // A reload of the facilitator's tab, before the host saw its old connection close.
    expect(joinsAsFacilitator({ ...hosted, facilitatorPages: 1 }, 'J')).toBe(true);
  });
});
