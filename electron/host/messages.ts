import type { BoardHost } from './board-host.ts';
import { HostError } from './board-folder.ts';
import { argumentProblem } from '../../contract/fields.ts';
import {
  HOST_OPERATIONS,
  isHostOperation,
  type HostArgs,
  type HostOperation,
  type HostResult,
} from '../../contract/host.ts';
import type { Session, WorkshopInfo } from '../../contract/host-results.ts';
import { inPlaceRunner, type GenerateRunner } from './generate-runner.ts';
import type { PlayHost } from './play/play-host.ts';
import { toWire } from './play/running.ts';

// Play loads the generator and the engine only when a page first plays.
const folderPlay = async (folder: string): Promise<PlayOperations> =>
  (await import('./play/play-host.ts')).playHostOf(folder);

/**
 * The receiving side of the page / host contract (contract/host.ts), for both transports
 * (Electron IPC and the HTTP API of `stormbench serve`): every message is checked against its
 * operation's argument shape before the host sees it.
 */

/** What only some transports can do: host a workshop (each transport starts it its own way). */
export interface Capabilities {
  hostWorkshop?(name: string): Promise<WorkshopInfo>;
  /** Ends the workshop this transport hosts: every page told, the board saved; answers its file. */
  stopWorkshop?(): Promise<{ board: string }>;
  /** Where generation runs (a worker thread for `stormbench serve`); in place by default. */
  generator?: GenerateRunner;
  /** The play of a board folder; the folder's own (electron/host/play/play-host.ts) by default. */
  play?(folder: string): Promise<PlayOperations>;
}

/** What the play operations ask of a folder's play. */
export type PlayOperations = Pick<PlayHost, 'start' | 'attach' | 'state' | 'update' | 'send' | 'rows' | 'stop'>;

/** A board of 5,000 stickies is about 2 MB; anything far beyond that is not from our app. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Checks a message's arguments against its operation's shape: known fields only, right types. */
export function validateArgs<K extends HostOperation>(op: K, args: unknown): HostArgs<K> {
  const problem = argumentProblem(HOST_OPERATIONS[op].args, args);
  if (problem) throw new HostError(`${op}: ${problem}`);
  return args as HostArgs<K>;
}

type Handlers = { [K in HostOperation]: (args: HostArgs<K>) => Promise<HostResult<K>> | HostResult<K> };

/** Each operation's work, typed by the contract: a missing operation or a wrong result does not compile. */
function handlers(host: BoardHost, session: Session, capabilities: Capabilities): Handlers {
  const generator = capabilities.generator ?? inPlaceRunner;
  const playHost = capabilities.play ?? folderPlay;
  return {
    session: () => session,
    listBoards: async () => ({ boards: await host.list(), recent: await host.recent() }),
    openBoard: (a) => host.open(a.name),
    saveBoard: (a) => host.save(a.name, a.text, { overwrite: a.overwrite ?? false }),
    autosave: async (a) => {
      await host.autosave(a.key, a.text, a.board);
      return { ok: true };
    },
    listRecoveries: async () => ({ entries: await host.recoveries() }),
    getRecovery: async (a) => (await host.recovery(a.key)) ?? null,
    discardRecovery: async (a) => {
      await host.discardRecovery(a.key);
      return { ok: true };
    },
    hostWorkshop: (a) => {
      if (!capabilities.hostWorkshop)
        throw new HostError(
          'Hosting a workshop from the desktop window is not there yet: run "stormbench serve BOARD --workshop".',
          501,
        );
      return capabilities.hostWorkshop(a.name);
    },
    stopWorkshop: () => {
      if (!capabilities.stopWorkshop) throw new HostError('No workshop is hosted here.', 409);
      return capabilities.stopWorkshop();
    },
    exportBoard: (a) => host.exportBoard(a.format, a.text),
    previewGenerate: (a) => generator.preview(host.folder, a.text, a.out, a.contexts),
    generate: (a) => generator.generate(host.folder, a.text, a.out, a.context),
    startPlay: async (a) => (await playHost(host.folder)).start(a.text, a.name),
    attachPlay: async (a) => (await playHost(host.folder)).attach(a.text, a.target),
    playState: async (a) => {
      const snapshot = (await playHost(host.folder)).state(a.after);
      return snapshot && toWire(snapshot, a.map === undefined ? undefined : Number(a.map));
    },
    playUpdate: async (a) => (await playHost(host.folder)).update(a.text),
    playSend: async (a) => (await playHost(host.folder)).send(a.context, a.command, a.payload),
    playRows: async (a) => (await playHost(host.folder)).rows(a.context, a.model),
    stopPlay: async () => (await playHost(host.folder)).stop(),
  };
}

/** Runs one operation against the host, once its arguments fit the operation's shape. */
export async function dispatch<K extends HostOperation>(
  host: BoardHost,
  session: Session,
  op: K,
  rawArgs: unknown,
  capabilities: Capabilities = {},
): Promise<HostResult<K>> {
  if (!isHostOperation(op)) throw new HostError(`Unknown operation "${String(op)}".`, 404);
  const args = validateArgs(op, rawArgs);
  const handler = handlers(host, session, capabilities)[op] as (
    args: HostArgs<K>,
  ) => Promise<HostResult<K>> | HostResult<K>;
  return handler(args);
}
