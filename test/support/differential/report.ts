import { emptyCounts, type BoardRun, type Counts, type Disagreement } from './run-board.ts';
import { normalise } from './verdict.ts';

/** The figures of a differential run and its disagreements, one class at a time. */

export interface Figures {
  boards: number;
  /** Boards `check` refused, by reason: each was drawn valid, so each is a question for the workbench. */
  checkRefusals: Map<string, number>;
  checkRefused: number;
  generated: number;
  services: number;
  npmTestsPassed: number;
  started: number;
  counts: Counts;
  classes: Map<string, Disagreement[]>;
  ms: number;
}

export function summarise(runs: readonly BoardRun[]): Figures {
  const figures: Figures = {
    boards: runs.length,
    checkRefusals: new Map(),
    checkRefused: 0,
    generated: 0,
    services: 0,
    npmTestsPassed: 0,
    started: 0,
    counts: emptyCounts(),
    classes: new Map(),
    ms: 0,
  };
  for (const run of runs) {
    if (run.checkErrors.length > 0) figures.checkRefused++;
    for (const reason of new Set(run.checkErrors.map(refusalClass)))
      figures.checkRefusals.set(reason, (figures.checkRefusals.get(reason) ?? 0) + 1);
    if (run.generated) figures.generated++;
    figures.services += run.services;
    figures.npmTestsPassed += run.npmTestsPassed;
    figures.started += run.started;
    for (const key of Object.keys(figures.counts) as Array<keyof Counts>) figures.counts[key] += run.counts[key];
    for (const d of run.disagreements) figures.classes.set(d.class, [...(figures.classes.get(d.class) ?? []), d]);
    figures.ms += run.ms;
  }
  return figures;
}

/** A lint problem without the element it is about: `example-invalid: "<path>" must be object.` */
function refusalClass(problem: string): string {
  const rule = problem.slice(0, problem.indexOf(':'));
  return `${rule}: ${normalise(problem.slice(problem.lastIndexOf(': ') + 2))}`;
}

export function disagreementCount(figures: Figures): number {
  return [...figures.classes.values()].reduce((n, list) => n + list.length, 0);
}

const json = (value: unknown) => JSON.stringify(value) ?? 'undefined';

/** One disagreement as a reproduction: the minimal case when there is one, then where it came from. */
export function formatDisagreement(d: Disagreement): string {
  const lines = [`    at ${d.where}`];
  if (d.minimal) {
    lines.push(
      `    minimal schema:   ${json(d.minimal.schema)}`,
      `    minimal instance: ${json(d.minimal.instance)}`,
      `    workbench: ${d.minimal.workbench}`,
      `    service:   ${d.minimal.service}`,
    );
  } else {
    if (d.schema !== undefined) lines.push(`    schema:   ${json(d.schema).slice(0, 1500)}`);
    if (d.instance !== undefined) lines.push(`    instance: ${json(d.instance).slice(0, 600)}`);
    lines.push(`    workbench: ${d.workbench}`, `    service:   ${d.service.slice(0, 1200)}`);
  }
  return lines.join('\n');
}

export function formatFigures(figures: Figures, options: { examplesPerClass?: number } = {}): string {
  const c = figures.counts;
  const lines = [
    `boards ${figures.boards}: check accepted ${figures.boards - figures.checkRefused}, refused ${figures.checkRefused}; generated ${figures.generated}`,
    `services ${figures.services}: own npm test passed ${figures.npmTestsPassed}, started ${figures.started}`,
    `instances sent ${c.sent}: examples ${c.examples}, faker ${c.faker} (valid by workbench ${c.fakerValid}, draws failed ${c.fakerFailed}), near misses ${c.nearMisses}; refused by workbench ${c.refusedByWorkbench}`,
    `examples re-checked in-process by the service's validation module ${c.examplesRechecked}`,
    `disagreements ${disagreementCount(figures)} in ${figures.classes.size} classes; ${(figures.ms / 1000).toFixed(1)} s`,
  ];
  if (figures.checkRefusals.size > 0) {
    lines.push('', 'check refused boards drawn valid, by reason:');
    for (const [reason, n] of [...figures.checkRefusals].sort((a, b) => b[1] - a[1])) lines.push(`  ${n} × ${reason}`);
  }
  for (const [cls, list] of [...figures.classes].sort((a, b) => b[1].length - a[1].length)) {
    lines.push('', `[${list.length}] ${cls}`);
    for (const d of pickExamples(list, options.examplesPerClass ?? 1)) lines.push(formatDisagreement(d));
  }
  return lines.join('\n');
}

/** The smallest reproductions of a class first. */
function pickExamples(list: readonly Disagreement[], n: number): Disagreement[] {
  const size = (d: Disagreement) => json(d.minimal ?? { schema: d.schema, instance: d.instance }).length;
  return [...list].sort((a, b) => size(a) - size(b)).slice(0, n);
}
