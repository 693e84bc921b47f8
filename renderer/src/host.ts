import type { Board } from '../../model/board/types.ts';
import type { GenerateOutcome, GeneratePreview } from '../../contract/generate.ts';

/**
 * The renderer's only way to the host. In Electron the preload bridge (`window.stormbench`)
 * carries each operation over IPC; in a browser the same operations go to `stormbench serve` as
 * `POST /api/<operation>`. The host validates every message it receives (electron/host/messages.ts
 * holds the receiving side; a test keeps the two lists of operations equal).
 */
export interface BoardEntry {
  name: string;
  modified: string;
  size: number;
}
export interface RecoveryEntry {
  key: string;
  board?: string;
  title: string;
  savedAt: string;
}
export type OpenResult = { ok: true; name: string; board: Board; text: string } | { ok: false; name: string; message: string };

/** A workshop the host runs: tokens, a join link per reachable address, its WebSocket (Electron). */
export interface HostedWorkshop {
  facilitatorToken: string;
  joinToken: string;
  board: string;
  joinLinks?: string[];
  socketUrl?: string;
}


export interface HostOperations {
  session: { args: Record<string, never>; result: { folder: string; initial?: string; mode: 'browser' | 'electron'; workshop?: HostedWorkshop } };
  listBoards: { args: Record<string, never>; result: { boards: BoardEntry[]; recent: string[] } };
  openBoard: { args: { name: string }; result: OpenResult };
  saveBoard: { args: { name: string; text: string; overwrite?: boolean }; result: { name: string; savedAt: string } };
  autosave: { args: { key: string; text: string; board?: string }; result: { ok: true } };
  listRecoveries: { args: Record<string, never>; result: { entries: RecoveryEntry[] } };
  getRecovery: { args: { key: string }; result: { key: string; board?: string; text: string } | null };
  discardRecovery: { args: { key: string }; result: { ok: true } };
  hostWorkshop: { args: { name: string }; result: HostedWorkshop };
  exportBoard: { args: { format: string; text: string }; result: { folder: string; files: number; notes: string[] } };
  previewGenerate: { args: { text: string; out: string; contexts: string[] }; result: GeneratePreview };
  generate: { args: { text: string; out: string; context: string }; result: GenerateOutcome };
}
export type HostOperation = keyof HostOperations;
export const HOST_OPERATIONS: readonly HostOperation[] = ['session', 'listBoards', 'openBoard', 'saveBoard', 'autosave', 'listRecoveries', 'getRecovery', 'discardRecovery', 'hostWorkshop', 'exportBoard', 'previewGenerate', 'generate'];

/** A refusal or failure the host explained; `message` is meant for the user. */
export class HostFailure extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

type Bridge = { [K in HostOperation]: (args: HostOperations[K]['args']) => Promise<HostOperations[K]['result']> } & {
  /** Menu items of the desktop shell arrive here as command names (plus a file for "open-file"). */
  onCommand?(listener: (command: string, arg?: string) => void): void;
};

/** Runs the listener for each command the desktop shell's menu sends; nothing in a browser. */
export function onShellCommand(listener: (command: string, arg?: string) => void): void {
  window.stormbench?.onCommand?.(listener);
}

declare global {
  interface Window {
    stormbench?: Bridge;
  }
}

export async function call<K extends HostOperation>(op: K, args: HostOperations[K]['args']): Promise<HostOperations[K]['result']> {
  const bridge = window.stormbench;
  if (bridge) {
    try {
      return await (bridge[op] as (a: typeof args) => Promise<HostOperations[K]['result']>)(args);
    } catch (error) {
      throw new HostFailure(error instanceof Error ? error.message.replace(/^Error invoking remote method '[^']+': (Error: )?/, '') : String(error), 400);
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
  const body = (await response.json().catch(() => ({ ok: false, error: `The server answered ${response.status}.` }))) as { ok: boolean; result?: unknown; error?: string };
  if (!body.ok) throw new HostFailure(body.error ?? 'The host refused.', response.status);
  return body.result as HostOperations[K]['result'];
}
