import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { BoardHost } from '../host/board-host.ts';
import { HostError } from '../host/board-folder.ts';
import { dispatch, OPERATION_NAMES, type Capabilities, type Session } from '../host/messages.ts';
import { isAppUrl } from './window-options.ts';

export const CHANNEL_PREFIX = 'stormbench:';

/** What the renderer gets back: a result, or a sentence to show. Errors never cross as stacks. */
export type Reply = { ok: true; result: unknown } | { ok: false; error: string };

/**
 * Handles one invoke: only frames showing our app may ask, and every message is validated
 * against its operation's shape (in `dispatch`) before the host sees it.
 */
export async function handleInvoke(host: BoardHost, session: Session, op: string, event: Pick<IpcMainInvokeEvent, 'senderFrame'>, args: unknown, capabilities: Capabilities = {}): Promise<Reply> {
  if (!isAppUrl(event.senderFrame?.url)) return { ok: false, error: 'Refused: the message does not come from the Stormbench window.' };
  if (!(OPERATION_NAMES as string[]).includes(op)) return { ok: false, error: `Unknown operation "${op}".` };
  try {
    return { ok: true, result: await dispatch(host, session, op as (typeof OPERATION_NAMES)[number], args, capabilities) };
  } catch (error) {
    if (error instanceof HostError) return { ok: false, error: error.message };
    return { ok: false, error: `The host failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** One channel per operation, `stormbench:<operation>`; nothing else is answered. */
export function registerIpc(ipcMain: IpcMain, getHost: () => { host: BoardHost; session: Session; capabilities?: Capabilities }): void {
  for (const op of OPERATION_NAMES) {
    ipcMain.handle(`${CHANNEL_PREFIX}${op}`, (event, args: unknown) => {
      const { host, session, capabilities } = getHost();
      return handleInvoke(host, session, op, event, args, capabilities);
    });
  }
}
