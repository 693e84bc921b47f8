import type { HostArgs, HostBridge, HostOperation, HostReply, HostResult } from '../../contract/host.ts';

/**
 * The renderer's only way to the host. In Electron the preload bridge (`window.stormbench`)
 * carries each operation over IPC; in a browser the same operations go to `stormbench serve` as
 * `POST /api/<operation>`. Both take their operations from contract/host.ts, and the host checks
 * every message it receives against it (electron/host/messages.ts).
 */

/** A refusal or failure the host explained; `message` is meant for the user. */
export class HostFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Runs the listener for each message the desktop shell's menu sends, unchecked (see
 * commands/shell.ts); nothing in a browser.
 */
export function onShellCommand(listener: (command: string, arg?: string) => void): void {
  window.stormbench?.onCommand(listener);
}

declare global {
  interface Window {
    stormbench?: HostBridge;
  }
}

export async function call<K extends HostOperation>(op: K, args: HostArgs<K>): Promise<HostResult<K>> {
  const bridge = window.stormbench;
  if (bridge) {
    try {
      return await (bridge[op] as (a: HostArgs<K>) => Promise<HostResult<K>>)(args);
    } catch (error) {
      throw new HostFailure(
        error instanceof Error
          ? error.message.replace(/^Error invoking remote method '[^']+': (Error: )?/, '')
          : String(error),
        400,
      );
    }
  }
  let response: Response;
  try {
    response = await fetch(`./api/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-stormbench': '1' },
      body: JSON.stringify(args),
    });
  } catch {
    throw new HostFailure('The Stormbench server does not answer. Is "stormbench serve" still running?', 0);
  }
  const body = (await response
    .json()
    .catch(() => ({ ok: false, error: `The server answered ${response.status}.` }))) as HostReply;
  if (!body.ok) throw new HostFailure(body.error || 'The host refused.', response.status);
  return body.result as HostResult<K>;
}
