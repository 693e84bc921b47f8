import { codeVersionsOf, historyOwner } from '../../model/board/events.ts';
import type { Identity } from '../../model/board/graph.ts';
import type { Element, EventElement } from '../../model/board/types.ts';
import { toIdentifier } from '../../model/names/identifiers.ts';
import { stickyIds, type ContextPlanning } from './context-planning.ts';
import type { EventPlan, EventRefPlan } from './service-plan.ts';
import { decideStep } from './steps.ts';

/** This context's own events, in the order of the board. */
export function planOwnEvents(p: ContextPlanning): void {
  for (const identity of p.ofKind('event')) planEvent(p, identity);
}

/**
 * The plan of one event, made once: its names in code, its versions and how each version is read
 * as the next. An event of another context is planned when a part of this one reads it.
 */
export function planEvent(p: ContextPlanning, identity: Identity): EventPlan | undefined {
  if (p.events.has(identity.key)) return p.events.get(identity.key);
  if (!p.named(identity, 'the event')) return undefined;
  const own = identity.contextId === p.contextId;
  const type = identity.identifier.pascal;
  const history = historyOf(identity);
  const plan: EventPlan = {
    name: identity.stickies[0]!.name,
    context: identity.contextId ?? '',
    type,
    tsName: own ? type : `${p.contextPascal(identity.contextId ?? '')}${type}`,
    kebab: own
      ? identity.identifier.kebab
      : `${toIdentifier(identity.contextId ?? '').kebab}-${identity.identifier.kebab}`,
    own,
    versions: history.versions,
    steps: [],
    elementIds: stickyIds(identity),
  };
  // An upcaster is about the history, so a note about one points at the sticky that carries it.
  planSteps(p, plan, history.owner ? [history.owner.id] : plan.elementIds);
  p.events.set(identity.key, plan);
  return plan;
}

/** The event an element is, as the parts that read it refer to it. */
export function eventRef(p: ContextPlanning, element: Element): EventRefPlan | undefined {
  const identity = p.graph.identityOf(element.id);
  const plan = identity ? planEvent(p, identity) : undefined;
  return plan ? { context: plan.context, type: plan.type, tsName: plan.tsName } : undefined;
}

function planSteps(p: ContextPlanning, plan: EventPlan, historyIds: string[]): void {
  const { versions } = plan;
  for (let i = 1; i < versions.length; i++) {
    const from = versions[i - 1]!;
    const to = versions[i]!;
    const decision = decideStep(from.schema, to.schema);
    if (decision.mechanical) {
      plan.steps.push({
        from: from.version,
        to: to.version,
        mechanical: true,
        fill: decision.fill,
        drop: decision.drop,
      });
      continue;
    }
    const file = `src/upcasters/${plan.kebab}-v${from.version}-to-v${to.version}.ts`;
    plan.steps.push({
      from: from.version,
      to: to.version,
      mechanical: false,
      reasons: decision.reasons,
      file,
      functionName: `upcast${plan.tsName}V${from.version}ToV${to.version}`,
    });
    p.note(
      'upcaster-needs-person',
      historyIds,
      `${plan.name} v${from.version}→v${to.version} needs a person (${decision.reasons.join('; ')}): write it in ${file}; its test fails until you do.`,
    );
  }
}

/** The sticky that carries the history, and the versions: the model's one rule (model/board/events.ts). */
function historyOf(identity: Identity): { owner?: EventElement; versions: EventPlan['versions'] } {
  const owner = historyOwner(identity);
  return { ...(owner ? { owner } : {}), versions: codeVersionsOf(identity) };
}
