import type { BoardGraph } from '../board/graph.ts';
import type { Board } from '../board/types.ts';
import type { Problem, Severity } from './problem.ts';

export type Finding = Omit<Problem, 'rule' | 'severity'> & { severity?: Severity };

export interface RuleContext {
  board: Board;
  graph: BoardGraph;
  /**
   * Records a problem under the running rule; `severity` defaults to the rule's own, and the
   * element's name, context and JSON pointer are filled in from `elementId` when not given.
   */
  report(finding: Finding): void;
  /** The index of an element in `board.elements`, for JSON pointers. */
  elementIndex(elementId: string): number;
}

/** One lint rule: a stable id, a default severity, a one-line description, and the check. */
export interface Rule {
  id: string;
  severity: Severity;
  description: string;
  check(context: RuleContext): void;
}
