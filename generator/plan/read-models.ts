import { stickyIds, unique, type ContextPlanning } from './context-planning.ts';
import { eventRef } from './events.ts';
import type { AggregatePlan, EventRefPlan, ReadModelPlan } from './service-plan.ts';

/**
 * This context's read models, each with the events that update it (of any context) and the
 * payload properties that name its row: the id fields of the aggregates emitting those events.
 */
export function planReadModels(p: ContextPlanning, aggregates: AggregatePlan[]): ReadModelPlan[] {
  const readModels: ReadModelPlan[] = [];
  for (const identity of p.ofKind('readModel')) {
    if (!p.named(identity, 'the read model')) continue;
    const refs = unique(
      p.graph
        .sources(identity, ['event'])
        .map((e) => eventRef(p, e))
        .filter((r): r is EventRefPlan => r !== undefined),
    );
    const keyFields = unique(
      aggregates
        .filter((a) => a.events.some((t) => refs.some((r) => r.type === t && r.context === p.contextId)))
        .map((a) => a.idField),
    );
    readModels.push({
      name: identity.stickies[0]!.name,
      type: identity.identifier.pascal,
      kebab: identity.identifier.kebab,
      events: refs,
      keyFields,
      elementIds: stickyIds(identity),
    });
  }
  return readModels;
}
