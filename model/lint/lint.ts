import { BoardGraph } from '../board/graph.ts';
import type { Board } from '../board/types.ts';
import { SEVERITY_RANK, type Problem, type Severity } from './problem.ts';
import type { Finding, Rule, RuleContext } from './rule.ts';
import { RULES } from './rules/index.ts';

export interface LintSummary {
  error: number;
  warning: number;
  info: number;
}

/**
 * Runs every rule over the board and returns the problems ordered by severity, then by where the
 * element stands in the board. Pure and synchronous: the app runs it on every change.
 */
export function lintBoard(board: Board, options: { graph?: BoardGraph; rules?: readonly Rule[] } = {}): Problem[] {
  const graph = options.graph ?? new BoardGraph(board);
  const indexOf = new Map<string, number>();
  board.elements.forEach((e, i) => indexOf.set(e.id, i));
  const problems: Problem[] = [];
  let current: Rule | undefined;
  const context: RuleContext = {
    board,
    graph,
    elementIndex: (id) => indexOf.get(id) ?? -1,
    report(finding: Finding) {
      const rule = current!;
      const element = finding.elementId === undefined ? undefined : graph.element(finding.elementId);
      const problem: Problem = { ...finding, rule: rule.id, severity: finding.severity ?? rule.severity };
      if (element) {
        problem.elementName ??= element.name;
        if (element.context !== undefined) problem.contextId ??= element.context;
        problem.pointer ??= `/elements/${indexOf.get(element.id)}`;
      }
      problems.push(problem);
    },
  };
  for (const rule of options.rules ?? RULES) {
    current = rule;
    rule.check(context);
  }
  const order = (p: Problem) => (p.elementId === undefined ? -1 : (indexOf.get(p.elementId) ?? -1));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => SEVERITY_RANK[a.p.severity] - SEVERITY_RANK[b.p.severity] || order(a.p) - order(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

export function summarise(problems: readonly Problem[]): LintSummary {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const p of problems) counts[p.severity]++;
  return counts;
}

/** Quotes a sticky's name for a sentence, with its id: `"Order placed" (evt-1)`. */
export function label(element: { name: string; id: string }): string {
  return `${JSON.stringify(element.name)} (${element.id})`;
}
