import { KINDS } from '../model/board/kinds.ts';
import type { JsonSchema } from '../model/board/types.ts';
import type { GenerateIssue } from './generate.ts';

/**
 * Playing a board: every context runs as its generated service on one scratch log, and the page
 * (or the terminal) watches the log. The one definition of what crosses between the engine
 * (electron/host/play/), the host's operations, the CLI and the page's play panel.
 */

/** Where play is: nothing yet, generating and starting services, running, or over. */
export type PlayStatus = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

/** Why a service that was generated did not come up: it exited, or did not answer in time. */
export interface PlayStartIssue {
  source: 'play';
  code: 'service-exited' | 'service-timeout';
  severity: 'error';
  elementIds: string[];
  contextId: string;
  message: string;
  fix?: string;
}

/** Why a context does not run, each with the stickies to link to: the generator's issues, or its start. */
export type PlayIssue = GenerateIssue | PlayStartIssue;

/** One context's service in play. */
export type PlayServiceState = 'waiting' | 'generating' | 'starting' | 'running' | 'refused' | 'crashed' | 'stopped';

export interface PlayService {
  contextId: string;
  contextName: string;
  packageName: string;
  state: PlayServiceState;
  /** Its HTTP address once it answers /health. */
  url?: string;
  /** Why it cannot run (lint errors, planning refusals, a start that failed), each with its stickies. */
  reasons: PlayIssue[];
  /** What runs but is left to a person (an upcaster to write, a rule a scenario wants). */
  notes: GenerateIssue[];
  /** Milliseconds from the start of play until it answered. */
  readyMs?: number;
}

/** A command a service takes, with what the page needs to build its form and link its sticky. */
export interface PlayCommand {
  contextId: string;
  /** The command's type in code and in the log's answers, e.g. `PlaceOrder`. */
  type: string;
  name: string;
  schema: JsonSchema;
  /** The aggregate's id field (the form fills it with a fresh id). */
  idField: string;
  aggregate: string;
  /** Payloads of the aggregate's scenarios for this command, to prefill the form. */
  scenarioPayloads: Array<{ scenario: string; data: Record<string, unknown> }>;
  /** Event types (in this context) the board links from it. */
  emits: string[];
  elementIds: string[];
}

export interface PlayEventKind {
  contextId: string;
  type: string;
  name: string;
  elementIds: string[];
}

export interface PlayPolicy {
  /** The context whose service runs it (the one handling the commands it issues). */
  contextId: string;
  type: string;
  name: string;
  /** Command types it issues. */
  issues: string[];
  elementIds: string[];
}

export interface PlayReadModel {
  contextId: string;
  type: string;
  name: string;
  elementIds: string[];
}

/** How the log's names lead back to the board's stickies: built once from the services' plans. */
export interface PlayMap {
  commands: PlayCommand[];
  events: PlayEventKind[];
  policies: PlayPolicy[];
  readModels: PlayReadModel[];
}

/** One event in the log, as the timeline shows it. */
export interface PlayEntry {
  position: number;
  id: string;
  context: string;
  stream: string;
  type: string;
  version: number;
  data: unknown;
  recordedAt: string;
  commandId: string;
  /** The command type that produced it, when the board says which. */
  command?: string;
  /** The policy that issued its command, with the event that triggered the policy. */
  policy?: { type: string; triggerId: string };
  /** The stickies to light up: the event's (and the policy's, when a policy issued it). */
  elementIds: string[];
}

/** A command a service refused, or failed to carry out (from a form, or issued by a policy). */
export interface PlayRefusal {
  at: string;
  contextId: string;
  commandId: string;
  command: string;
  /** 400 invalid, 409 conflict, 422 a rule said no, 500 failed. */
  status: number;
  message: string;
  errors: string[];
  elementIds: string[];
  /** A command of the same kind was carried out since: its sticky is no longer marked. */
  cleared: boolean;
}

/** Consumer lag of one subscription (a service's read models, or its policies). */
export interface PlayLag {
  contextId: string;
  subscription: 'projections' | 'policies';
  position: number;
  lag: number;
}

/** What a lag is the lag of, in the kinds' own words (the CLI's and the dock's). */
export function lagSubjectInWords(subscription: PlayLag['subscription']): string {
  return subscription === 'projections' ? KINDS.readModel.plural : KINDS.policy.plural;
}

/** Counts for the board: how often each event landed, each command ran, each policy fired. */
export interface PlayCounts {
  events: Record<string, number>;
  commands: Record<string, number>;
  policies: Record<string, number>;
}

export interface PlayProgress {
  done: number;
  total: number;
  /** What is under way, for the progress bar ("Starting Payments (2 of 3)…"). */
  step: string;
}

/** Everything the page needs at one moment; `entries` holds those after the position it asked for. */
export interface PlaySnapshot {
  status: PlayStatus;
  /** Play of a running deployment (attach): read-only, no forms. */
  readOnly: boolean;
  boardName: string;
  /** The scratch folder or the attached log. */
  where: string;
  progress: PlayProgress;
  services: PlayService[];
  map: PlayMap;
  head: number;
  entries: PlayEntry[];
  /** Counts keyed by sticky id (events, commands and policies), for the canvas badges. */
  counts: Record<string, number>;
  refusals: PlayRefusal[];
  lags: PlayLag[];
  /** A sentence when play as a whole could not start. */
  error?: string;
}

/**
 * A snapshot as `playState` and the workshop relay send it, polled every 300 ms: the sticky map
 * (the biggest part, 150 kB on the workshop board, and unchanged while a play runs) only when it
 * is not the one the page has. `mapId` names the map; the page says which it holds.
 */
export type PlaySnapshotWire = Omit<PlaySnapshot, 'map'> & { map?: PlayMap; mapId: number };

/** The snapshot a wire snapshot stands for, the map taken from the page's last one when it was left out. */
export function snapshotFromWire(
  wire: PlaySnapshotWire,
  last: { snapshot?: PlaySnapshot; mapId?: number },
): PlaySnapshot | undefined {
  const { mapId: _id, map, ...rest } = wire;
  const known = map ?? (last.mapId === wire.mapId ? last.snapshot?.map : undefined);
  return known ? { ...rest, map: known } : undefined;
}

/** What sending a command answered, as data; the page words it. */
export interface PlaySendResult {
  status: number;
  commandId: string;
  /** The appended events, with their positions. */
  events: Array<{ type: string; position: number; elementIds: string[] }>;
  /** The aggregate's state after the command (applied answers). */
  state?: unknown;
  /** For a refusal: the service's code (`invalid-command`, `rule-violated`, `conflict`…), its sentence and reasons. */
  error?: { code: string; message: string; errors: string[] };
}

/** The rows of one read model, as its service holds them now. */
export interface PlayRows {
  contextId: string;
  type: string;
  rows: Array<{ id: string; doc: unknown }>;
}

/** Rows of a read model the page shows (the newest first), and a relay carries. */
export const PLAY_ROWS_SHOWN = 50;

/**
 * Play as the host relays it to a workshop participant's page (WORKSHOP_MESSAGE.play): the
 * snapshot, whose `entries` are those after position `from` (0: the whole timeline, which
 * replaces the page's), and, when they may have changed, the rows of every read model.
 * Participants only watch: they have no way to start, stop or send.
 */
export interface PlayRelay {
  /** Which play (a new Play or attach starts a new one); the page's timeline restarts with it. */
  play: number;
  from: number;
  snapshot: PlaySnapshotWire;
  rows?: PlayRows[];
}

/** How an answer's HTTP status reads to a person, one definition for the page and the CLI. */
export function statusInWords(status: number): string {
  if (status >= 200 && status < 300) return 'done';
  switch (status) {
    case 400:
      return 'refused: the payload does not fit the schema';
    case 404:
      return 'refused: the service does not know this command';
    case 409:
      return 'refused: another command changed the aggregate at the same time';
    case 422:
      return 'refused: a rule of the aggregate said no';
    case 500:
      return 'failed inside the service';
    default:
      return `answered ${status}`;
  }
}
