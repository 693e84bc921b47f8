import { BoardGraph } from '../../model/board/graph.ts';
import { asyncApiDocumentText } from '../../model/export/asyncapi.ts';
import type { Board } from '../../model/board/types.ts';
import { refusal } from '../issues.ts';
import { planAggregates } from './aggregates.ts';
import { refuseCollisions } from './collisions.ts';
import { ContextPlanning } from './context-planning.ts';
import { planOwnEvents } from './events.ts';
import { packageNameOf } from './package-name.ts';
import { planPolicies } from './policies.ts';
import { planReadModels } from './read-models.ts';
import { planScenarios } from './scenarios.ts';
import type { PlanResult } from './service-plan.ts';

/**
 * Plans one bounded context's service from the board graph: which parts, which names, which
 * files. Pure (no files are touched here). The order matters: scenarios need the commands and
 * events, read models the aggregates' id fields, and events of other contexts are planned as the
 * read models and policies reach them.
 */
export function planService(board: Board, contextId: string, graph = new BoardGraph(board)): PlanResult {
  const context = board.contexts.find((c) => c.id === contextId);
  if (!context) {
    const known = board.contexts.map((c) => JSON.stringify(c.id)).join(', ') || 'none';
    return {
      ok: false,
      errors: [
        refusal(
          'unknown-context',
          [],
          `there is no context with the id ${JSON.stringify(contextId)}; the board has ${known}`,
        ),
      ],
    };
  }
  const p = new ContextPlanning(board, graph, contextId);
  planOwnEvents(p);
  const aggregates = planAggregates(p);
  planScenarios(p, aggregates);
  const readModels = planReadModels(p, aggregates);
  const policies = planPolicies(p);
  refuseCollisions(p, aggregates, readModels, policies);
  const packageName = packageNameOf(p, context);
  if (p.errors.length > 0) return { ok: false, errors: p.errors };
  return {
    ok: true,
    plan: {
      contextId,
      contextName: context.name,
      boardName: board.name,
      packageName,
      dirName: packageName.replace(/^@[^/]+\//, ''),
      responseMode: context.service?.responseMode ?? 'applied',
      events: [...p.events.values()].sort((a, b) => Number(b.own) - Number(a.own)),
      commands: [...p.commands.values()],
      aggregates,
      readModels,
      policies,
      notes: p.notes,
      asyncApi: asyncApiDocumentText(board, contextId),
    },
  };
}
