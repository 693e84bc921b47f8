import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { BoardHost } from '../host/board-host.ts';
import { HostError } from '../host/board-folder.ts';
import { dispatch, type Capabilities } from '../host/messages.ts';
import {
  HOST_OPERATION_NAMES,
  isHostOperation,
  OPERATION_CHANNEL_PREFIX,
  type HostReply,
} from '../../contract/host.ts';
import type { Session } from '../../contract/host-results.ts';
import { isAppUrl } from './window-options.ts';

/**
 * Handles one invoke: only frames showing our app may ask, and every message is validated
 * against its operation's shape (in `dispatch`) before the host sees it.
 */
export async function handleInvoke(
  host: BoardHost,
  session: Session,
  op: string,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  args: unknown,
  capabilities: Capabilities = {},
): Promise<HostReply> {
  if (!isAppUrl(event.senderFrame?.url))
    return { ok: false, error: 'Refused: the message does not come from the Stormbench window.' };
  if (!isHostOperation(op)) return { ok: false, error: `Unknown operation "${op}".` };
  try {
    return { ok: true, result: await dispatch(host, session, op, args, capabilities) };
  } catch (error) {
    if (error instanceof HostError) return { ok: false, error: error.message };
    return { ok: false, error: `The host failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** One channel per operation, `stormbench:<operation>`; nothing else is answered. */
export function registerIpc(
  ipcMain: IpcMain,
  getHost: () => { host: BoardHost; session: Session; capabilities?: Capabilities },
): void {
  for (const op of HOST_OPERATION_NAMES) {
    ipcMain.handle(`${OPERATION_CHANNEL_PREFIX}${op}`, (event, args: unknown) => {
      const { host, session, capabilities } = getHost();
      return handleInvoke(host, session, op, event, args, capabilities);
    });
  }
}
