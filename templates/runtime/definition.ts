import type { ResponseMode } from './responses.ts';

/** An event as the domain code sees it: always in its current version, after upcasting. */
export interface DomainEvent<T extends string = string, D = Record<string, unknown>> {
  type: T;
  data: D;
  /** Where it came from in the log; absent on events a decider has just produced. */
  meta?: { id: string; position: number; context: string; stream: string; streamVersion: number; commandId?: string };
}

/** A command as a decider sees it. */
export interface DomainCommand<T extends string = string, D = Record<string, unknown>> {
  type: T;
  data: D;
  id: string;
}

/** A decider refuses a command by throwing this; the HTTP answer is 422 with the message. */
export class RuleViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleViolation';
  }
}

export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export interface EventDefinition {
  context: string;
  type: string;
  /** The versions' JSON Schemas by number; the highest is current. */
  schemas: Record<number, object>;
  /** `upcasters[n]` turns version n into version n + 1. */
  upcasters: Record<number, Upcaster>;
  /** Whether this service writes it (it may also read events of other contexts). */
  own: boolean;
}

export interface CommandDefinition {
  type: string;
  /** The URL segment: POST /commands/{path}. */
  path: string;
  schema: object;
  aggregate: string;
}

// A service's definition lists aggregates (read models) of different state (row) types in one array, and
// a function of S is not assignable to one of `unknown`: the default must be `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Decider<S = any> {
  initialState: S;
  evolve(state: S, event: DomainEvent): S;
  decide(command: DomainCommand, state: S): Array<{ type: string; data: object }>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Decider's
export interface AggregateDefinition<S = any> {
  name: string;
  /** The payload property that carries the aggregate's id in its commands and events. */
  idField: string;
  decider: Decider<S>;
}

export interface EventRef {
  context: string;
  type: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Decider's
export interface ReadModelDefinition<R = any> {
  name: string;
  /** The URL segment: GET /read-models/{path}. */
  path: string;
  events: EventRef[];
  /** The row an event is about, or undefined to ignore the event. */
  key(event: DomainEvent): string | undefined;
  /** The new row; null deletes it. */
  apply(row: R | undefined, event: DomainEvent): R | null;
}

export interface PolicyDefinition {
  name: string;
  events: EventRef[];
  /** The commands an event leads to; each gets an id derived from the event's id. */
  react(event: DomainEvent): Array<{ type: string; data: object }>;
}

export interface ServiceDefinition {
  context: string;
  name: string;
  responseMode: ResponseMode;
  events: EventDefinition[];
  commands: CommandDefinition[];
  aggregates: AggregateDefinition[];
  readModels: ReadModelDefinition[];
  policies: PolicyDefinition[];
}
