import { compatibilityOf } from '../board/events.ts';
import { BoardGraph } from '../board/graph.ts';
import type { Board, CompatibilityLevel, EventElement } from '../board/types.ts';
import type { Problem } from '../lint/problem.ts';
import { checkHistory, SchemaInputError } from '../schema/compare.ts';

/**
 * The level an event's history is held to, as the linter reads it: the level of the sticky that
 * holds the history, else of another sticky of the same event, else BACKWARD.
 */
export function levelOf(board: Board, eventId: string, graph: BoardGraph = new BoardGraph(board)): CompatibilityLevel {
  const identity = graph.identityOf(eventId);
  return identity ? compatibilityOf(identity) : 'BACKWARD';
}

/** Two versions of an event to compare, and the difference to open on. */
export interface BreakingStep {
  eventId: string;
  from: number;
  to: number;
  /** The path of the step's first difference that breaks the level. */
  focus: string | undefined;
}

const VERSIONS_POINTER = /^\/elements\/\d+\/versions\/(\d+)\/schema$/;

/**
 * The step of a history a `schema-history-breaks-level` problem is about. The problem points at
 * the later version's schema; under a `_TRANSITIVE` level that version may break against several
 * earlier ones, each its own problem, and its message names the earlier one. Undefined when the
 * board no longer has that break (it was fixed since the problem was listed).
 */
export function breakingStepOf(board: Board, problem: Problem): BreakingStep | undefined {
  if (problem.rule !== 'schema-history-breaks-level' || !problem.elementId) return undefined;
  const graph = new BoardGraph(board);
  const event = graph.element(problem.elementId) as EventElement | undefined;
  const versions = event?.versions ?? [];
  const at = VERSIONS_POINTER.exec(problem.pointer ?? '');
  const to = at ? versions[Number(at[1])]?.version : undefined;
  if (!event || to === undefined) return undefined;
  let steps;
  try {
    steps = checkHistory(versions, levelOf(board, event.id, graph), { keep: 'breaking' }).steps;
  } catch (error) {
    if (error instanceof SchemaInputError) return undefined;
    throw error;
  }
  const breaking = steps.filter((s) => s.to === to && !s.report.compatible);
  const step =
    breaking.find((s) => problem.message.includes(`from version ${s.from} to version ${s.to}:`)) ?? breaking[0];
  if (!step) return undefined;
  return {
    eventId: event.id,
    from: step.from,
    to: step.to,
    focus: step.report.differences.find((d) => !d.compatible)?.path,
  };
}
