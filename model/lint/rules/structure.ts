import type { Identity } from '../../board/graph.ts';
import { KIND_LABEL, allowedTargets, linkReading } from '../../board/grammar.ts';
import type { ElementKind } from '../../board/types.ts';
import type { Rule, RuleContext } from '../rule.ts';

/** Each identity of a kind, reported on its first sticky. */
function eachIdentity(ctx: RuleContext, kind: ElementKind, visit: (identity: Identity) => void): void {
  for (const identity of ctx.graph.identities()) if (identity.kind === kind) visit(identity);
}

function q(identity: Identity): string {
  return JSON.stringify(identity.stickies[0]!.name);
}

export const eventNoProducer: Rule = {
  id: 'event-no-producer',
  severity: 'warning',
  description: 'An event that no aggregate or external system emits.',
  check(ctx) {
    eachIdentity(ctx, 'event', (identity) => {
      if (ctx.graph.sources(identity, ['aggregate', 'externalSystem']).length > 0) return;
      ctx.report({
        elementId: identity.stickies[0]!.id,
        message: `The event ${q(identity)} has no producer: no aggregate or external system emits it.`,
        fix: 'Draw an arrow to it from the aggregate or external system that emits it.',
      });
    });
  },
};

export const commandUnhandled: Rule = {
  id: 'command-unhandled',
  severity: 'warning',
  description: 'A command that no aggregate or external system handles.',
  check(ctx) {
    eachIdentity(ctx, 'command', (identity) => {
      if (ctx.graph.targets(identity, ['aggregate', 'externalSystem']).length > 0) return;
      ctx.report({
        elementId: identity.stickies[0]!.id,
        message: `The command ${q(identity)} is handled by nothing.`,
        fix: 'Draw an arrow from it to the aggregate (or external system) that handles it.',
      });
    });
  },
};

export const policyNoTrigger: Rule = {
  id: 'policy-no-trigger',
  severity: 'warning',
  description: 'A policy that no event triggers.',
  check(ctx) {
    eachIdentity(ctx, 'policy', (identity) => {
      if (ctx.graph.sources(identity, ['event']).length > 0) return;
      ctx.report({
        elementId: identity.stickies[0]!.id,
        message: `The policy ${q(identity)} has no triggering event.`,
        fix: 'Draw an arrow to it from the event that starts it ("whenever <event> …").',
      });
    });
  },
};

export const policyNoCommand: Rule = {
  id: 'policy-no-command',
  severity: 'warning',
  description: 'A policy that issues no command.',
  check(ctx) {
    eachIdentity(ctx, 'policy', (identity) => {
      if (ctx.graph.targets(identity, ['command']).length > 0) return;
      ctx.report({
        elementId: identity.stickies[0]!.id,
        message: `The policy ${q(identity)} issues no command.`,
        fix: 'Draw an arrow from it to the command it issues ("… then <command>").',
      });
    });
  },
};

export const aggregateNoEvents: Rule = {
  id: 'aggregate-no-events',
  severity: 'warning',
  description: 'An aggregate that emits no event.',
  check(ctx) {
    eachIdentity(ctx, 'aggregate', (identity) => {
      if (ctx.graph.targets(identity, ['event']).length > 0) return;
      ctx.report({
        elementId: identity.stickies[0]!.id,
        message: `The aggregate ${q(identity)} emits no event, so it decides nothing anyone can see.`,
        fix: 'Draw arrows from it to the events its commands produce.',
      });
    });
  },
};

export const aggregateNoCommands: Rule = {
  id: 'aggregate-no-commands',
  severity: 'info',
  description: 'An aggregate that handles no command.',
  check(ctx) {
    eachIdentity(ctx, 'aggregate', (identity) => {
      if (ctx.graph.sources(identity, ['command']).length > 0) return;
      ctx.report({
        elementId: identity.stickies[0]!.id,
        message: `The aggregate ${q(identity)} handles no command; the generated service would have no way to call it.`,
        fix: 'Draw an arrow to it from each command it handles.',
      });
    });
  },
};

export const readModelNoFeed: Rule = {
  id: 'read-model-no-feed',
  severity: 'warning',
  description: 'A read model that no event updates.',
  check(ctx) {
    eachIdentity(ctx, 'readModel', (identity) => {
      if (ctx.graph.sources(identity, ['event']).length > 0) return;
      ctx.report({
        elementId: identity.stickies[0]!.id,
        message: `The read model ${q(identity)} is fed by no event, so it would always be empty.`,
        fix: 'Draw arrows to it from the events that update it.',
      });
    });
  },
};

export const linkOutsideGrammar: Rule = {
  id: 'link-outside-grammar',
  severity: 'warning',
  description: 'An arrow that the Event Storming grammar gives no meaning.',
  check(ctx) {
    for (const link of ctx.board.links) {
      const from = ctx.graph.element(link.from);
      const to = ctx.graph.element(link.to);
      if (!from || !to) continue;
      if (from.id === to.id && from.kind !== 'hotspot') {
        ctx.report({
          elementId: from.id,
          linkId: link.id,
          message: `The link ${link.id} goes from ${JSON.stringify(from.name)} to itself.`,
          fix: 'Delete the link.',
        });
        continue;
      }
      if (linkReading(from.kind, to.kind) !== undefined) continue;
      const targets = allowedTargets(from.kind).map((k) => (k === '*' ? 'anything' : `a ${KIND_LABEL[k]}`));
      ctx.report({
        elementId: from.id,
        linkId: link.id,
        message: `The link ${link.id} from the ${KIND_LABEL[from.kind]} ${JSON.stringify(from.name)} to the ${KIND_LABEL[to.kind]} ${JSON.stringify(to.name)} means nothing in Event Storming's grammar.`,
        fix: targets.length > 0
          ? `An arrow from a ${KIND_LABEL[from.kind]} may go to ${targets.join(' or ')}; redraw it, or put the step in between (e.g. command → aggregate → event).`
          : `Nothing starts at a ${KIND_LABEL[from.kind]}; reverse the arrow or delete it.`,
      });
    }
  },
};

export const linkDuplicate: Rule = {
  id: 'link-duplicate',
  severity: 'info',
  description: 'Two arrows between the same two stickies in the same direction.',
  check(ctx) {
    const seen = new Map<string, string>();
    for (const link of ctx.board.links) {
      const key = `${link.from}\u0000${link.to}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, link.id);
        continue;
      }
      ctx.report({
        elementId: link.from,
        linkId: link.id,
        message: `The link ${link.id} repeats the link ${first} between the same two stickies.`,
        fix: `Delete one of ${first} and ${link.id}.`,
      });
    }
  },
};
