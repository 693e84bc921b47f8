import { KINDS } from '../../board/kinds.ts';
import { toIdentifier } from '../../names/identifiers.ts';
import type { Rule } from '../rule.ts';
import { CODE_KINDS } from './names.ts';

export const unknownContext: Rule = {
  id: 'unknown-context',
  severity: 'error',
  description: 'A sticky that names a bounded context the board does not have.',
  check(ctx) {
    for (const element of ctx.board.elements) {
      if (element.context === undefined || ctx.graph.hasContext(element.context)) continue;
      ctx.report({
        elementId: element.id,
        pointer: `/elements/${ctx.elementIndex(element.id)}/context`,
        message: `The ${KINDS[element.kind].noun} ${JSON.stringify(element.name)} (${element.id}) belongs to the context ${JSON.stringify(element.context)}, which is not on the board.`,
        fix: `Add a context with the id ${JSON.stringify(element.context)}, or move the sticky into an existing context.`,
      });
    }
  },
};

export const elementOutsideContext: Rule = {
  id: 'element-outside-context',
  severity: 'info',
  description: 'A sticky that will become code but stands in no bounded context.',
  check(ctx) {
    if (ctx.board.contexts.length === 0) return; // a big-picture board has no contexts yet
    for (const element of ctx.board.elements) {
      if (element.context !== undefined || !CODE_KINDS.includes(element.kind)) continue;
      ctx.report({
        elementId: element.id,
        message: `The ${KINDS[element.kind].noun} ${JSON.stringify(element.name)} (${element.id}) is in no bounded context, so no service will contain it.`,
        fix: 'Move it into the frame of the context it belongs to.',
      });
    }
  },
};

export const duplicatePackageName: Rule = {
  id: 'duplicate-package-name',
  severity: 'error',
  description: 'Two contexts whose generated services would have the same package name.',
  check(ctx) {
    const seen = new Map<string, string>();
    ctx.board.contexts.forEach((context, i) => {
      const name = packageNameOf(context);
      if (name === '') return;
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, context.id);
        return;
      }
      ctx.report({
        contextId: context.id,
        pointer: `/contexts/${i}`,
        message: `The contexts ${first} and ${context.id} would both generate the package ${JSON.stringify(name)}.`,
        fix: `Set "service.packageName" on one of them, or rename it.`,
      });
    });
  },
};

/** The npm package name of a context's generated service: its setting, or its name in kebab-case. */
export function packageNameOf(context: { name: string; service?: { packageName?: string } }): string {
  if (context.service?.packageName) return context.service.packageName;
  const kebab = toIdentifier(context.name).kebab;
  return kebab === '' ? '' : `${kebab}-service`;
}

export const hotspotUnresolved: Rule = {
  id: 'hotspot-unresolved',
  severity: 'info',
  description: 'A hotspot (question, risk, conflict) that is not marked resolved.',
  check(ctx) {
    for (const element of ctx.board.elements) {
      if (element.kind !== 'hotspot' || element.resolved === true) continue;
      const about = ctx.graph
        .outgoing(element.id)
        .map((l) => ctx.graph.element(l.to)?.name)
        .filter((n) => n !== undefined);
      ctx.report({
        elementId: element.id,
        message: `The hotspot ${JSON.stringify(element.name)} is open${about.length > 0 ? ` (about ${about.map((n) => JSON.stringify(n)).join(', ')})` : ''}.`,
        fix: 'Settle it with the team, then mark it resolved in the inspector (or set "resolved": true).',
      });
    }
  },
};
