import type { BoardGraph } from '../model/board/graph.ts';
import type { Board } from '../model/board/types.ts';
import { lintBoard } from '../model/lint/lint.ts';
import type { LintIssue } from '../contract/generate.ts';
import { lintIssue } from './issues.ts';

/**
 * Reasons the board would make a wrong service: its lint errors. The linter already covers version
 * numbering, schemas that do not compile, examples that fail them, and histories that break their
 * compatibility level (schema-history-breaks-level), so `check` and `generate` agree.
 */
export function refusals(board: Board, graph: BoardGraph): LintIssue[] {
  const seen = new Set<string>();
  const issues: LintIssue[] = [];
  for (const problem of lintBoard(board, { graph })) {
    if (problem.severity !== 'error') continue;
    const issue = lintIssue(problem, board);
    // The same finding in the same words, twice, tells the person nothing new.
    const key = JSON.stringify([issue.code, issue.elementName, issue.elementIds, issue.message, issue.fix]);
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}
