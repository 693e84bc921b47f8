import type { GenerateIssue } from '../../../contract/generate.ts';

/**
 * Where on the board an issue takes the user: exactly its stickies, or else the frame of the
 * context it was found in, or nowhere. Read from the issue's data, never from its sentence.
 */
export function issueTargets(issue: GenerateIssue): string[] {
  if (issue.elementIds.length > 0) return issue.elementIds;
  return issue.contextId !== undefined ? [issue.contextId] : [];
}

/**
 * An issue as the dialog says it: a sentence with a capital, its fix after it. A refusal of the
 * planner's names the context it was found in, since one list holds the refusals of every
 * context chosen (the linter's sentences name their element already).
 */
export function issueText(issue: GenerateIssue, contextName?: (id: string) => string | undefined): string {
  // The generator's sentences begin in lower case (a terminal prints them after a dash); a path
  // at the start (`src/domain/order.ts: …`) keeps its case.
  const message = /^\p{Ll}+\s/u.test(issue.message)
    ? `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}`
    : issue.message;
  const sentence = `${message}${issue.fix ? ` ${issue.fix}` : ''}`;
  const context =
    issue.source === 'generator' && issue.severity === 'error' && issue.contextId !== undefined
      ? contextName?.(issue.contextId)
      : undefined;
  return context !== undefined ? `${context}: ${sentence}` : sentence;
}

/** What the link under an issue says. */
export function showLabel(issue: GenerateIssue): string {
  const stickies = issue.elementIds.length;
  if (stickies > 1) return `Show the ${stickies} stickies on the board`;
  return stickies === 1 ? 'Show on the board' : 'Show the context on the board';
}
