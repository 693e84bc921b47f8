import type { Identity } from '../../model/board/graph.ts';
import type { AggregateElement, CommandElement, Element, EventElement } from '../../model/board/types.ts';
import { isIdentifier, toIdentifier } from '../../model/names/identifiers.ts';
import { stickyIds, unique, type ContextPlanning } from './context-planning.ts';
import { planEvent } from './events.ts';
import type { AggregatePlan, CommandPlan } from './service-plan.ts';

/**
 * This context's aggregates, and the commands they handle: command → aggregate sticky → events,
 * per sticky. A command of the context that no aggregate handles gets no endpoint, and a note.
 */
export function planAggregates(p: ContextPlanning): AggregatePlan[] {
  const aggregates: AggregatePlan[] = [];
  for (const identity of p.ofKind('aggregate')) {
    if (!p.named(identity, 'the aggregate')) continue;
    const aggregate = emptyAggregate(p, identity);
    for (const sticky of identity.stickies as AggregateElement[]) planSticky(p, aggregate, sticky);
    aggregates.push(aggregate);
  }
  for (const identity of p.ofKind('command')) {
    if (![...p.commands.values()].some((c) => c.type === identity.identifier.pascal)) {
      p.note(
        'command-without-aggregate',
        stickyIds(identity),
        `the command ${JSON.stringify(identity.stickies[0]!.name)} has no aggregate in this context, so the service has no endpoint for it.`,
      );
    }
  }
  return aggregates;
}

function emptyAggregate(p: ContextPlanning, identity: Identity): AggregatePlan {
  const stickies = identity.stickies as AggregateElement[];
  const declared = stickies.filter((s) => s.idField);
  const idField = declared[0]?.idField ?? `${identity.identifier.camel.replace(/_$/, '')}Id`;
  if (!isIdentifier(idField)) {
    p.refuse(
      'aggregate-id-field-invalid',
      (declared.length > 0 ? declared : stickies).map((s) => s.id),
      `the aggregate ${JSON.stringify(identity.stickies[0]!.name)}: its idField ${JSON.stringify(idField)} is not a property name the generated code can use`,
    );
  }
  return {
    name: identity.stickies[0]!.name,
    type: identity.identifier.pascal,
    kebab: identity.identifier.kebab,
    camel: identity.identifier.camel.replace(/_$/, ''),
    idField,
    commands: [],
    events: [],
    scenarios: [],
    elementIds: stickyIds(identity),
  };
}

/** The events one aggregate sticky emits, and the commands that arrive at it. */
function planSticky(p: ContextPlanning, aggregate: AggregatePlan, sticky: AggregateElement): void {
  const { graph, contextId } = p;
  const emitted = graph
    .outgoing(sticky.id)
    .map((l) => graph.element(l.to))
    .filter((e): e is EventElement => e?.kind === 'event' && e.context === contextId);
  const emittedTypes = emitted
    .map((e) => planEvent(p, graph.identityOf(e.id)!)?.type)
    .filter((t): t is string => t !== undefined);
  for (const t of emittedTypes) if (!aggregate.events.includes(t)) aggregate.events.push(t);
  const arriving = graph.incoming(sticky.id).filter((l) => graph.element(l.from)?.kind === 'command').length;
  for (const link of graph.incoming(sticky.id)) {
    const element = graph.element(link.from);
    if (element?.kind !== 'command') continue;
    const command = planCommand(p, aggregate, element);
    if (!command) continue;
    for (const t of narrow(command.name, emitted, emittedTypes, arriving)) {
      if (!command.emits.includes(t)) command.emits.push(t);
    }
  }
}

/** The command an arrow brings to the aggregate, planned the first time it is met. */
function planCommand(p: ContextPlanning, aggregate: AggregatePlan, element: Element): CommandPlan | undefined {
  const identity = p.graph.identityOf(element.id)!;
  if (identity.contextId !== p.contextId || !p.named(identity, 'the command')) return undefined;
  let command = p.commands.get(identity.key);
  if (!command) {
    const idField = aggregate.idField;
    const schema = (identity.stickies as CommandElement[]).find((s) => s.schema !== undefined)?.schema ?? {
      type: 'object',
      properties: { [idField]: { type: 'string' } },
      required: [idField],
    };
    command = {
      name: element.name,
      type: identity.identifier.pascal,
      tsName: `${identity.identifier.pascal}Command`,
      path: identity.identifier.kebab,
      schema,
      aggregate: aggregate.type,
      emits: [],
      elementIds: stickyIds(identity),
    };
    p.commands.set(identity.key, command);
    aggregate.commands.push(command.type);
  } else if (command.aggregate !== aggregate.type) {
    p.refuse(
      'command-with-two-aggregates',
      [...command.elementIds, ...handlers(p, identity)],
      `the command ${JSON.stringify(command.name)} is handled by two aggregates (${command.aggregate} and ${aggregate.type}); a command has one handler`,
    );
  }
  return command;
}

/** The aggregate stickies of this context that the command's stickies point at. */
function handlers(p: ContextPlanning, command: Identity): string[] {
  const targets = command.stickies.flatMap((s) => p.graph.outgoing(s.id).map((l) => p.graph.element(l.to)));
  return unique(targets.filter((e) => e?.kind === 'aggregate' && e.context === p.contextId).map((e) => e!.id));
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
  const matched = types.filter((_, i) =>
    toIdentifier(emitted[i]!.name)
      .kebab.split('-')
      .some((word) => stem.length >= 3 && word.startsWith(stem)),
  );
  return matched.length > 0 ? matched : types;
}
