import type { GenerateOutcome, GeneratePreview } from './generate.ts';
import { returns, type ArgsOf, type ArgShape, type Returns, type ResultOf } from './fields.ts';
import type { PlayRows, PlaySendResult, PlaySnapshot, PlaySnapshotWire } from './play.ts';
import type {
  BoardEntry,
  ExportSummary,
  OpenResult,
  Recovery,
  RecoveryEntry,
  SavedBoard,
  Session,
  WorkshopInfo,
} from './host-results.ts';

/**
 * Every operation the page may ask of the host, once: its arguments as data (checked at runtime
 * by the host, see electron/host/messages.ts) and its result type. The page's `call`, the preload
 * bridge, the IPC handlers and the HTTP API all take their operations from this table. It holds
 * nothing but plain data, because the sandboxed preload bundles it.
 */
export const HOST_OPERATIONS = {
  session: { args: {}, result: returns<Session>() },
  listBoards: { args: {}, result: returns<{ boards: BoardEntry[]; recent: string[] }>() },
  openBoard: { args: { name: 'string' }, result: returns<OpenResult>() },
  saveBoard: { args: { name: 'string', text: 'string', overwrite: 'boolean?' }, result: returns<SavedBoard>() },
  autosave: { args: { key: 'string', text: 'string', board: 'string?' }, result: returns<{ ok: true }>() },
  listRecoveries: { args: {}, result: returns<{ entries: RecoveryEntry[] }>() },
  getRecovery: { args: { key: 'string' }, result: returns<Recovery | null>() },
  discardRecovery: { args: { key: 'string' }, result: returns<{ ok: true }>() },
  hostWorkshop: { args: { name: 'string' }, result: returns<WorkshopInfo>() },
  stopWorkshop: { args: {}, result: returns<{ board: string }>() },
  exportBoard: { args: { format: 'string', text: 'string' }, result: returns<ExportSummary>() },
  previewGenerate: {
    args: { text: 'string', out: 'string', contexts: 'string[]' },
    result: returns<GeneratePreview>(),
  },
  generate: { args: { text: 'string', out: 'string', context: 'string' }, result: returns<GenerateOutcome>() },
  // Play (contract/play.ts): start answers at once; the page asks for the state until it runs.
  startPlay: { args: { text: 'string', name: 'string?' }, result: returns<PlaySnapshot>() },
  // Attach: the same view reads a running deployment (a SQLite log's path, or nats://…), read-only.
  attachPlay: { args: { text: 'string', target: 'string' }, result: returns<PlaySnapshot>() },
  // `map`: the id of the sticky map the page holds (PlaySnapshotWire), left out of the answer when unchanged.
  playState: { args: { after: 'string', map: 'string?' }, result: returns<PlaySnapshotWire | null>() },
  playUpdate: { args: { text: 'string' }, result: returns<{ restarted: string[] }>() },
  playSend: { args: { context: 'string', command: 'string', payload: 'string' }, result: returns<PlaySendResult>() },
  playRows: { args: { context: 'string', model: 'string' }, result: returns<PlayRows>() },
  stopPlay: { args: {}, result: returns<PlaySnapshot | null>() },
} as const satisfies Record<string, { args: ArgShape; result: Returns<unknown> }>;

export type HostOperation = keyof typeof HOST_OPERATIONS;
export type HostArgs<K extends HostOperation> = ArgsOf<(typeof HOST_OPERATIONS)[K]['args']>;
export type HostResult<K extends HostOperation> = ResultOf<(typeof HOST_OPERATIONS)[K]['result']>;

export const HOST_OPERATION_NAMES = Object.keys(HOST_OPERATIONS) as HostOperation[];

export function isHostOperation(name: unknown): name is HostOperation {
  return typeof name === 'string' && Object.hasOwn(HOST_OPERATIONS, name);
}

/** Electron IPC: each operation has its own channel, `stormbench:<operation>`. */
export const OPERATION_CHANNEL_PREFIX = 'stormbench:';

/** What an operation answers on either transport (IPC, `POST /api/<op>`): a result, or a sentence to show (never a stack). */
export type HostReply = { ok: true; result: unknown } | { ok: false; error: string };

/** What the preload puts on `window.stormbench`: one function per operation, and the menu's way in. */
export type HostBridge = { [K in HostOperation]: (args: HostArgs<K>) => Promise<HostResult<K>> } & {
  /** The shell's messages as they come; the page refuses a name not in contract/shell-commands.ts. */
  onCommand(listener: (command: string, arg?: string) => void): void;
};
