import { contextBridge, ipcRenderer } from 'electron';

/**
 * The bridge: one function per host operation, each a plain `invoke` on its own channel. The
 * renderer gets no `ipcRenderer` and no way to name a channel itself. The list is the one in
 * electron/host/messages.ts (the preload is bundled on its own, sandboxed, so it is repeated).
 */
const OPERATIONS = ['session', 'listBoards', 'openBoard', 'saveBoard', 'autosave', 'listRecoveries', 'getRecovery', 'discardRecovery', 'hostWorkshop', 'exportBoard', 'previewGenerate', 'generate'] as const;

type Reply = { ok: true; result: unknown } | { ok: false; error: string };

const bridge: Record<string, unknown> = {};
for (const op of OPERATIONS) {
  bridge[op] = async (args: unknown) => {
    const reply = (await ipcRenderer.invoke(`stormbench:${op}`, args)) as Reply;
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  };
}
bridge.onCommand = (listener: (command: string, arg?: string) => void) => {
  ipcRenderer.on('stormbench:command', (_event, command: unknown, arg: unknown) => {
    if (typeof command === 'string') listener(command, typeof arg === 'string' ? arg : undefined);
  });
};

contextBridge.exposeInMainWorld('stormbench', bridge);
