import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerateIssue } from '../../../contract/generate.ts';
import type {
  PlayLag,
  PlayProgress,
  PlayRows,
  PlaySendResult,
  PlayService,
  PlaySnapshot,
  PlayStatus,
} from '../../../contract/play.ts';
import { generate } from '../../../generator/generate.ts';
import { renderService } from '../../../generator/render.ts';
import type { ServicePlan } from '../../../generator/plan/service-plan.ts';
import type { Board } from '../../../model/board/types.ts';
import { SqliteWatch, statusOfResult } from './log-watch.ts';
import { PlayIndex, playMapOf } from './play-map.ts';
import { PlayTally } from './tally.ts';
import {
  linkModules,
  ServiceStartError,
  startServiceProcess,
  stopServiceProcess,
  type ServiceProcess,
} from './service-process.ts';

const POLL_MS = 150;

export interface PlayOptions {
  /** The scratch folder: `services/` (generated) and `data/` (the log and the services' state). */
  scratch: string;
  /** Called after anything changed (a service came up, events landed). */
  onChange?: (engine: PlayEngine) => void;
  /** How long one service may take to answer its /health. */
  startTimeoutMs?: number;
}

/**
 * Plays a board: generates every context into a scratch folder, starts each as its real service
 * on one SQLite log there, and watches the log. Never writes outside `scratch`.
 */
export class PlayEngine {
  #board: Board;
  readonly #options: PlayOptions;
  #status: PlayStatus = 'idle';
  #error: string | undefined;
  #progress: PlayProgress = { done: 0, total: 1, step: 'Generating the services…' };
  readonly #services = new Map<string, PlayService>();
  readonly #processes = new Map<string, ServiceProcess>();
  #plans: ServicePlan[] = [];
  #index = new PlayIndex({ commands: [], events: [], policies: [], readModels: [] });
  #watch: SqliteWatch | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #tally = new PlayTally();
  #started = 0;
  #stopped: Promise<void> | undefined;
  readonly #exitHook = (): void => {
    for (const p of this.#processes.values()) p.child.kill('SIGKILL');
  };

  constructor(board: Board, options: PlayOptions) {
    this.#board = board;
    this.#options = options;
    for (const c of board.contexts) {
      this.#services.set(c.id, {
        contextId: c.id,
        contextName: c.name,
        packageName: c.service?.packageName ?? c.id,
        state: 'waiting',
        reasons: [],
        notes: [],
      });
    }
  }

  /** How long generating the services took (for the bench). */
  generatedMs = 0;

  /** The services' process ids (for the bench's CPU figures). */
  pids(): number[] {
    return [...this.#processes.values()].flatMap((p) => (p.child.pid === undefined ? [] : [p.child.pid]));
  }

  get dataDir(): string {
    return join(this.#options.scratch, 'data');
  }

  get status(): PlayStatus {
    return this.#status;
  }

  /** Generates and starts every context it can; resolves once each is running or has its reason. */
  async start(): Promise<void> {
    if (this.#status !== 'idle') throw new Error('play has already started');
    this.#status = 'starting';
    this.#started = Date.now();
    process.once('exit', this.#exitHook);
    try {
      await this.#startAll();
    } catch (error) {
      this.#status = 'failed';
      this.#error = `Play could not start: ${error instanceof Error ? error.message : String(error)}`;
      this.#changed();
      await this.#stopProcesses();
      return;
    }
    this.#status = this.#processes.size > 0 ? 'running' : 'failed';
    if (this.#processes.size === 0) this.#error ??= 'No context of the board could start; see each context for why.';
    this.#progress = {
      done: this.#progress.total,
      total: this.#progress.total,
      step: this.#processes.size > 0 ? 'Playing' : 'Nothing to play',
    };
    this.#changed();
    if (this.#processes.size > 0) this.#timer = setInterval(() => this.#poll(), POLL_MS);
  }

  async #startAll(): Promise<void> {
    const out = join(this.#options.scratch, 'services');
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.dataDir, { recursive: true });
    this.#progress = { done: 0, total: this.#services.size + 1, step: `Generating ${this.#services.size} services…` };
    for (const s of this.#services.values()) s.state = 'generating';
    this.#changed();
    const generating = Date.now();
    const generated = await this.#generate(out);
    this.generatedMs = Date.now() - generating;
    this.#plans = generated.map((g) => g.plan);
    this.#index = new PlayIndex(playMapOf(this.#plans));
    this.#watch = new SqliteWatch(join(this.dataDir, 'log.db'), this.#index);
    let done = 1;
    this.#progress = { done, total: this.#services.size + 1, step: `Starting ${generated.length} services…` };
    this.#changed();
    await Promise.all(
      generated.map(async (g) => {
        await this.#startOne(g);
        done += 1;
        this.#progress = {
          done,
          total: this.#services.size + 1,
          step: `Started ${done - 1} of ${generated.length} services…`,
        };
        this.#changed();
      }),
    );
  }

  /** Starts one generated service on the play's log; a start that fails becomes its reason. */
  async #startOne({ plan, dir, notes }: Generated): Promise<void> {
    const service = this.#services.get(plan.contextId)!;
    service.notes = notes;
    service.packageName = plan.packageName;
    service.state = 'starting';
    this.#changed();
    try {
      linkModules(dir);
      const process = await startServiceProcess(
        dir,
        { dataDir: this.dataDir, log: `sqlite:${join(this.dataDir, 'log.db')}` },
        this.#options.startTimeoutMs,
      );
      if (this.#stopped) {
        await stopServiceProcess(process);
        return;
      }
      this.#processes.set(plan.contextId, process);
      service.state = 'running';
      service.url = process.url;
      service.readyMs = Date.now() - this.#started;
      void process.exited.then((code) => this.#exited(plan.contextId, process, code));
    } catch (error) {
      service.state = 'crashed';
      const code = error instanceof ServiceStartError ? error.code : 'service-exited';
      service.reasons.push({
        source: 'play',
        code,
        severity: 'error',
        elementIds: [],
        contextId: plan.contextId,
        message: `The ${service.contextName} service did not start: ${error instanceof Error ? error.message : String(error)}.`,
        fix: `generate it with "stormbench generate" and run its own tests (npm test) to see why`,
      });
    }
  }

  /**
   * Edit while playing: generates the changed board into the same folder and restarts only the
   * services whose files changed (or that were not running), on the same log, so what happened
   * stays and old events are read by the new code (upcast where their versions changed). A
   * context the change refuses stops, with its reasons.
   */
  async update(board: Board): Promise<string[]> {
    if (this.#status !== 'running') throw new PlayError('Nothing is playing: press Play first.');
    this.#board = board;
    for (const s of this.#services.values()) s.reasons = [];
    const generated = await this.#generate(join(this.#options.scratch, 'services'));
    const restart = generated.filter((g) => g.changed || !this.#processes.has(g.plan.contextId));
    const kept = new Set(generated.map((g) => g.plan.contextId));
    const stopping = [...this.#processes.entries()].filter(
      ([id]) => !kept.has(id) || restart.some((g) => g.plan.contextId === id),
    );
    for (const [id] of stopping) this.#processes.delete(id);
    await Promise.all(stopping.map(([, p]) => stopServiceProcess(p)));
    this.#plans = generated.map((g) => g.plan);
    this.#index = new PlayIndex(playMapOf(this.#plans));
    this.#watch?.use(this.#index);
    this.#started = Date.now();
    await Promise.all(restart.map((g) => this.#startOne(g)));
    this.#changed();
    return restart.map((g) => g.plan.contextId);
  }

  /**
   * Generates every context; when some are refused, gives those their reasons and generates the
   * others. A refusal about the whole board (lint errors) goes to the contexts it names, or to all.
   */
  async #generate(out: string): Promise<Generated[]> {
    let contexts = [...this.#services.keys()];
    for (let attempt = 0; attempt < 2 && contexts.length > 0; attempt++) {
      const result = await generate(this.#board, {
        out,
        contexts,
        overwriteHandWritten: true,
        // Scratch code nobody reads: not printed by Prettier (the services run the same).
        render: (plan) => renderService(plan, { print: false }),
      });
      if (result.ok) {
        return result.services.map((s) => ({
          plan: s.plan,
          dir: s.dir,
          changed: s.report.written.length > 0 || s.report.removed.length > 0,
          notes: s.needsPerson.filter((i) => i.code === 'upcaster-needs-person' || i.code === 'scenario-pending'),
        }));
      }
      const refused = new Set<string>();
      for (const problem of result.problems) {
        const targets = problem.contextId && this.#services.has(problem.contextId) ? [problem.contextId] : contexts;
        for (const id of targets) {
          this.#services.get(id)!.reasons.push(problem);
          refused.add(id);
        }
      }
      for (const id of refused) this.#services.get(id)!.state = 'refused';
      contexts = contexts.filter((id) => !refused.has(id));
    }
    return [];
  }

  #exited(contextId: string, process: ServiceProcess, code: number | null): void {
    const service = this.#services.get(contextId);
    // A service stopped on purpose (stop, or a restart after an edit) is not a crash.
    if (!service || this.#stopped || this.#processes.get(contextId) !== process) return;
    this.#processes.delete(contextId);
    service.state = 'crashed';
    service.reasons.push({
      source: 'play',
      code: 'service-exited',
      severity: 'error',
      elementIds: [],
      contextId,
      message: `The ${service.contextName} service stopped (exit ${code ?? 'signal'}): ${process?.output().trim().split('\n').pop() ?? ''}`,
    });
    this.#changed();
  }

  #poll(): void {
    if (!this.#watch) return;
    let batch;
    try {
      batch = this.#watch.poll();
    } catch {
      return; // The log is being written; the next poll reads it.
    }
    if (this.#tally.add(batch, this.#index)) this.#changed();
  }

  /** Reads the log now (tests and the CLI's last lines do not wait for the timer). */
  refresh(): void {
    this.#poll();
  }

  #changed(): void {
    this.#options.onChange?.(this);
  }

  snapshot(after = 0): PlaySnapshot {
    let lags: PlayLag[] = [];
    try {
      lags = this.#watch?.lags() ?? [];
    } catch {
      lags = [];
    }
    return {
      status: this.#status,
      readOnly: false,
      boardName: this.#board.name,
      where: this.#options.scratch,
      progress: { ...this.#progress },
      services: [...this.#services.values()].map((s) => ({ ...s, reasons: [...s.reasons], notes: [...s.notes] })),
      map: this.#index.map,
      head: this.#watch?.head ?? 0,
      entries: this.#tally.entriesAfter(after),
      counts: this.#tally.counts,
      refusals: this.#tally.refusals,
      lags,
      ...(this.#error ? { error: this.#error } : {}),
    };
  }

  /** Sends a command to the service that handles it, as a person at the service's HTTP API would. */
  async send(contextId: string, commandType: string, payload: unknown): Promise<PlaySendResult> {
    const plan = this.#plans.find((p) => p.contextId === contextId);
    const command = plan?.commands.find((c) => c.type === commandType);
    if (!plan || !command)
      throw new PlayError(
        `There is no command ${JSON.stringify(commandType)} in the context ${JSON.stringify(contextId)} being played; stop and play again after changing the board.`,
      );
    const service = this.#processes.get(contextId);
    if (!service)
      throw new PlayError(`The ${plan.contextName} service is not running; see its reasons in the play panel.`);
    const commandId = `play-${randomUUID()}`;
    const response = await fetch(`${service.url}/commands/${encodeURIComponent(command.path)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'response-mode': 'applied', 'idempotency-key': commandId },
      body: JSON.stringify(payload),
    });
    const body = (await response.json()) as Record<string, unknown>;
    this.#poll();
    if (response.ok) {
      const events = Array.isArray(body.events) ? (body.events as Array<{ type: string; position: number }>) : [];
      return {
        status: response.status,
        commandId,
        events: events.map((e) => ({
          type: e.type,
          position: e.position,
          elementIds: this.#index.eventStickies(contextId, e.type),
        })),
        ...('state' in body ? { state: body.state } : {}),
      };
    }
    return {
      status: response.status,
      commandId,
      events: [],
      error: {
        code: String(body.error ?? statusOfResult('failed')),
        message: String(body.message ?? ''),
        errors: Array.isArray(body.errors) ? body.errors.map(String) : [],
      },
    };
  }

  rows(contextId: string, type: string): PlayRows {
    return this.#watch?.rows(contextId, type) ?? { contextId, type, rows: [] };
  }

  /** Stops every service (each closes its log cleanly) and the watch; the scratch folder stays for a look. */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      if (this.#status === 'starting' || this.#status === 'running') this.#status = 'stopping';
      clearInterval(this.#timer);
      this.#poll();
      await this.#stopProcesses();
      this.#watch?.close();
      for (const s of this.#services.values()) if (s.state === 'running' || s.state === 'starting') s.state = 'stopped';
      if (this.#status !== 'failed') this.#status = 'stopped';
      process.removeListener('exit', this.#exitHook);
      this.#changed();
    })();
    return this.#stopped;
  }

  async #stopProcesses(): Promise<void> {
    const all = [...this.#processes.values()];
    this.#processes.clear();
    await Promise.all(all.map((p) => stopServiceProcess(p)));
  }
}

/** One context's service as generated for play: its plan, folder, and whether any file changed. */
interface Generated {
  plan: ServicePlan;
  dir: string;
  changed: boolean;
  notes: GenerateIssue[];
}

/** A request play cannot carry out, as a sentence for the person. */
export class PlayError extends Error {}

/**
 * Where a board plays: `.stormbench/play/<board>` in the board's folder, the folder the app
 * already keeps its autosaves in (and which a board repository ignores), never among its sources.
 */
export function scratchFor(boardFolder: string, boardFile: string | undefined): string {
  const name = (boardFile ?? 'untitled').replace(/\.storm\.json$/, '').replace(/[^A-Za-z0-9._-]/g, '_');
  return join(boardFolder, '.stormbench', 'play', name);
}
