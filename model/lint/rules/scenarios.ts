import { currentVersion } from '../../board/events.ts';
import type { Identity } from '../../board/graph.ts';
import type { AggregateElement, CommandElement, Element, ScenarioEvent } from '../../board/types.ts';
import { compileSchema, describeAjvError } from '../../json-schema/ajv.ts';
import type { Rule, RuleContext } from '../rule.ts';

/** Every scenario of the board with where it sits, for the rules below. */
function* scenarios(ctx: RuleContext) {
  for (const element of ctx.board.elements) {
    if (element.kind !== 'aggregate' || !element.scenarios) continue;
    const base = `/elements/${ctx.elementIndex(element.id)}/scenarios`;
    const aggregate = ctx.graph.identityOf(element.id)!;
    for (const [i, scenario] of element.scenarios.entries()) yield { element, aggregate, scenario, at: `${base}/${i}` };
  }
}

function eventRefs(scenario: { given?: ScenarioEvent[]; then?: ScenarioEvent[] }, at: string) {
  return [
    ...(scenario.given ?? []).map((ref, j) => ({ ref, pointer: `${at}/given/${j}`, part: 'given' })),
    ...(scenario.then ?? []).map((ref, j) => ({ ref, pointer: `${at}/then/${j}`, part: 'then' })),
  ];
}

const title = (element: AggregateElement, name: string) =>
  `The scenario ${JSON.stringify(name)} of the aggregate ${JSON.stringify(element.name)} (${element.id})`;

export const scenarioUnknownEvent: Rule = {
  id: 'scenario-unknown-event',
  severity: 'error',
  description: "A scenario that names an event its aggregate's context does not have.",
  check(ctx) {
    for (const { element, aggregate, scenario, at } of scenarios(ctx)) {
      for (const { ref, pointer, part } of eventRefs(scenario, at)) {
        if (ctx.graph.find('event', aggregate.contextId, ref.event)) continue;
        ctx.report({
          elementId: element.id,
          pointer: `${pointer}/event`,
          message: `${title(element, scenario.name)} names the event ${JSON.stringify(ref.event)} in "${part}", but the context has no such event.`,
          fix: "Write the event's name as it is on its sticky, or add that event to the board.",
        });
      }
    }
  },
};

export const scenarioUnknownCommand: Rule = {
  id: 'scenario-unknown-command',
  severity: 'error',
  description: "A scenario whose command is not on the board in its aggregate's context.",
  check(ctx) {
    for (const { element, aggregate, scenario, at } of scenarios(ctx)) {
      if (ctx.graph.find('command', aggregate.contextId, scenario.when.command)) continue;
      ctx.report({
        elementId: element.id,
        pointer: `${at}/when/command`,
        message: `${title(element, scenario.name)} sends the command ${JSON.stringify(scenario.when.command)}, but the context has no such command.`,
        fix: "Write the command's name as it is on its sticky, or add that command to the board.",
      });
    }
  },
};

function schemaOf(identity: Identity | undefined): unknown {
  if (!identity) return undefined;
  if (identity.kind === 'event') return currentVersion(identity)?.schema;
  return identity.stickies.map((s) => (s as CommandElement).schema).find((s) => s !== undefined);
}

export const scenarioDataInvalid: Rule = {
  id: 'scenario-data-invalid',
  severity: 'error',
  description: 'Scenario data that fails the schema of its event (current version) or command.',
  check(ctx) {
    for (const { element, aggregate, scenario, at } of scenarios(ctx)) {
      const items = [
        ...eventRefs(scenario, at).map(({ ref, pointer }) => ({
          name: ref.event,
          kind: 'event' as const,
          data: ref.data ?? {},
          pointer,
        })),
        {
          name: scenario.when.command,
          kind: 'command' as const,
          data: scenario.when.data ?? {},
          pointer: `${at}/when`,
        },
      ];
      for (const item of items) {
        const schema = schemaOf(ctx.graph.find(item.kind, aggregate.contextId, item.name));
        if (schema === undefined) continue;
        const compiled = compileSchema(schema);
        if (!compiled.ok || compiled.validate(item.data)) continue;
        const why = (compiled.validate.errors ?? []).slice(0, 3).map(describeAjvError).join('; ');
        ctx.report({
          elementId: element.id,
          pointer: `${item.pointer}/data`,
          message: `${title(element, scenario.name)} gives the ${item.kind} ${JSON.stringify(item.name)} data that fails its schema: ${why}.`,
          fix: `Correct the data in the scenario, or the ${item.kind}'s schema.`,
        });
      }
    }
  },
};

export const scenarioOffModel: Rule = {
  id: 'scenario-off-model',
  severity: 'warning',
  description: 'A scenario whose command the aggregate does not handle, or whose expected events it does not emit.',
  check(ctx) {
    for (const { element, aggregate, scenario, at } of scenarios(ctx)) {
      const handled = new Set(ctx.graph.sources(aggregate, ['command']).map(key));
      const emitted = new Set(ctx.graph.targets(aggregate, ['event']).map(key));
      const command = ctx.graph.find('command', aggregate.contextId, scenario.when.command);
      if (command && !handled.has(command.key)) {
        ctx.report({
          elementId: element.id,
          pointer: `${at}/when/command`,
          message: `${title(element, scenario.name)} sends ${JSON.stringify(scenario.when.command)}, which the board does not link to this aggregate.`,
          fix: `Draw an arrow from the command to the aggregate ${JSON.stringify(element.name)}, or move the scenario to the aggregate that handles it.`,
        });
      }
      (scenario.then ?? []).forEach((ref, j) => {
        const event = ctx.graph.find('event', aggregate.contextId, ref.event);
        if (!event || emitted.has(event.key)) return;
        ctx.report({
          elementId: element.id,
          pointer: `${at}/then/${j}/event`,
          message: `${title(element, scenario.name)} expects ${JSON.stringify(ref.event)}, which the board does not show this aggregate emitting.`,
          fix: `Draw an arrow from the aggregate ${JSON.stringify(element.name)} to the event.`,
        });
      });
    }
    function key(e: Element): string {
      return ctx.graph.identityOf(e.id)!.key;
    }
  },
};

export const scenarioDuplicateName: Rule = {
  id: 'scenario-duplicate-name',
  severity: 'warning',
  description: 'Two scenarios of one aggregate with the same name (their tests would clash).',
  check(ctx) {
    const seen = new Map<string, Set<string>>();
    for (const { element, aggregate, scenario, at } of scenarios(ctx)) {
      const names = seen.get(aggregate.key) ?? new Set<string>();
      seen.set(aggregate.key, names);
      const name = scenario.name.trim().toLowerCase();
      if (!names.has(name)) {
        names.add(name);
        continue;
      }
      ctx.report({
        elementId: element.id,
        pointer: `${at}/name`,
        message: `${title(element, scenario.name)} has the same name as another scenario of this aggregate.`,
        fix: 'Give each scenario a name that says what it shows.',
      });
    }
  },
};
