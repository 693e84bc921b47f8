import type { AggregateElement, Scenario } from '../../model/board/types.ts';
import type { GeneratorIssue } from '../../contract/generate.ts';
import { needsPerson } from '../issues.ts';
import type { ContextPlanning } from './context-planning.ts';
import type { AggregatePlan, CommandPlan, EventPlan, ScenarioPlan, ServicePlan } from './service-plan.ts';

/** The Given/When/Then scenarios on each aggregate's stickies, once its commands and events are known. */
export function planScenarios(p: ContextPlanning, aggregates: AggregatePlan[]): void {
  for (const aggregate of aggregates) {
    const identity = p.ofKind('aggregate').find((i) => i.identifier.pascal === aggregate.type)!;
    for (const sticky of identity.stickies as AggregateElement[]) {
      for (const scenario of sticky.scenarios ?? []) {
        const planned = planScenario(p, scenario, aggregate, sticky.id);
        if ('unmet' in planned)
          p.refuse(
            planned.unmet,
            [sticky.id],
            `the scenario ${JSON.stringify(scenario.name)} of ${aggregate.name}: ${planned.reason}`,
          );
        else aggregate.scenarios.push(planned);
      }
    }
  }
}

/** The scenarios the default decider cannot meet and whose rule the person has not written yet. */
export function pendingScenarios(plan: ServicePlan): GeneratorIssue[] {
  return plan.aggregates.flatMap((a) =>
    a.scenarios
      .filter((s) => s.pending && !s.ruleWritten)
      .map((s) =>
        needsPerson(
          'scenario-pending',
          [s.elementId],
          `scenario "${s.name}" of ${a.name} is pending: ${s.pending}`,
          plan.contextId,
        ),
      ),
  );
}

/** Why a scenario cannot become a test of this service. */
interface Unplannable {
  unmet: 'scenario-event-unknown' | 'scenario-command-not-handled';
  reason: string;
}

const unknownEvent = (part: 'given' | 'then', event: string): Unplannable => ({
  unmet: 'scenario-event-unknown',
  reason: `its ${part} event ${JSON.stringify(event)} is not an event of this context`,
});

function planScenario(
  p: ContextPlanning,
  scenario: Scenario,
  aggregate: AggregatePlan,
  elementId: string,
): ScenarioPlan | Unplannable {
  const eventType = (name: string): EventPlan | undefined => {
    const identity = p.graph.find('event', p.contextId, name);
    return identity ? p.events.get(identity.key) : undefined;
  };
  const given: ScenarioPlan['given'] = [];
  for (const g of scenario.given ?? []) {
    const plan = eventType(g.event);
    if (!plan) return unknownEvent('given', g.event);
    given.push({ type: plan.type, data: g.data ?? {} });
  }
  const commandIdentity = p.graph.find('command', p.contextId, scenario.when.command);
  const command = commandIdentity ? p.commands.get(commandIdentity.key) : undefined;
  if (!command || command.aggregate !== aggregate.type)
    return {
      unmet: 'scenario-command-not-handled',
      reason: `its command ${JSON.stringify(scenario.when.command)} is not handled by ${aggregate.name}`,
    };
  const when = { type: command.type, data: scenario.when.data ?? {} };
  const result: ScenarioPlan = { name: scenario.name, given, when, elementId };
  if (scenario.thenError !== undefined) {
    result.thenError = scenario.thenError;
    result.pending = `the default decider never refuses; write the rule for ${command.type} that refuses with "${scenario.thenError}"`;
    return result;
  }
  const then: NonNullable<ScenarioPlan['then']> = [];
  for (const t of scenario.then ?? []) {
    const plan = eventType(t.event);
    if (!plan) return unknownEvent('then', t.event);
    then.push({ type: plan.type, data: t.data ?? {} });
  }
  result.then = then;
  const pending = unmetByDefault(p, command, when.data, then);
  if (pending !== undefined) result.pending = pending;
  return result;
}

/** Why the default decider does not emit what the scenario expects, or undefined when it does. */
function unmetByDefault(
  p: ContextPlanning,
  command: CommandPlan,
  data: Record<string, unknown>,
  then: NonNullable<ScenarioPlan['then']>,
): string | undefined {
  const byDefault = command.emits.map((type) => ({ type, data: defaultEventData(data, p.events, type, p.contextId) }));
  if (stableEqual(byDefault, then)) return undefined;
  return `the default decider emits ${byDefault.map((e) => e.type).join(', ') || 'nothing'} with the command's fields; write the rule for ${command.type} so that it emits ${then.map((e) => e.type).join(', ') || 'nothing'} as the scenario says`;
}

/** What the generated default decider puts in an event: the command's fields the event declares, plus defaults. */
export function defaultEventData(
  commandData: Record<string, unknown>,
  events: Map<string, EventPlan>,
  type: string,
  contextId: string,
): Record<string, unknown> {
  const plan = [...events.values()].find((e) => e.type === type && e.context === contextId);
  const current = plan?.versions[plan.versions.length - 1]?.schema;
  const properties =
    typeof current === 'object' &&
    current !== null &&
    typeof current.properties === 'object' &&
    current.properties !== null
      ? (current.properties as Record<string, unknown>)
      : {};
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    if (Object.hasOwn(commandData, name)) define(out, name, commandData[name]);
    else if (typeof schema === 'object' && schema !== null && Object.hasOwn(schema, 'default'))
      define(out, name, (schema as { default: unknown }).default);
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
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
