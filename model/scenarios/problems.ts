import type { Problem } from '../lint/problem.ts';

/**
 * The linter's problems with one scenario, by the part of the form they are about: `name`,
 * `when`, `given/0`, `then/1`… and `scenario` for the rest. The form shows each next to its part,
 * so the rules in model/lint/rules/scenarios.ts stay the one place that decides what is wrong.
 */
export function problemsByPart(
  problems: readonly Problem[],
  elementIndex: number,
  scenarioIndex: number,
  skipRules: readonly string[] = [],
): Map<string, Problem[]> {
  const prefix = `/elements/${elementIndex}/scenarios/${scenarioIndex}`;
  const out = new Map<string, Problem[]>();
  for (const problem of problems) {
    const pointer = problem.pointer;
    if (!pointer || skipRules.includes(problem.rule)) continue;
    if (pointer !== prefix && !pointer.startsWith(`${prefix}/`)) continue;
    const rest = pointer.slice(prefix.length).split('/').slice(1);
    let part = 'scenario';
    if (rest[0] === 'name') part = 'name';
    else if (rest[0] === 'when') part = 'when';
    else if ((rest[0] === 'given' || rest[0] === 'then') && rest[1] !== undefined) part = `${rest[0]}/${rest[1]}`;
    const list = out.get(part) ?? [];
    list.push(problem);
    out.set(part, list);
  }
  return out;
}

/**
 * A lint message as the scenario's own form shows it: the rules name the scenario and its
 * aggregate (they are read in the problems panel too), which the form around it already shows.
 * "The scenario "x" of the aggregate "Order" (agg-1) sends …" becomes "It sends …".
 */
export function messageInScenario(
  message: string,
  scenarioName: string,
  aggregateName: string,
  stickyId: string,
): string {
  const prefix = `The scenario ${JSON.stringify(scenarioName)} of the aggregate ${JSON.stringify(aggregateName)} (${stickyId}) `;
  return message.startsWith(prefix) ? `It ${message.slice(prefix.length)}` : message;
}
