import { allowedTargets, linkReading } from '../../board/grammar.ts';
import { KINDS } from '../../board/kinds.ts';
import type { Element, ElementKind } from '../../board/types.ts';
import type { Rule } from '../rule.ts';

/**
 * A rule of the form "every <kind> needs a link to or from one of <kinds>", checked over all the
 * stickies of each identity and reported on its first sticky.
 */
function needsLink(spec: {
  id: string;
  severity: Rule['severity'];
  description: string;
  kind: ElementKind;
  direction: 'from' | 'to';
  kinds: readonly ElementKind[];
  message: (name: string) => string;
  fix: string;
}): Rule {
  return {
    id: spec.id,
    severity: spec.severity,
    description: spec.description,
    check(ctx) {
      for (const identity of ctx.graph.identities()) {
        if (identity.kind !== spec.kind) continue;
        const linked =
          spec.direction === 'from' ? ctx.graph.sources(identity, spec.kinds) : ctx.graph.targets(identity, spec.kinds);
        if (linked.length > 0) continue;
        ctx.report({
          elementId: identity.stickies[0]!.id,
          message: spec.message(JSON.stringify(identity.stickies[0]!.name)),
          fix: spec.fix,
        });
      }
    },
  };
}

export const eventNoProducer = needsLink({
  id: 'event-no-producer',
  severity: 'warning',
  description: 'An event that no aggregate or external system emits.',
  kind: 'event',
  direction: 'from',
  kinds: ['aggregate', 'externalSystem'],
  message: (name) => `The event ${name} has no producer: no aggregate or external system emits it.`,
  fix: 'Draw an arrow to it from the aggregate or external system that emits it.',
});

export const commandUnhandled = needsLink({
  id: 'command-unhandled',
  severity: 'warning',
  description: 'A command that no aggregate or external system handles.',
  kind: 'command',
  direction: 'to',
  kinds: ['aggregate', 'externalSystem'],
  message: (name) => `The command ${name} is handled by nothing.`,
  fix: 'Draw an arrow from it to the aggregate (or external system) that handles it.',
});

export const policyNoTrigger = needsLink({
  id: 'policy-no-trigger',
  severity: 'warning',
  description: 'A policy that no event triggers.',
  kind: 'policy',
  direction: 'from',
  kinds: ['event'],
  message: (name) => `The policy ${name} has no triggering event.`,
  fix: 'Draw an arrow to it from the event that starts it ("whenever <event> …").',
});

export const policyNoCommand = needsLink({
  id: 'policy-no-command',
  severity: 'warning',
  description: 'A policy that issues no command.',
  kind: 'policy',
  direction: 'to',
  kinds: ['command'],
  message: (name) => `The policy ${name} issues no command.`,
  fix: 'Draw an arrow from it to the command it issues ("… then <command>").',
});

export const aggregateNoEvents = needsLink({
  id: 'aggregate-no-events',
  severity: 'warning',
  description: 'An aggregate that emits no event.',
  kind: 'aggregate',
  direction: 'to',
  kinds: ['event'],
  message: (name) => `The aggregate ${name} emits no event, so it decides nothing anyone can see.`,
  fix: 'Draw arrows from it to the events its commands produce.',
});

export const aggregateNoCommands = needsLink({
  id: 'aggregate-no-commands',
  severity: 'info',
  description: 'An aggregate that handles no command.',
  kind: 'aggregate',
  direction: 'from',
  kinds: ['command'],
  message: (name) => `The aggregate ${name} handles no command; the generated service would have no way to call it.`,
  fix: 'Draw an arrow to it from each command it handles.',
});

export const readModelNoFeed = needsLink({
  id: 'read-model-no-feed',
  severity: 'warning',
  description: 'A read model that no event updates.',
  kind: 'readModel',
  direction: 'from',
  kinds: ['event'],
  message: (name) => `The read model ${name} is fed by no event, so it would always be empty.`,
  fix: 'Draw arrows to it from the events that update it.',
});

export const linkOutsideGrammar: Rule = {
  id: 'link-outside-grammar',
  severity: 'warning',
  description: 'An arrow that the Event Storming grammar gives no meaning.',
  check(ctx) {
    ctx.board.links.forEach((link, index) => {
      const from = ctx.graph.element(link.from);
      const to = ctx.graph.element(link.to);
      if (!from || !to) return;
      // People know arrows by the stickies at their ends; a link's id is in no one's head.
      if (from.id === to.id && from.kind !== 'hotspot') {
        ctx.report({
          elementId: from.id,
          linkId: link.id,
          pointer: `/links/${index}`,
          message: `The arrow from ${sticky(from)} goes back to itself.`,
          fix: 'Delete the arrow.',
        });
        return;
      }
      if (linkReading(from.kind, to.kind) !== undefined) return;
      const targets = allowedTargets(from.kind).map((k) => (k === '*' ? 'anything' : `a ${KINDS[k].noun}`));
      ctx.report({
        elementId: from.id,
        linkId: link.id,
        pointer: `/links/${index}`,
        message: `The arrow from ${sticky(from)} to ${sticky(to)} means nothing in Event Storming's grammar.`,
        fix:
          targets.length > 0
            ? `An arrow from a ${KINDS[from.kind].noun} may go to ${targets.join(' or ')}; redraw it, or put the step in between (e.g. command → aggregate → event).`
            : `Nothing starts at a ${KINDS[from.kind].noun}; reverse the arrow or delete it.`,
      });
    });
  },
};

export const linkDuplicate: Rule = {
  id: 'link-duplicate',
  severity: 'info',
  description: 'Two arrows between the same two stickies in the same direction.',
  check(ctx) {
    const seen = new Set<string>();
    ctx.board.links.forEach((link, index) => {
      const key = `${link.from}\u0000${link.to}`;
      if (!seen.has(key)) {
        seen.add(key);
        return;
      }
      const from = ctx.graph.element(link.from);
      const to = ctx.graph.element(link.to);
      if (!from || !to) return;
      ctx.report({
        elementId: link.from,
        linkId: link.id,
        pointer: `/links/${index}`,
        message: `There are two arrows from ${sticky(from)} to ${sticky(to)}.`,
        fix: 'Delete one of them; they say the same thing.',
      });
    });
  },
};

/** A sticky as a message names it: `the command "Place order" (cmd-1)`. */
function sticky(element: Element): string {
  return `the ${KINDS[element.kind].noun} ${JSON.stringify(element.name)} (${element.id})`;
}
