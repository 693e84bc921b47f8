import { codeVersionsOf } from '../../model/board/events.ts';
import { BoardGraph, type Identity } from '../../model/board/graph.ts';
import { asyncApiDocumentText } from '../../model/export/asyncapi.ts';
import type { AggregateElement, Board, CommandElement, Context, Element, EventElement, JsonSchema, ResponseMode, Scenario } from '../../model/board/types.ts';
import { isIdentifier, toIdentifier } from '../../model/names/identifiers.ts';
import { decideStep } from './steps.ts';

/**
 * What one bounded context's service consists of, with every name it will use in code and in
 * file names. Built from the board graph; pure (no files are touched here).
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
  /** Sentences for the person running `generate`: what needs them, what was left out. */
  notes: string[];
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
}

export interface ScenarioPlan {
  name: string;
  given: Array<{ type: string; data: Record<string, unknown> }>;
  when: { type: string; data: Record<string, unknown> };
  then?: Array<{ type: string; data: Record<string, unknown> }>;
  thenError?: string;
  /** Why the default decider cannot meet it; undefined when it can. */
  pending?: string;
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
}

export interface PolicyPlan {
  name: string;
  type: string;
  kebab: string;
  triggers: EventRefPlan[];
  issues: string[];
}

export type PlanResult = { ok: true; plan: ServicePlan } | { ok: false; errors: string[] };

const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

export function planService(board: Board, contextId: string, graph = new BoardGraph(board)): PlanResult {
  const context = board.contexts.find((c) => c.id === contextId);
  if (!context) return { ok: false, errors: [`there is no context with the id ${JSON.stringify(contextId)}; the board has ${board.contexts.map((c) => JSON.stringify(c.id)).join(', ') || 'none'}`] };
  const errors: string[] = [];
  const notes: string[] = [];
  const identities = [...graph.identities()];
  const ofKind = (kind: Element['kind']) => identities.filter((i) => i.kind === kind && i.contextId === contextId);
  const contextPascal = (id: string) => toIdentifier(board.contexts.find((c) => c.id === id)?.name ?? id).pascal || 'Other';

  const named = (identity: Identity, what: string): boolean => {
    const problem = identity.identifier.problem;
    if (problem) errors.push(`${what} ${JSON.stringify(identity.stickies[0]!.name)} (${identity.stickies[0]!.id}): ${problem.message}; rename it`);
    return !problem;
  };

  // Events: this context's own, then those of other contexts its policies and read models read.
  const events = new Map<string, EventPlan>();
  const eventPlan = (identity: Identity): EventPlan | undefined => {
    if (events.has(identity.key)) return events.get(identity.key);
    if (!named(identity, 'the event')) return undefined;
    const own = identity.contextId === contextId;
    const versions = codeVersionsOf(identity);
    const type = identity.identifier.pascal;
    const tsName = own ? type : `${contextPascal(identity.contextId ?? '')}${type}`;
    const plan: EventPlan = {
      name: identity.stickies[0]!.name,
      context: identity.contextId ?? '',
      type,
      tsName,
      kebab: own ? identity.identifier.kebab : `${toIdentifier(identity.contextId ?? '').kebab}-${identity.identifier.kebab}`,
      own,
      versions,
      steps: [],
    };
    for (let i = 1; i < versions.length; i++) {
      const from = versions[i - 1]!;
      const to = versions[i]!;
      const decision = decideStep(from.schema, to.schema);
      if (decision.mechanical) plan.steps.push({ from: from.version, to: to.version, mechanical: true, fill: decision.fill, drop: decision.drop });
      else {
        const file = `src/upcasters/${plan.kebab}-v${from.version}-to-v${to.version}.ts`;
        plan.steps.push({ from: from.version, to: to.version, mechanical: false, reasons: decision.reasons, file, functionName: `upcast${tsName}V${from.version}ToV${to.version}` });
        notes.push(`${plan.name} v${from.version}→v${to.version} needs a person (${decision.reasons.join('; ')}): write it in ${file}; its test fails until you do.`);
      }
    }
    events.set(identity.key, plan);
    return plan;
  };
  for (const identity of ofKind('event')) eventPlan(identity);

  const ref = (element: Element): EventRefPlan | undefined => {
    const identity = graph.identityOf(element.id);
    const plan = identity ? eventPlan(identity) : undefined;
    return plan ? { context: plan.context, type: plan.type, tsName: plan.tsName } : undefined;
  };

  // Aggregates, and the commands they handle: command → aggregate sticky → events, per sticky.
  const commands = new Map<string, CommandPlan>();
  const aggregates: AggregatePlan[] = [];
  for (const identity of ofKind('aggregate')) {
    if (!named(identity, 'the aggregate')) continue;
    const stickies = identity.stickies as AggregateElement[];
    const idField = stickies.find((s) => s.idField)?.idField ?? `${identity.identifier.camel.replace(/_$/, '')}Id`;
    if (!isIdentifier(idField)) errors.push(`the aggregate ${JSON.stringify(identity.stickies[0]!.name)}: its idField ${JSON.stringify(idField)} is not a property name the generated code can use`);
    const aggregate: AggregatePlan = {
      name: identity.stickies[0]!.name,
      type: identity.identifier.pascal,
      kebab: identity.identifier.kebab,
      camel: identity.identifier.camel.replace(/_$/, ''),
      idField,
      commands: [],
      events: [],
      scenarios: [],
    };
    for (const sticky of stickies) {
      const emitted = graph.outgoing(sticky.id).map((l) => graph.element(l.to)).filter((e): e is EventElement => e?.kind === 'event' && e.context === contextId);
      const emittedTypes = emitted.map((e) => eventPlan(graph.identityOf(e.id)!)?.type).filter((t): t is string => t !== undefined);
      for (const t of emittedTypes) if (!aggregate.events.includes(t)) aggregate.events.push(t);
      for (const link of graph.incoming(sticky.id)) {
        const element = graph.element(link.from);
        if (element?.kind !== 'command') continue;
        const commandIdentity = graph.identityOf(element.id)!;
        if (commandIdentity.contextId !== contextId || !named(commandIdentity, 'the command')) continue;
        let command = commands.get(commandIdentity.key);
        if (!command) {
          const schema = (commandIdentity.stickies as CommandElement[]).find((s) => s.schema !== undefined)?.schema ?? { type: 'object', properties: { [idField]: { type: 'string' } }, required: [idField] };
          command = { name: element.name, type: commandIdentity.identifier.pascal, tsName: `${commandIdentity.identifier.pascal}Command`, path: commandIdentity.identifier.kebab, schema, aggregate: aggregate.type, emits: [] };
          commands.set(commandIdentity.key, command);
          aggregate.commands.push(command.type);
        } else if (command.aggregate !== aggregate.type) {
          errors.push(`the command ${JSON.stringify(command.name)} is handled by two aggregates (${command.aggregate} and ${aggregate.type}); a command has one handler`);
        }
        for (const t of narrow(command.name, emitted, emittedTypes, graph.incoming(sticky.id).filter((l) => graph.element(l.from)?.kind === 'command').length)) {
          if (!command.emits.includes(t)) command.emits.push(t);
        }
      }
    }
    aggregates.push(aggregate);
  }
  for (const identity of ofKind('command')) {
    if (![...commands.values()].some((c) => c.type === identity.identifier.pascal)) {
      notes.push(`the command ${JSON.stringify(identity.stickies[0]!.name)} has no aggregate in this context, so the service has no endpoint for it.`);
    }
  }

  // Scenarios, now that commands and events are known.
  for (const aggregate of aggregates) {
    const identity = ofKind('aggregate').find((i) => i.identifier.pascal === aggregate.type)!;
    for (const sticky of identity.stickies as AggregateElement[]) {
      for (const scenario of sticky.scenarios ?? []) {
        const planned = planScenario(scenario, aggregate, commands, events, graph, contextId);
        if (typeof planned === 'string') errors.push(`the scenario ${JSON.stringify(scenario.name)} of ${aggregate.name}: ${planned}`);
        else aggregate.scenarios.push(planned);
      }
    }
  }

  const readModels: ReadModelPlan[] = [];
  for (const identity of ofKind('readModel')) {
    if (!named(identity, 'the read model')) continue;
    const refs = unique(graph.sources(identity, ['event']).map(ref).filter((r): r is EventRefPlan => r !== undefined));
    const keyFields = unique(aggregates.filter((a) => a.events.some((t) => refs.some((r) => r.type === t && r.context === contextId))).map((a) => a.idField));
    readModels.push({ name: identity.stickies[0]!.name, type: identity.identifier.pascal, kebab: identity.identifier.kebab, events: refs, keyFields });
  }

  // A policy runs in the service that handles the commands it issues, wherever its sticky sits:
  // that service subscribes to the triggering events, of its own context or of others.
  const policies: PolicyPlan[] = [];
  for (const identity of identities.filter((i) => i.kind === 'policy')) {
    const issued = graph
      .targets(identity, ['command'])
      .map((c) => graph.identityOf(c.id)!)
      .filter((c) => c.contextId === contextId)
      .map((c) => [...commands.values()].find((p) => p.type === c.identifier.pascal)?.type)
      .filter((t): t is string => t !== undefined);
    if (issued.length === 0 || !named(identity, 'the policy')) continue;
    const triggers = unique(graph.sources(identity, ['event']).map(ref).filter((r): r is EventRefPlan => r !== undefined));
    if (triggers.length === 0) {
      notes.push(`the policy ${JSON.stringify(identity.stickies[0]!.name)} has no event that triggers it, so it never runs.`);
      continue;
    }
    policies.push({ name: identity.stickies[0]!.name, type: identity.identifier.pascal, kebab: identity.identifier.kebab, triggers, issues: unique(issued) });
  }

  // Generated names must not collide: they share one module of types.
  const owners = new Map<string, string>();
  const claim = (name: string, what: string) => {
    const previous = owners.get(name);
    if (previous) errors.push(`${what} and ${previous} both become ${name} in code; rename one of them`);
    else owners.set(name, what);
  };
  for (const e of events.values()) for (const v of e.versions) claim(`${e.tsName}V${v.version}`, `the event ${JSON.stringify(e.name)}`);
  for (const e of events.values()) claim(e.tsName, `the event ${JSON.stringify(e.name)}`);
  for (const c of commands.values()) claim(c.tsName, `the command ${JSON.stringify(c.name)}`);
  for (const a of aggregates) claim(`${a.type}State`, `the aggregate ${JSON.stringify(a.name)}`);
  const files = new Map<string, string>();
  const claimFile = (file: string, what: string) => {
    const previous = files.get(file);
    if (previous) errors.push(`${what} and ${previous} would both be written to ${file}; rename one of them`);
    else files.set(file, what);
  };
  for (const a of aggregates) claimFile(`src/domain/${a.kebab}.ts`, `the aggregate ${JSON.stringify(a.name)}`);
  for (const r of readModels) claimFile(`src/projections/${r.kebab}.ts`, `the read model ${JSON.stringify(r.name)}`);
  for (const p of policies) claimFile(`src/policies/${p.kebab}.ts`, `the policy ${JSON.stringify(p.name)}`);

  const packageName = packageNameOf(context, errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    plan: {
      contextId,
      contextName: context.name,
      boardName: board.name,
      packageName,
      dirName: packageName.replace(/^@[^/]+\//, ''),
      responseMode: context.service?.responseMode ?? 'applied',
      events: [...events.values()].sort((a, b) => Number(b.own) - Number(a.own)),
      commands: [...commands.values()],
      aggregates,
      readModels,
      policies,
      notes,
      asyncApi: asyncApiDocumentText(board, contextId),
    },
  };
}

/**
 * When one aggregate sticky has several commands and several events, the arrows do not say which
 * command emits which event. Read the sticky's names the way people do: "Place order" emits
 * "Order placed" (the command's verb begins a word of the event). Without a match, every event.
 */
function narrow(commandName: string, emitted: EventElement[], types: string[], commandsOnSticky: number): string[] {
  if (commandsOnSticky <= 1 || types.length <= 1) return types;
  const verb = toIdentifier(commandName).kebab.split('-')[0] ?? '';
  const stem = verb.slice(0, Math.max(3, Math.min(verb.length - 1, 5)));
  const matched = types.filter((_, i) => toIdentifier(emitted[i]!.name).kebab.split('-').some((word) => stem.length >= 3 && word.startsWith(stem)));
  return matched.length > 0 ? matched : types;
}

function packageNameOf(context: Context, errors: string[]): string {
  const asked = context.service?.packageName;
  if (asked !== undefined) {
    if (NPM_NAME.test(asked) && asked.length <= 214 && !asked.includes('..')) return asked;
    errors.push(`the context ${JSON.stringify(context.name)}: its packageName ${JSON.stringify(asked)} is not a valid npm package name (lowercase letters, digits, - . _ ~, optionally @scope/)`);
    return 'invalid';
  }
  const kebab = toIdentifier(context.name).kebab || toIdentifier(context.id).kebab;
  if (!kebab || !NPM_NAME.test(`${kebab}-service`)) {
    errors.push(`the context ${JSON.stringify(context.name)} gives no package name; set service.packageName`);
    return 'invalid';
  }
  return `${kebab}-service`;
}

function planScenario(
  scenario: Scenario,
  aggregate: AggregatePlan,
  commands: Map<string, CommandPlan>,
  events: Map<string, EventPlan>,
  graph: BoardGraph,
  contextId: string,
): ScenarioPlan | string {
  const eventType = (name: string): EventPlan | undefined => {
    const identity = graph.find('event', contextId, name);
    return identity ? events.get(identity.key) : undefined;
  };
  const given: ScenarioPlan['given'] = [];
  for (const g of scenario.given ?? []) {
    const plan = eventType(g.event);
    if (!plan) return `its given event ${JSON.stringify(g.event)} is not an event of this context`;
    given.push({ type: plan.type, data: g.data ?? {} });
  }
  const commandIdentity = graph.find('command', contextId, scenario.when.command);
  const command = commandIdentity ? commands.get(commandIdentity.key) : undefined;
  if (!command || command.aggregate !== aggregate.type) return `its command ${JSON.stringify(scenario.when.command)} is not handled by ${aggregate.name}`;
  const when = { type: command.type, data: scenario.when.data ?? {} };
  const result: ScenarioPlan = { name: scenario.name, given, when };
  if (scenario.thenError !== undefined) {
    result.thenError = scenario.thenError;
    result.pending = `the default decider never refuses; write the rule for ${command.type} that refuses with "${scenario.thenError}"`;
    return result;
  }
  const then: NonNullable<ScenarioPlan['then']> = [];
  for (const t of scenario.then ?? []) {
    const plan = eventType(t.event);
    if (!plan) return `its then event ${JSON.stringify(t.event)} is not an event of this context`;
    then.push({ type: plan.type, data: t.data ?? {} });
  }
  result.then = then;
  const byDefault = command.emits.map((type) => ({ type, data: defaultEventData(when.data, events, type, contextId) }));
  if (!stableEqual(byDefault, then)) {
    result.pending = `the default decider emits ${byDefault.map((e) => e.type).join(', ') || 'nothing'} with the command's fields; write the rule for ${command.type} so that it emits ${then.map((e) => e.type).join(', ') || 'nothing'} as the scenario says`;
  }
  return result;
}

/** What the generated default decider puts in an event: the command's fields the event declares, plus defaults. */
export function defaultEventData(commandData: Record<string, unknown>, events: Map<string, EventPlan>, type: string, contextId: string): Record<string, unknown> {
  const plan = [...events.values()].find((e) => e.type === type && e.context === contextId);
  const current = plan?.versions[plan.versions.length - 1]?.schema;
  const properties = typeof current === 'object' && current !== null && typeof current.properties === 'object' && current.properties !== null ? (current.properties as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    if (Object.hasOwn(commandData, name)) define(out, name, commandData[name]);
    else if (typeof schema === 'object' && schema !== null && Object.hasOwn(schema, 'default')) define(out, name, (schema as { default: unknown }).default);
  }
  return out;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function stableEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function unique<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
