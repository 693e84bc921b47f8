import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_OPERATION_NAMES } from '../../contract/host.ts';
import { SHELL_COMMAND_CHANNEL } from '../../contract/shell-commands.ts';

// The preload runs against Electron's modules; here they record what it exposes and invokes.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, Record<string, (...args: unknown[]) => unknown>>(),
  invoked: [] as Array<{ channel: string; args: unknown }>,
  reply: { ok: true, result: 'done' } as unknown,
  listeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
}));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => unknown>) =>
      electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: async (channel: string, args: unknown) => {
      electron.invoked.push({ channel, args });
      return electron.reply;
    },
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) =>
      electron.listeners.set(channel, listener),
  },
}));

describe('the preload bridge', () => {
  let bridge: Record<string, (...args: unknown[]) => unknown>;
  beforeAll(async () => {
    await import('../../electron/preload/preload.ts');
    bridge = electron.exposed.get('stormbench')!;
  });

  it("exposes exactly the contract's operations, and the menu's way in", () => {
    expect([...electron.exposed.keys()]).toEqual(['stormbench']);
    expect(Object.keys(bridge).sort()).toEqual([...HOST_OPERATION_NAMES, 'onCommand'].sort());
  });

  it('sends each operation on its own channel and unwraps the reply', async () => {
    for (const op of HOST_OPERATION_NAMES) {
      electron.invoked.length = 0;
      expect(await bridge[op]!({ probe: op })).toBe('done');
      expect(electron.invoked).toEqual([{ channel: `stormbench:${op}`, args: { probe: op } }]);
    }
  });

  it("turns a refusal into an error carrying the host's sentence", async () => {
    electron.reply = { ok: false, error: 'openBoard: argument "name" is missing.' };
    await expect(bridge.openBoard!({})).rejects.toThrow('openBoard: argument "name" is missing.');
    electron.reply = { ok: true, result: 'done' };
  });

  it("hands the shell's messages to the page as strings, a file name only when there is one", () => {
    const heard: unknown[][] = [];
    bridge.onCommand!((...args: unknown[]) => heard.push(args));
    const deliver = electron.listeners.get(SHELL_COMMAND_CHANNEL)!;
    deliver({}, 'undo');
    deliver({}, 'open-file', 'a.storm.json');
    deliver({}, 'open-file', { path: '/etc' });
    expect(heard).toEqual([
      ['undo', undefined],
      ['open-file', 'a.storm.json'],
      ['open-file', undefined],
    ]);
  });
});
