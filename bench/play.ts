// How long play takes to start a board's services: from Play to every service answering its
// /health, for the order-fulfilment example (3 services) and the 1,200-sticky workshop board (6).
// The first play of a board generates every file and fills tsx's transform cache; the next ones
// (the scratch folder kept) only rewrite what changed. Prints the load average beside each figure:
// the machine is shared.
// Run: npx tsx bench/play.ts [BOARD…]   (BENCH_RUNS: plays per board, default 2)
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlayEngine } from '../electron/host/play/engine.ts';
import { parseBoard } from '../model/board/load.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const boards = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['order-fulfilment', 'workshop'];

for (const name of boards) {
  const parsed = parseBoard(readFileSync(new URL(`../examples/${name}.storm.json`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.errors[0]!.message}`);
  const scratch = mkdtempSync(join(tmpdir(), 'sb-play-bench-'));
  for (let run = 1; run <= RUNS; run++) {
    const engine = new PlayEngine(parsed.board, { scratch, startTimeoutMs: 120_000 });
    const started = performance.now();
    await engine.start();
    const ms = performance.now() - started;
    const s = engine.snapshot();
    const running = s.services.filter((x) => x.state === 'running').length;
    const slowest = Math.max(...s.services.map((x) => x.readyMs ?? 0));
    console.log(
      `${name} run ${run}: ${running} of ${s.services.length} services running in ${(ms / 1000).toFixed(1)} s (slowest ready at ${(slowest / 1000).toFixed(1)} s; load ${loadavg()[0]!.toFixed(1)})`,
    );
    for (const x of s.services.filter((y) => y.state !== 'running')) console.log(`  ${x.contextName}: ${x.state}: ${x.reasons.map((r) => r.message).join(' ')}`);
    const stopping = performance.now();
    await engine.stop();
    console.log(`  stopped in ${((performance.now() - stopping) / 1000).toFixed(1)} s`);
  }
  rmSync(scratch, { recursive: true, force: true });
}
