import type { Board } from '../model/board/types.ts';
import type { Problem } from '../model/lint/problem.ts';
import type { GeneratorIssue, GeneratorIssueCode, LintIssue } from '../contract/generate.ts';

/** A refusal of the generator's: nothing is generated until it is fixed. */
export function refusal(
  code: GeneratorIssueCode,
  elementIds: readonly string[],
  message: string,
  contextId?: string,
): GeneratorIssue {
  return {
    source: 'generator',
    code,
    severity: 'error',
    elementIds: [...elementIds],
    ...(contextId !== undefined ? { contextId } : {}),
    message,
  };
}

/** Something the generated service leaves to a person. */
export function needsPerson(
  code: GeneratorIssueCode,
  elementIds: readonly string[],
  message: string,
  contextId: string,
): GeneratorIssue {
  return { source: 'generator', code, severity: 'warning', elementIds: [...elementIds], contextId, message };
}

/** A lint problem as an issue of generation: the linter's own code, stickies and words. */
export function lintIssue(problem: Problem, board: Board): LintIssue {
  // A problem about an arrow names the arrow's source as its element; older findings may not.
  const elementId = problem.elementId ?? board.links.find((l) => l.id === problem.linkId)?.from;
  return {
    source: 'lint',
    code: problem.rule,
    severity: problem.severity,
    elementIds: elementId !== undefined ? [elementId] : [],
    ...(problem.contextId !== undefined ? { contextId: problem.contextId } : {}),
    ...(problem.elementName !== undefined ? { elementName: problem.elementName } : {}),
    message: problem.message,
    fix: problem.fix,
  };
}
