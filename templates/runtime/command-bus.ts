import { randomUUID } from 'node:crypto';
import {
  RuleViolation,
  type AggregateDefinition,
  type DomainEvent,
  type EventDefinition,
  type ServiceDefinition,
} from './definition.ts';
import { fingerprintOf, reusedKeyMessage } from './fingerprint.ts';
import { jsonProblem } from './json-values.ts';
import { KeyedLock } from './keyed-lock.ts';
import { ConcurrencyError, type AppendOutcome, type EventLog, type NewEvent, type StoredEvent } from './log.ts';
import { currentVersion, upcast } from './upcast.ts';
import { compileValidator, type Validator } from './validation.ts';

export interface AppendedEvent {
  id: string;
  type: string;
  position: number;
}

export type CommandResult =
  | {
      kind: 'done';
      commandId: string;
      duplicate: boolean;
      stream: string;
      streamVersion: number;
      events: AppendedEvent[];
      state: unknown;
      lagging?: true;
    }
  | { kind: 'unknown-command'; message: string }
  | { kind: 'invalid'; message: string; errors: string[] }
  | { kind: 'rejected'; message: string }
  | { kind: 'conflict'; message: string }
  /** The command id was used before for another request; nothing was run for this one. */
  | { kind: 'reused-key'; message: string }
  | { kind: 'failed'; message: string };

/** How many times a command is decided again when another writer moved its stream on. */
const MAX_ATTEMPTS = 8;

/**
 * Handles a command: decide on the aggregate's state (folded from its stream), then one append of
 * the decided events with the expected version and the command's id. Nothing else is written:
 * local state follows from the log through the subscription.
 */
export class CommandBus {
  readonly #definition: ServiceDefinition;
  readonly #log: EventLog;
  readonly #lock = new KeyedLock();
  readonly #commandValidators = new Map<string, Validator>();
  readonly #eventValidators = new Map<string, { version: number; validate: Validator }>();
  readonly #events = new Map<string, EventDefinition>();
  readonly #aggregates = new Map<string, AggregateDefinition>();
  /** Called after every append that added events (the service wakes its subscriptions). */
  onAppend: (() => void) | undefined;

  constructor(definition: ServiceDefinition, log: EventLog) {
    this.#definition = definition;
    this.#log = log;
    for (const command of definition.commands)
      this.#commandValidators.set(command.type, compileValidator(command.schema, { strip: false }));
    for (const event of definition.events) {
      this.#events.set(eventKey(event.context, event.type), event);
      if (!event.own) continue;
      const version = currentVersion(event);
      this.#eventValidators.set(event.type, {
        version,
        validate: compileValidator(event.schemas[version]!, { strip: true }),
      });
    }
    for (const aggregate of definition.aggregates) this.#aggregates.set(aggregate.name, aggregate);
  }

  /** Validates a command's payload as the HTTP edge does, without handling it. */
  check(type: string, payload: unknown): CommandResult | undefined {
    const command = this.#definition.commands.find((c) => c.type === type);
    if (!command) return { kind: 'unknown-command', message: `there is no command ${JSON.stringify(type)}` };
    // Before the schema: a schema without a type accepts Infinity, and a deep body would exhaust
    // the validator's stack.
    const unfit = jsonProblem(payload);
    if (unfit) return { kind: 'invalid', message: `the ${type} command is not valid: ${unfit}`, errors: [unfit] };
    const verdict = this.#commandValidators.get(type)!(payload);
    if (!verdict.ok)
      return {
        kind: 'invalid',
        message: `the ${type} command is not valid: ${verdict.errors.join('; ')}`,
        errors: verdict.errors,
      };
    const aggregate = this.#aggregates.get(command.aggregate)!;
    const id = (payload as Record<string, unknown>)[aggregate.idField];
    if (typeof id !== 'string' && typeof id !== 'number') {
      const error = `the payload is missing "${aggregate.idField}", the id of the ${aggregate.name} it is for`;
      return { kind: 'invalid', message: `the ${type} command is not valid: ${error}`, errors: [error] };
    }
    return undefined;
  }

  async execute(type: string, payload: unknown, commandId: string = randomUUID()): Promise<CommandResult> {
    const problem = this.check(type, payload);
    if (problem) return problem;
    const command = this.#definition.commands.find((c) => c.type === type)!;
    const aggregate = this.#aggregates.get(command.aggregate)!;
    const data = payload as Record<string, unknown>;
    const stream = `${this.#definition.context}.${aggregate.name}-${String(data[aggregate.idField])}`;
    const fingerprint = fingerprintOf(type, payload);
    return this.#lock.run(stream, () => this.#handle(aggregate, stream, { type, data, id: commandId }, fingerprint));
  }

  /** The answer for a command id the log already holds for another request; undefined when it holds none or this one. */
  async reusedKey(type: string, payload: unknown, commandId: string): Promise<CommandResult | undefined> {
    const seen = await this.#log.outcomeOf(this.#definition.context, commandId);
    return seen && isAnotherRequest(seen, fingerprintOf(type, payload))
      ? { kind: 'reused-key', message: reusedKeyMessage(commandId) }
      : undefined;
  }

  async #handle(
    aggregate: AggregateDefinition,
    stream: string,
    command: { type: string; data: Record<string, unknown>; id: string },
    fingerprint: string,
  ): Promise<CommandResult> {
    const context = this.#definition.context;
    // A retry of a command the log holds is told by the log: the append checks the command id
    // before the version and answers the first outcome. Only a command that appends nothing (a
    // refusal, an empty decision, a failure) asks first, since a retry is decided on the state its
    // first run left and may be refused where the first run was not.
    const earlier = async () => {
      const outcome = await this.#log.outcomeOf(context, command.id);
      return outcome && this.#answer(aggregate, stream, command.id, outcome, fingerprint);
    };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // On a networked log, the first decision is made on what the log has seen of the stream, not
      // after a round trip to learn that nothing was added (for a new aggregate, that it is new):
      // the append's expected version tells whether that was all, and a stale view is refused
      // there. A refusal or an empty decision on such a view is not trusted: the stream is read
      // afresh and the command decided again.
      const seen = attempt === 1 ? this.#log.readStreamSeen?.(stream) : undefined;
      const history = seen ?? (await this.#log.readStream(stream));
      const state = this.fold(aggregate, history);
      const expectedVersion = history.length === 0 ? 0 : history[history.length - 1]!.streamVersion;
      let decided: Array<{ type: string; data: object }>;
      try {
        decided = aggregate.decider.decide(command, state);
      } catch (error) {
        if (!(error instanceof RuleViolation)) throw error;
        if (seen) continue;
        return (await earlier()) ?? { kind: 'rejected', message: error.message };
      }
      if (decided.length === 0 && seen) continue;
      if (decided.length === 0) {
        const first = await earlier();
        if (first) return first;
      }
      const events: NewEvent[] = [];
      for (const event of decided) {
        const validator = this.#eventValidators.get(event.type);
        if (!validator)
          return (
            (await earlier()) ?? {
              kind: 'failed',
              message: `the decider of ${aggregate.name} produced ${JSON.stringify(event.type)}, which is not an event of this service`,
            }
          );
        const verdict = validator.validate(event.data);
        if (!verdict.ok) {
          return (
            (await earlier()) ?? {
              kind: 'failed',
              message: `the decider of ${aggregate.name} produced a ${event.type} that its schema refuses (${verdict.errors.join('; ')}); write the rule for ${command.type} in src/domain/`,
            }
          );
        }
        const unfit = jsonProblem(verdict.data);
        if (unfit) {
          return (
            (await earlier()) ?? {
              kind: 'failed',
              message: `the decider of ${aggregate.name} produced a ${event.type} in which ${unfit}; write the rule for ${command.type} in src/domain/`,
            }
          );
        }
        events.push({ id: randomUUID(), type: event.type, version: validator.version, data: verdict.data });
      }
      const recordedAt = new Date().toISOString();
      try {
        const outcome = await this.#log.append({
          context,
          stream,
          expectedVersion,
          events,
          commandId: command.id,
          fingerprint,
        });
        if (outcome.positions.length > 0) this.onAppend?.();
        if (outcome.duplicate) return this.#answer(aggregate, stream, command.id, outcome, fingerprint);
        // Appended now, on exactly the history decided on (the expected version held): the answer
        // follows from what is at hand, without reading the stream back.
        const appended: StoredEvent[] = events.map((event, i) => ({
          position: outcome.positions[i]!,
          id: event.id,
          context,
          stream,
          streamVersion: expectedVersion + i + 1,
          type: event.type,
          version: event.version,
          data: event.data,
          metadata: { commandId: command.id },
          recordedAt,
        }));
        return {
          kind: 'done',
          commandId: command.id,
          duplicate: false,
          stream,
          streamVersion: outcome.streamVersion,
          events: appended.map((e) => ({ id: e.id, type: e.type, position: e.position })),
          // The state decided on, moved on by the new events: `history` may be the log's own
          // cache of the stream (readStreamSeen), which the append has already extended.
          state: this.fold(aggregate, appended, state),
        };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        // Another writer got there first: decide again after a short random pause, so that two
        // writers of one stream do not keep colliding in step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** Math.min(attempt, 6)));
      }
    }
    return {
      kind: 'conflict',
      message: `${stream} kept changing while the command was decided (${MAX_ATTEMPTS} attempts); try again`,
    };
  }

  async #answer(
    aggregate: AggregateDefinition,
    stream: string,
    commandId: string,
    outcome: AppendOutcome,
    fingerprint: string,
  ): Promise<CommandResult> {
    // The first request's outcome answers only a retry of that request: the id reused for another
    // one must not be reported done (its events would even be looked for in the wrong stream).
    if (outcome.duplicate && isAnotherRequest(outcome, fingerprint))
      return { kind: 'reused-key', message: reusedKeyMessage(commandId) };
    const history = await this.#log.readStream(stream, outcome.streamVersion);
    const positions = new Set(outcome.positions);
    const events = history
      .filter((e) => positions.has(e.position))
      .map((e) => ({ id: e.id, type: e.type, position: e.position }));
    return {
      kind: 'done',
      commandId,
      duplicate: outcome.duplicate,
      stream,
      streamVersion: outcome.streamVersion,
      events,
      state: this.fold(aggregate, history),
    };
  }

  /** The aggregate's state after the given events of its stream (after `from`, a state folded up to them, when given). */
  fold(
    aggregate: AggregateDefinition,
    history: StoredEvent[],
    from: unknown = aggregate.decider.initialState,
  ): unknown {
    let state = from;
    for (const stored of history) state = aggregate.decider.evolve(state, this.toDomain(stored));
    return state;
  }

  /** A stored event as domain code sees it: upcast to its current version. */
  toDomain(stored: StoredEvent): DomainEvent {
    const definition = this.#events.get(eventKey(stored.context, stored.type));
    const data = definition
      ? upcast(definition, stored.version, stored.data)
      : (stored.data as Record<string, unknown>);
    return {
      type: stored.type,
      data,
      meta: {
        id: stored.id,
        position: stored.position,
        context: stored.context,
        stream: stored.stream,
        streamVersion: stored.streamVersion,
        ...(typeof stored.metadata.commandId === 'string' ? { commandId: stored.metadata.commandId } : {}),
      },
    };
  }

  knows(context: string, type: string): boolean {
    return this.#events.has(eventKey(context, type));
  }
}

/** Outcomes stored before fingerprints existed carry none: any retry of them gets the first answer. */
function isAnotherRequest(outcome: AppendOutcome, fingerprint: string): boolean {
  return outcome.fingerprint !== undefined && outcome.fingerprint !== fingerprint;
}

export function eventKey(context: string, type: string): string {
  return `${context}\u0000${type}`;
}
