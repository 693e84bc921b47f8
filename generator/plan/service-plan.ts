import type { JsonSchema, ResponseMode } from '../../model/board/types.ts';
import type { GeneratorIssue } from '../../contract/generate.ts';

/**
 * What one bounded context's service consists of, with every name it will use in code and in
 * file names, and the stickies each part comes from (so what is said about a part can point at
 * them). Built from the board graph by planService (plan.ts); pure data.
 */
export interface ServicePlan {
  contextId: string;
  contextName: string;
  boardName: string;
  packageName: string;
  /** The folder inside --out: the package name without its scope. */
  dirName: string;
  responseMode: ResponseMode;
  events: EventPlan[];
  commands: CommandPlan[];
  aggregates: AggregatePlan[];
  readModels: ReadModelPlan[];
  policies: PolicyPlan[];
  /** What needs the person running `generate`, or was left out. */
  notes: GeneratorIssue[];
  /** The service's AsyncAPI 3.0 document (the same as `stormbench export asyncapi` writes). */
  asyncApi: string;
}

export interface EventPlan {
  name: string;
  context: string;
  /** The type written to the log, e.g. `OrderPlaced`. */
  type: string;
  /** The TypeScript type name; an event of another context is prefixed with that context. */
  tsName: string;
  kebab: string;
  own: boolean;
  versions: Array<{ version: number; schema: JsonSchema; examples: unknown[] }>;
  steps: StepPlan[];
  elementIds: string[];
}

export type StepPlan =
  | { from: number; to: number; mechanical: true; fill: Array<{ pointer: string; value: unknown }>; drop: string[] }
  | { from: number; to: number; mechanical: false; reasons: string[]; file: string; functionName: string };

export interface CommandPlan {
  name: string;
  type: string;
  tsName: string;
  path: string;
  schema: JsonSchema;
  aggregate: string;
  /** The events the board links from this command through the aggregate (current versions). */
  emits: string[];
  elementIds: string[];
}

export interface ScenarioPlan {
  name: string;
  given: Array<{ type: string; data: Record<string, unknown> }>;
  when: { type: string; data: Record<string, unknown> };
  then?: Array<{ type: string; data: Record<string, unknown> }>;
  thenError?: string;
  /** Why the default decider cannot meet it; undefined when it can. */
  pending?: string;
  /** The user's domain file has a rule for its command (generator/written-rules.ts): nothing is pending on the person. */
  ruleWritten?: boolean;
  /** The aggregate sticky the scenario is written on. */
  elementId: string;
}

export interface AggregatePlan {
  name: string;
  type: string;
  kebab: string;
  camel: string;
  idField: string;
  commands: string[];
  events: string[];
  scenarios: ScenarioPlan[];
  elementIds: string[];
}

export interface EventRefPlan {
  context: string;
  type: string;
  tsName: string;
}

export interface ReadModelPlan {
  name: string;
  type: string;
  kebab: string;
  events: EventRefPlan[];
  /** Payload properties tried, in order, for the row's id. */
  keyFields: string[];
  elementIds: string[];
}

export interface PolicyPlan {
  name: string;
  type: string;
  kebab: string;
  triggers: EventRefPlan[];
  issues: string[];
  elementIds: string[];
}

export type PlanResult = { ok: true; plan: ServicePlan } | { ok: false; errors: GeneratorIssue[] };
