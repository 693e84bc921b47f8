import type { PlayMap } from '../../../contract/play.ts';
import type { ServicePlan } from '../../../generator/plan/service-plan.ts';

/**
 * How the names a running service writes into the log (event types, command types, policy names)
 * lead back to the board's stickies: read off the very plans the services were generated from,
 * so play and the generated code never disagree about a name.
 */
export function playMapOf(plans: readonly ServicePlan[]): PlayMap {
  const map: PlayMap = { commands: [], events: [], policies: [], readModels: [] };
  for (const plan of plans) {
    for (const event of plan.events.filter((e) => e.own))
      map.events.push({ contextId: plan.contextId, type: event.type, name: event.name, elementIds: event.elementIds });
    for (const command of plan.commands) {
      const aggregate = plan.aggregates.find((a) => a.type === command.aggregate);
      map.commands.push({
        contextId: plan.contextId,
        type: command.type,
        name: command.name,
        schema: command.schema,
        idField: aggregate?.idField ?? 'id',
        aggregate: aggregate?.name ?? command.aggregate,
        scenarioPayloads: (aggregate?.scenarios ?? [])
          .filter((s) => s.when.type === command.type)
          .map((s) => ({ scenario: s.name, data: s.when.data })),
        emits: command.emits,
        elementIds: command.elementIds,
      });
    }
    for (const policy of plan.policies)
      map.policies.push({
        contextId: plan.contextId,
        type: policy.type,
        name: policy.name,
        issues: policy.issues,
        elementIds: policy.elementIds,
      });
    for (const model of plan.readModels)
      map.readModels.push({
        contextId: plan.contextId,
        type: model.type,
        name: model.name,
        elementIds: model.elementIds,
      });
  }
  return map;
}

/** Lookups from the log's names to stickies and commands. */
export class PlayIndex {
  readonly #events = new Map<string, string[]>();
  readonly #producer = new Map<string, string>();
  readonly #policies = new Map<string, string[]>();
  readonly #commands = new Map<string, string[]>();

  constructor(readonly map: PlayMap) {
    for (const e of map.events) this.#events.set(key(e.contextId, e.type), e.elementIds);
    for (const c of map.commands) {
      this.#commands.set(key(c.contextId, c.type), c.elementIds);
      for (const type of c.emits)
        if (!this.#producer.has(key(c.contextId, type))) this.#producer.set(key(c.contextId, type), c.type);
    }
    for (const p of map.policies) this.#policies.set(p.type, p.elementIds);
  }

  eventStickies(context: string, type: string): string[] {
    return this.#events.get(key(context, type)) ?? [];
  }

  commandStickies(context: string, type: string): string[] {
    return this.#commands.get(key(context, type)) ?? [];
  }

  /** The command the board links to an event of this context, when one does. */
  producerOf(context: string, type: string): string | undefined {
    return this.#producer.get(key(context, type));
  }

  policyStickies(type: string): string[] {
    return this.#policies.get(type) ?? [];
  }
}

const key = (context: string, type: string): string => `${context}\u0000${type}`;

/**
 * A policy's command id is `Policy:eventId:n` (templates/runtime/service.ts derives it so that
 * reprocessing never issues a command twice); this reads the policy and its trigger back out.
 * Pinned by test/electron/play/log-watch.test.ts against a real service.
 */
export function policyOfCommandId(
  commandId: string,
  policies: ReadonlySet<string>,
): { type: string; triggerId: string } | undefined {
  const first = commandId.indexOf(':');
  const last = commandId.lastIndexOf(':');
  if (first <= 0 || last <= first) return undefined;
  const type = commandId.slice(0, first);
  if (!policies.has(type) || !/^\d+$/.test(commandId.slice(last + 1))) return undefined;
  return { type, triggerId: commandId.slice(first + 1, last) };
}
