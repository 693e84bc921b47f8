/**
 * The long differential run across the seam between the workbench and the services it generates
 * (the short one is test/generator/differential.test.ts): random boards, each checked, generated,
 * tested with its own `npm test`, started, and sent every example, faker draws and near misses.
 *
 *   npx tsx scripts/differential.ts --boards 50 --seed 7 [--faker 8] [--contexts 2] [--dialects a,b]
 *                                   [--save DIR] [--json FILE] [--all]
 *
 * Board i is drawn with seed N+i, so one board can be replayed alone with --boards 1 --seed N+i.
 * Prints the figures and each class of disagreement with its smallest reproduction (--all: every
 * reproduction). Exit 1 when there is a disagreement.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { boardArb } from '../test/support/arbitrary-board.ts';
import { DIALECTS, type Dialect } from '../test/support/arbitrary/fields.ts';
import { formatFigures, summarise, disagreementCount } from '../test/support/differential/report.ts';
import { runBoard, type BoardRun } from '../test/support/differential/run-board.ts';

const { values } = parseArgs({
  options: {
    boards: { type: 'string', default: '20' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    faker: { type: 'string', default: '8' },
    contexts: { type: 'string', default: '2' },
    // e.g. --dialects draft-04,draft-07,2020-12,unsaid: leave out a dialect `check` refuses today.
    dialects: { type: 'string' },
    save: { type: 'string' },
    json: { type: 'string' },
    all: { type: 'boolean', default: false },
  },
});
const boards = Number(values.boards);
const dialects = values.dialects?.split(',').map((d) => d.trim()) as Dialect[] | undefined;
for (const d of dialects ?? [])
  if (!(DIALECTS as readonly string[]).includes(d))
    throw new Error(`--dialects: ${d} is none of ${DIALECTS.join(', ')}`);
const seed = Number(values.seed);
const tmp = mkdtempSync(join(tmpdir(), 'sb-differential-'));
const runs: BoardRun[] = [];
let interrupted = false;
process.on('SIGINT', () => {
  // The board in flight finishes its clean-up (services stopped, folder removed), then figures.
  interrupted = true;
});

console.log(`differential: ${boards} boards from seed ${seed}`);
try {
  for (let i = 0; i < boards && !interrupted; i++) {
    const [drawn] = fc.sample(boardArb({ maxContexts: Number(values.contexts), ...(dialects ? { dialects } : {}) }), {
      seed: seed + i,
      numRuns: 1,
    });
    const run = await runBoard(drawn!, {
      tmp,
      seed: seed + i,
      fakerPerCommand: Number(values.faker),
      ...(values.save ? { saveTo: values.save } : {}),
    });
    runs.push(run);
    const state =
      run.checkErrors.length > 0
        ? `check refused (${run.checkErrors.length} errors)`
        : `${run.services} services, ${run.counts.sent} sent, ${run.disagreements.length} disagreements`;
    console.log(
      `board ${i + 1}/${boards} (seed ${seed + i}) ${drawn!.board.name}: ${state} in ${(run.ms / 1000).toFixed(1)} s`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const figures = summarise(runs);
console.log(`\n${formatFigures(figures, { examplesPerClass: values.all ? Infinity : 1 })}`);
if (values.json) writeFileSync(values.json, `${JSON.stringify(runs, null, 2)}\n`);
process.exitCode = disagreementCount(figures) > 0 ? 1 : 0;
