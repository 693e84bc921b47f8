import { stickyIds, unique, type ContextPlanning } from './context-planning.ts';
import { eventRef } from './events.ts';
import type { EventRefPlan, PolicyPlan } from './service-plan.ts';

/**
 * A policy runs in the service that handles the commands it issues, wherever its sticky sits:
 * that service subscribes to the triggering events, of its own context or of others.
 */
export function planPolicies(p: ContextPlanning): PolicyPlan[] {
  const policies: PolicyPlan[] = [];
  const planned = [...p.commands.values()];
  for (const identity of p.identities.filter((i) => i.kind === 'policy')) {
    const issued = p.graph
      .targets(identity, ['command'])
      .map((c) => p.graph.identityOf(c.id)!)
      .filter((c) => c.contextId === p.contextId)
      .map((c) => planned.find((command) => command.type === c.identifier.pascal)?.type)
      .filter((t): t is string => t !== undefined);
    if (issued.length === 0 || !p.named(identity, 'the policy')) continue;
    const triggers = unique(
      p.graph
        .sources(identity, ['event'])
        .map((e) => eventRef(p, e))
        .filter((r): r is EventRefPlan => r !== undefined),
    );
    if (triggers.length === 0) {
      p.note(
        'policy-without-trigger',
        stickyIds(identity),
        `the policy ${JSON.stringify(identity.stickies[0]!.name)} has no event that triggers it, so it never runs.`,
      );
      continue;
    }
    policies.push({
      name: identity.stickies[0]!.name,
      type: identity.identifier.pascal,
      kebab: identity.identifier.kebab,
      triggers,
      issues: unique(issued),
      elementIds: stickyIds(identity),
    });
  }
  return policies;
}
