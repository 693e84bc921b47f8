import { contextBridge, ipcRenderer } from 'electron';
import {
  HOST_OPERATION_NAMES,
  OPERATION_CHANNEL_PREFIX,
  type HostBridge,
  type HostReply,
} from '../../contract/host.ts';
import { SHELL_COMMAND_CHANNEL } from '../../contract/shell-commands.ts';

/**
 * The bridge: one function per host operation of contract/host.ts, each a plain `invoke` on its
 * own channel. The renderer gets no `ipcRenderer` and no way to name a channel itself. Vite
 * bundles the contract in (it is plain data), since a sandboxed preload cannot load modules.
 */
const bridge: Record<string, unknown> = {};
for (const op of HOST_OPERATION_NAMES) {
  bridge[op] = async (args: unknown) => {
    const reply = (await ipcRenderer.invoke(`${OPERATION_CHANNEL_PREFIX}${op}`, args)) as HostReply;
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  };
}
const onCommand: HostBridge['onCommand'] = (listener) => {
  ipcRenderer.on(SHELL_COMMAND_CHANNEL, (_event, command: unknown, arg: unknown) => {
    // The page checks the name against contract/shell-commands.ts and says when it refuses one.
    listener(String(command), typeof arg === 'string' ? arg : undefined);
  });
};
bridge.onCommand = onCommand;

contextBridge.exposeInMainWorld('stormbench', bridge as HostBridge);
