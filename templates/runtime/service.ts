import { isAbsolute, resolve } from 'node:path';
import { CommandBus, eventKey, type CommandResult } from './command-bus.ts';
import type { ReadModelDefinition, ServiceDefinition } from './definition.ts';
import { fingerprintOf, reusedKeyMessage } from './fingerprint.ts';
import { LogUnavailableError, type EventLog, type StoredEvent } from './log.ts';
import { subscribeTo } from './open-log.ts';
import { SqliteLog, sqlitePathOf } from './sqlite-log.ts';
import { StateStore, statePath } from './state-store.ts';
import type { Subscription } from './subscription.ts';

export interface ServiceOptions {
  /** Where local state lives (`DATA_DIR`). */
  dataDir: string;
  /** The log (`STORM_LOG`), e.g. `sqlite:./data/log.db`; or an opened log. */
  log: string | EventLog;
  pollMs?: number;
  /** How long an `applied` answer waits for local state (default 10 s) before it answers `appended`. */
  applyTimeoutMs?: number;
  /** Test hook: runs inside the projection transaction, after the batch, before the checkpoint. */
  beforeCheckpoint?: () => void;
}

/** The running parts of a service, without HTTP (the HTTP server wraps this). */
export interface ServiceRuntime {
  definition: ServiceDefinition;
  log: EventLog;
  store: StateStore;
  bus: CommandBus;
  projections: Subscription;
  policies: Subscription;
  /**
   * Durably enqueues a command for the inbox worker (the `accepted` response mode); answers
   * `reused-key` instead when the id is already taken, in the inbox or the log, by another request.
   */
  enqueue(type: string, payload: unknown, commandId: string): Promise<CommandResult | undefined>;
  /** Records what became of a command run at once, unless the answer only repeats or refuses a reuse of an earlier id. */
  record(commandId: string, type: string, result: CommandResult): void;
  /** What became of a command this service has seen, whatever its response mode; undefined when it has seen none with this id. */
  fate(commandId: string): CommandFate | undefined;
  /** Runs one command and, for `applied`, waits until local state includes its events. */
  run(type: string, payload: unknown, commandId: string, waitApplied: boolean): Promise<CommandResult>;
  close(): Promise<void>;
}

export interface CommandFate {
  commandId: string;
  command: string;
  status: 'pending' | 'done';
  result?: unknown;
}

export function openLog(url: string, cwd = process.cwd()): EventLog {
  const path = sqlitePathOf(url);
  if (path === undefined) throw new Error(`STORM_LOG=${url} is not a log this service can open; use sqlite:PATH`);
  return new SqliteLog(isAbsolute(path) ? path : resolve(cwd, path));
}

export function startRuntime(definition: ServiceDefinition, options: ServiceOptions): ServiceRuntime {
  const log = typeof options.log === 'string' ? openLog(options.log) : options.log;
  const store = new StateStore(statePath(options.dataDir, definition.context));
  const bus = new CommandBus(definition, log);
  const pollMs = options.pollMs ?? 50;
  // On JetStream each subscription is a durable consumer of this instance (see open-log.ts).
  const where = { dataDir: options.dataDir, context: definition.context };

  const modelsByEvent = new Map<string, ReadModelDefinition[]>();
  for (const model of definition.readModels) {
    for (const ref of model.events) {
      const key = eventKey(ref.context, ref.type);
      modelsByEvent.set(key, [...(modelsByEvent.get(key) ?? []), model]);
    }
  }
  const projections = subscribeTo(
    log,
    {
      name: 'projections',
      log,
      pollMs,
      startAfter: () => store.checkpoint('projections'),
      handle: (events, last) => {
        store.applyBatch(
          'projections',
          last,
          (tx) => {
            for (const stored of events) {
              const models = modelsByEvent.get(eventKey(stored.context, stored.type));
              if (!models) continue;
              const event = bus.toDomain(stored);
              for (const model of models) {
                const id = model.key(event);
                if (id === undefined) continue;
                const next = model.apply(tx.get(model.name, id) as never, event);
                if (next === null) tx.delete(model.name, id);
                else tx.put(model.name, id, next, stored.position);
              }
            }
          },
          options.beforeCheckpoint,
        );
      },
    },
    where,
  );

  const policiesByEvent = new Map<string, ServiceDefinition['policies']>();
  for (const policy of definition.policies) {
    for (const ref of policy.events) {
      const key = eventKey(ref.context, ref.type);
      policiesByEvent.set(key, [...(policiesByEvent.get(key) ?? []), policy]);
    }
  }
  const policies = subscribeTo(
    log,
    {
      name: 'policies',
      log,
      pollMs,
      startAfter: () => store.checkpoint('policies'),
      handle: async (events: StoredEvent[], last: number) => {
        for (const stored of events) {
          for (const policy of policiesByEvent.get(eventKey(stored.context, stored.type)) ?? []) {
            const commands = policy.react(bus.toDomain(stored));
            for (const [index, command] of commands.entries()) {
              // Derived from the event's id: reprocessing the event issues the same command id,
              // which the log recognises and appends nothing for.
              const commandId = `${policy.name}:${stored.id}:${index}`;
              const result = await bus.execute(command.type, command.data, commandId);
              record(commandId, command.type, result);
              if (result.kind === 'reused-key') {
                // The command for this event was carried out before, from another reaction: react
                // gave another payload this time (did its code change?). Not run a second time.
                console.error(
                  `policy ${policy.name}: ${command.type} for event ${stored.id} was carried out before with another payload; left as it was`,
                );
              } else if (result.kind !== 'done') {
                console.error(
                  `policy ${policy.name}: ${command.type} for event ${stored.id} was not carried out: ${result.message}`,
                );
              }
            }
          }
        }
        // At least once: the commands are idempotent, so the checkpoint may trail them; one write
        // per batch, not per event.
        store.setCheckpoint('policies', last);
      },
    },
    where,
  );

  const queuedForAnother = (commandId: string, type: string, payload: unknown): boolean => {
    const item = store.inboxItem(commandId);
    return item !== undefined && fingerprintOf(item.command, item.payload) !== fingerprintOf(type, payload);
  };
  const reusedKey = (commandId: string): CommandResult => ({
    kind: 'reused-key',
    message: reusedKeyMessage(commandId),
  });
  const record = (commandId: string, type: string, result: CommandResult): void => {
    // A reused key is refused without touching the first command, and a retry's answer repeats
    // it: neither may replace what became of the command first sent with this id.
    if (result.kind === 'reused-key' || (result.kind === 'done' && result.duplicate)) return;
    store.remember(commandId, type, result);
  };

  bus.onAppend = () => {
    projections.wake();
    policies.wake();
  };
  const hasPolicies = definition.policies.length > 0;

  // The inbox of accepted commands: drained in order; a restart picks up what was pending.
  let inboxRunning = true;
  let inboxWake: (() => void) | undefined;
  /** Waits `ms`, or less when a command is enqueued or the service closes. */
  const inboxPause = async (ms: number) => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      inboxWake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    inboxWake = undefined;
  };
  const inbox = (async () => {
    while (inboxRunning) {
      const batch = store.pending(64);
      if (batch.length === 0) {
        await inboxPause(pollMs * 4);
        continue;
      }
      let unavailable: LogUnavailableError | undefined;
      const answers = await Promise.all(
        batch.map(async (item) => {
          try {
            return {
              commandId: item.commandId,
              answer: (await bus.execute(item.command, item.payload, item.commandId)) as unknown,
            };
          } catch (error) {
            // An accepted command is not failed for the log being away a moment: it stays pending
            // and runs again (its id makes a second append harmless).
            if (error instanceof LogUnavailableError) {
              unavailable = error;
              return undefined;
            }
            return {
              commandId: item.commandId,
              answer: { kind: 'failed', message: error instanceof Error ? error.message : String(error) } as unknown,
            };
          }
        }),
      );
      await store.finish(answers.filter((a) => a !== undefined));
      if (unavailable) {
        console.error(`accepted commands wait for the log: ${unavailable.message}`);
        await inboxPause(unavailable.retryAfter * 1000);
      }
    }
  })();

  projections.start();
  if (hasPolicies) policies.start();

  return {
    definition,
    log,
    store,
    bus,
    projections,
    policies,
    async enqueue(type, payload, commandId) {
      const reused = await bus.reusedKey(type, payload, commandId);
      if (reused) return reused;
      if (!(await store.enqueue(commandId, type, payload)) && queuedForAnother(commandId, type, payload))
        return reusedKey(commandId);
      inboxWake?.();
      return undefined;
    },
    record,
    fate(commandId) {
      const item = store.inboxItem(commandId);
      if (item)
        return {
          commandId,
          command: item.command,
          status: item.status === 'done' ? 'done' : 'pending',
          ...(item.answer === undefined ? {} : { result: item.answer }),
        };
      const answered = store.answered(commandId);
      return answered && { commandId, command: answered.command, status: 'done', result: answered.answer };
    },
    async run(type, payload, commandId, waitApplied) {
      // Queued in the accepted mode for another request and not run yet: the log cannot tell.
      if (queuedForAnother(commandId, type, payload)) return reusedKey(commandId);
      const result = await bus.execute(type, payload, commandId);
      record(commandId, type, result);
      if (waitApplied && result.kind === 'done' && result.events.length > 0) {
        // A projection that keeps failing must not hold the request forever: after a while the
        // answer says the events are in the log but local state has not caught up.
        let timer: NodeJS.Timeout | undefined;
        const caughtUp = await Promise.race([
          projections.waitFor(Math.max(...result.events.map((e) => e.position))).then(() => true),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), options.applyTimeoutMs ?? 10_000))),
        ]);
        clearTimeout(timer);
        if (!caughtUp) return { ...result, lagging: true };
      }
      return result;
    },
    async close() {
      inboxRunning = false;
      inboxWake?.();
      await Promise.all([projections.stop(), policies.stop(), inbox]);
      await log.close();
      await store.close();
    },
  };
}
