import { describe, expect, it } from 'vitest';
import { facilitatorAccess, participantAccess, socketUrlOf } from '../../../renderer/src/workshop/links.ts';

describe('a page\'s way into a workshop', () => {
  const hosted = { facilitatorToken: 'F', joinToken: 'J', board: 'room.storm.json' };

  it('shows the join links the host knows, not the address this page was opened on', () => {
    const access = facilitatorAccess({ ...hosted, joinLinks: ['http://192.168.1.20:4000/?join=J', 'http://10.0.0.7:4000/?join=J'] }, 'http://127.0.0.1:4000');
    expect(access).toEqual({ role: 'facilitator', token: 'F', board: 'room.storm.json', joinLink: 'http://192.168.1.20:4000/?join=J', joinLinks: ['http://192.168.1.20:4000/?join=J', 'http://10.0.0.7:4000/?join=J'] });
    expect(facilitatorAccess(hosted, 'http://127.0.0.1:4000').joinLink).toBe('http://127.0.0.1:4000/?join=J');
  });

  it('connects to the host\'s socket when it names one (the desktop window), else to its own server', () => {
    const desktop = facilitatorAccess({ ...hosted, socketUrl: 'ws://127.0.0.1:4000/workshop' }, 'app://stormbench');
    expect(socketUrlOf(desktop, { protocol: 'app:', host: 'stormbench' })).toBe('ws://127.0.0.1:4000/workshop');
    const ann = participantAccess('?join=J&name=Ann')!;
    expect(ann).toEqual({ role: 'participant', token: 'J', board: '' });
    expect(socketUrlOf(ann, { protocol: 'http:', host: '192.168.1.20:4000' })).toBe('ws://192.168.1.20:4000/workshop');
    expect(socketUrlOf(ann, { protocol: 'https:', host: 'room.example' })).toBe('wss://room.example/workshop');
    expect(participantAccess('?name=Ann')).toBeUndefined();
  });
});
