import { currentVersion } from '../board/events.ts';
import type { BoardGraph, Identity } from '../board/graph.ts';
import type { AggregateElement, CommandElement, JsonSchema, Scenario } from '../board/types.ts';

/** An event or command a scenario may name, as the generator and the linter resolve it. */
export interface ScenarioOption {
  kind: 'event' | 'command';
  /** The name to write into the scenario: the one on the identity's first sticky. */
  name: string;
  /** The identity's key (BoardGraph), for telling options apart. */
  key: string;
  /**
   * Linked to the aggregate on the board: a command with an arrow to one of its stickies, an
   * event with an arrow from one of them. The generator refuses a command that is not linked.
   */
  linked: boolean;
  /** The current schema: a command's, or an event's latest version's. Undefined when it has none. */
  schema: JsonSchema | undefined;
  /** The event version the schema is from. */
  version?: number;
}

/** A scenario where it is stored: on which sticky of the aggregate, at which index. */
export interface PlacedScenario {
  stickyId: string;
  index: number;
  scenario: Scenario;
}

/** What the scenario form of one aggregate offers and knows. */
export interface ScenarioCatalog {
  aggregate: Identity;
  contextId: string | undefined;
  /** The payload property carrying the aggregate's id (the generator's default when unset). */
  idField: string;
  /** Linked commands first, then the other commands of the context; each group in board order. */
  commands: ScenarioOption[];
  /** Linked (emitted) events first, then the other events of the context. */
  events: ScenarioOption[];
  /** Every scenario of the aggregate, across its stickies, in board order. */
  scenarios: PlacedScenario[];
}

/**
 * The catalog of the aggregate that a sticky belongs to, or undefined when the id is not an
 * aggregate's. Names resolve the way `generator/plan` and the scenario lint rules resolve them:
 * same kind, same context as the aggregate, same identifier.
 */
export function scenarioCatalog(graph: BoardGraph, aggregateStickyId: string): ScenarioCatalog | undefined {
  const aggregate = graph.identityOf(aggregateStickyId);
  if (!aggregate || aggregate.kind !== 'aggregate') return undefined;
  const contextId = aggregate.contextId;
  const linkedCommands = keysOf(graph, graph.sources(aggregate, ['command']));
  const linkedEvents = keysOf(graph, graph.targets(aggregate, ['event']));
  const commands: ScenarioOption[] = [];
  const events: ScenarioOption[] = [];
  for (const identity of graph.identities()) {
    if (identity.contextId !== contextId || identity.identifier.pascal === '') continue;
    if (identity.kind === 'command') commands.push({ ...optionOf(identity), linked: linkedCommands.has(identity.key) });
    else if (identity.kind === 'event') events.push({ ...optionOf(identity), linked: linkedEvents.has(identity.key) });
  }
  const linkedFirst = (a: ScenarioOption, b: ScenarioOption) => Number(b.linked) - Number(a.linked);
  const stickies = aggregate.stickies as AggregateElement[];
  return {
    aggregate,
    contextId,
    idField: stickies.find((s) => s.idField)?.idField ?? `${aggregate.identifier.camel.replace(/_$/, '')}Id`,
    commands: commands.sort(linkedFirst),
    events: events.sort(linkedFirst),
    scenarios: stickies.flatMap((s) =>
      (s.scenarios ?? []).map((scenario, index) => ({ stickyId: s.id, index, scenario })),
    ),
  };
}

/** The option a scenario's name refers to, or undefined when nothing of that kind has the name. */
export function resolveOption(
  graph: BoardGraph,
  catalog: ScenarioCatalog,
  kind: 'event' | 'command',
  name: string,
): ScenarioOption | undefined {
  const identity = graph.find(kind, catalog.contextId, name);
  if (!identity) return undefined;
  return (kind === 'event' ? catalog.events : catalog.commands).find((o) => o.key === identity.key);
}

function optionOf(identity: Identity): Omit<ScenarioOption, 'linked'> {
  const name = identity.stickies[0]!.name;
  if (identity.kind === 'event') {
    const version = currentVersion(identity);
    return {
      kind: 'event',
      name,
      key: identity.key,
      schema: version?.schema,
      ...(version ? { version: version.version } : {}),
    };
  }
  return {
    kind: 'command',
    name,
    key: identity.key,
    schema: (identity.stickies as CommandElement[]).find((s) => s.schema !== undefined)?.schema,
  };
}

function keysOf(graph: BoardGraph, elements: readonly { id: string }[]): Set<string> {
  return new Set(elements.map((e) => graph.identityOf(e.id)!.key));
}
