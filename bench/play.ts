// How long play takes to start a board's services: from Play to every service answering its
// /health, for the order-fulfilment example (3 services) and the 1,200-sticky workshop board (6).
// The first play of a board generates every file and fills tsx's transform cache; the next ones
// (the scratch folder kept) only rewrite what changed. Prints the load average beside each figure:
// the machine is shared.
// Run: npx tsx bench/play.ts [BOARD…]   (BENCH_RUNS: plays per board, default 2)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
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
    const engine = new PlayEngine(parsed.board, { scratch, startTimeoutMs: 180_000 });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await engine.start();
    const ms = performance.now() - started;
    const ownCpu = process.cpuUsage(cpuBefore);
    const childCpu = engine.pids().reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
    const s = engine.snapshot();
    const running = s.services.filter((x) => x.state === 'running').length;
    const slowest = Math.max(...s.services.map((x) => x.readyMs ?? 0));
    console.log(
      `${name} run ${run}: ${running} of ${s.services.length} services running in ${(ms / 1000).toFixed(1)} s (generated in ${(engine.generatedMs / 1000).toFixed(1)} s, slowest ready at ${(slowest / 1000).toFixed(1)} s; load ${loadavg()[0]!.toFixed(1)})`,
    );
    // CPU time is what a quieter machine would spend; wall time here mostly waits for other work.
    console.log(
      `  CPU: ${((ownCpu.user + ownCpu.system) / 1e6).toFixed(1)} s in play (generation, watching), ${childCpu.toFixed(1)} s in the ${engine.pids().length} services; ${cpus().length} cores`,
    );
    for (const x of s.services.filter((y) => y.state !== 'running'))
      console.log(`  ${x.contextName}: ${x.state}: ${x.reasons.map((r) => r.message).join(' ')}`);
    const stopping = performance.now();
    await engine.stop();
    console.log(`  stopped in ${((performance.now() - stopping) / 1000).toFixed(1)} s`);
  }
  rmSync(scratch, { recursive: true, force: true });
}

/** User plus system CPU seconds a process has used so far (Linux /proc; 0 elsewhere). */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
