import { BoardHost, type ExportSummary, type OpenResult, type RecoveryEntry } from './board-host.ts';
import { HostError } from './board-folder.ts';
import type { GenerateOutcome, GeneratePreview } from '../../contract/generate.ts';
import { inPlaceRunner, type GenerateRunner } from './generate-runner.ts';
import type { BoardEntry } from './board-folder.ts';

/**
 * The one contract between the renderer and the host, checked here, on the receiving side, for
 * both transports (Electron IPC and the HTTP API of `stormbench serve`). The renderer keeps its
 * own copy of the types in renderer/src/host.ts (it may not import electron/); a test keeps the
 * two lists of operations equal.
 */
export interface Session {
  folder: string;
  /** The board named on the command line, opened first. */
  initial?: string;
  mode: 'browser' | 'electron';
  /** A workshop session hosted here: the facilitator's token and the one in the join link. */
  workshop?: {
    facilitatorToken: string;
    joinToken: string;
    board: string;
    /** The join link for each address participants may reach (the server knows; the page may not). */
    joinLinks?: string[];
    /** The session's WebSocket, where the page does not come from the workshop's server (Electron). */
    socketUrl?: string;
  };
}

export interface Operations {
  session: { args: Record<string, never>; result: Session };
  listBoards: { args: Record<string, never>; result: { boards: BoardEntry[]; recent: string[] } };
  openBoard: { args: { name: string }; result: OpenResult };
  saveBoard: { args: { name: string; text: string; overwrite?: boolean }; result: { name: string; savedAt: string } };
  autosave: { args: { key: string; text: string; board?: string }; result: { ok: true } };
  listRecoveries: { args: Record<string, never>; result: { entries: RecoveryEntry[] } };
  getRecovery: { args: { key: string }; result: { key: string; board?: string; text: string } | null };
  discardRecovery: { args: { key: string }; result: { ok: true } };
  hostWorkshop: { args: { name: string }; result: NonNullable<Session['workshop']> };
  exportBoard: { args: { format: string; text: string }; result: ExportSummary };
  previewGenerate: { args: { text: string; out: string; contexts: string[] }; result: GeneratePreview };
  generate: { args: { text: string; out: string; context: string }; result: GenerateOutcome };
}

/** What only some transports can do: host a workshop (each transport starts it its own way). */
export interface Capabilities {
  hostWorkshop?(name: string): Promise<NonNullable<Session['workshop']>>;
  /** Where generation runs (a worker thread for `stormbench serve`); in place by default. */
  generator?: GenerateRunner;
}
export type OperationName = keyof Operations;

type Field = 'string' | 'boolean' | 'string?' | 'boolean?' | 'string[]';
const SHAPES: { [K in OperationName]: Record<string, Field> } = {
  session: {},
  listBoards: {},
  openBoard: { name: 'string' },
  saveBoard: { name: 'string', text: 'string', overwrite: 'boolean?' },
  autosave: { key: 'string', text: 'string', board: 'string?' },
  listRecoveries: {},
  getRecovery: { key: 'string' },
  discardRecovery: { key: 'string' },
  hostWorkshop: { name: 'string' },
  exportBoard: { format: 'string', text: 'string' },
  previewGenerate: { text: 'string', out: 'string', contexts: 'string[]' },
  generate: { text: 'string', out: 'string', context: 'string' },
};
export const OPERATION_NAMES = Object.keys(SHAPES) as OperationName[];

/** A board of 5,000 stickies is about 2 MB; anything far beyond that is not from our app. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export function isOperation(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(SHAPES, name);
}

/** Checks a message's arguments against its operation's shape: known fields only, right types. */
export function validateArgs<K extends OperationName>(op: K, args: unknown): Operations[K]['args'] {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new HostError(`${op}: arguments must be an object.`);
  const shape = SHAPES[op];
  for (const key of Object.keys(args)) {
    if (!Object.hasOwn(shape, key)) throw new HostError(`${op}: unknown argument "${key}".`);
  }
  for (const [key, type] of Object.entries(shape)) {
    const value = (args as Record<string, unknown>)[key];
    const optional = type.endsWith('?');
    if (value === undefined) {
      if (!optional) throw new HostError(`${op}: argument "${key}" is missing.`);
      continue;
    }
    if (type === 'string[]') {
      if (!Array.isArray(value) || value.length > 1000 || !value.every((v) => typeof v === 'string')) throw new HostError(`${op}: argument "${key}" must be a list of strings.`);
      continue;
    }
    if (typeof value !== type.replace('?', '')) throw new HostError(`${op}: argument "${key}" must be a ${type.replace('?', '')}.`);
  }
  return args as Operations[K]['args'];
}

/** Runs one validated operation against the host. */
export async function dispatch<K extends OperationName>(host: BoardHost, session: Session, op: K, rawArgs: unknown, capabilities: Capabilities = {}): Promise<Operations[K]['result']> {
  const run = async (): Promise<unknown> => {
    switch (op) {
      case 'session':
        validateArgs('session', rawArgs);
        return session;
      case 'listBoards':
        validateArgs('listBoards', rawArgs);
        return { boards: await host.list(), recent: await host.recent() };
      case 'openBoard':
        return host.open(validateArgs('openBoard', rawArgs).name);
      case 'saveBoard': {
        const a = validateArgs('saveBoard', rawArgs);
        return host.save(a.name, a.text, { overwrite: a.overwrite ?? false });
      }
      case 'autosave': {
        const a = validateArgs('autosave', rawArgs);
        await host.autosave(a.key, a.text, a.board);
        return { ok: true };
      }
      case 'listRecoveries':
        validateArgs('listRecoveries', rawArgs);
        return { entries: await host.recoveries() };
      case 'getRecovery':
        return (await host.recovery(validateArgs('getRecovery', rawArgs).key)) ?? null;
      case 'discardRecovery':
        await host.discardRecovery(validateArgs('discardRecovery', rawArgs).key);
        return { ok: true };
      case 'hostWorkshop': {
        const a = validateArgs('hostWorkshop', rawArgs);
        if (!capabilities.hostWorkshop) throw new HostError('Hosting a workshop from the desktop window is not there yet: run "stormbench serve BOARD --workshop".', 501);
        return capabilities.hostWorkshop(a.name);
      }
      case 'exportBoard': {
        const a = validateArgs('exportBoard', rawArgs);
        return host.exportBoard(a.format, a.text);
      }
      case 'previewGenerate': {
        const a = validateArgs('previewGenerate', rawArgs);
        return (capabilities.generator ?? inPlaceRunner).preview(host.folder, a.text, a.out, a.contexts);
      }
      case 'generate': {
        const a = validateArgs('generate', rawArgs);
        return (capabilities.generator ?? inPlaceRunner).generate(host.folder, a.text, a.out, a.context);
      }
      default:
        throw new HostError(`Unknown operation "${String(op)}".`, 404);
    }
  };
  return (await run()) as Operations[K]['result'];
}
