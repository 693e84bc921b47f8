// Generation time for the example boards (first run in the process, then the median of warm
// runs), and with --http the throughput of a generated service: 1, 16 and 64 concurrent HTTP
// clients in each response mode, beside a bare better-sqlite3 loop appending the same events
// with the same durability (WAL, synchronous=FULL, one transaction per command) and Emmett's SQLite
// event store (bench/emmett.ts, installed on demand into node_modules/.cache) in the same run.
// Run: npx tsx bench/generate.ts [--http]   (BENCH_RUNS, BENCH_SECONDS to change the effort)
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../generator/generate.ts';
import { emmettBench } from './emmett.ts';
import { floorAppender } from './floor.ts';
import { parseBoard } from '../model/board/load.ts';
import type { Board } from '../model/board/types.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const examples = new URL('../examples/', import.meta.url);

function load(name: string): Board {
  const result = parseBoard(readFileSync(new URL(name, examples), 'utf8'));
  if (!result.ok) throw new Error(`${name}: ${result.errors[0]!.message}`);
  return result.board;
}

async function timeGenerate(board: Board): Promise<{ ms: number; files: number; services: number }> {
  const out = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  const start = performance.now();
  const result = await generate(board, { out });
  const ms = performance.now() - start;
  rmSync(out, { recursive: true, force: true });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return {
    ms,
    files: result.services.reduce((n, s) => n + s.report.written.length, 0),
    services: result.services.length,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

console.log('Generation (ms)');
console.log(['board', 'elements', 'services', 'files', 'first', `median of ${RUNS}`].join('\t'));
for (const name of readdirSync(examples)
  .filter((f) => f.endsWith('.storm.json'))
  .sort()) {
  const board = load(name);
  const first = await timeGenerate(board);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await timeGenerate(board)).ms);
  console.log(
    [name, board.elements.length, first.services, first.files, first.ms.toFixed(0), median(warm).toFixed(0)].join('\t'),
  );
}

if (process.argv.includes('--http')) await httpBench();

async function httpBench(): Promise<void> {
  const board = load('small.storm.json');
  const root = mkdtempSync(join(tmpdir(), 'sb-bench-http-'));
  const result = await generate(board, { out: root });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const service = result.services[0]!;
  const command = service.plan.commands[0]!;
  const aggregate = service.plan.aggregates.find((a) => a.type === command.aggregate)!;
  symlinkSync(new URL('../node_modules', import.meta.url).pathname, join(service.dir, 'node_modules'), 'dir');
  const build = spawnSync('npx', ['tsc', '-p', '.'], { cwd: service.dir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(build.stdout + build.stderr);
  // A payload the command accepts: the example board's first scenario, with a fresh aggregate id.
  const sample = aggregate.scenarios.find((s) => s.when.type === command.type)?.when.data ?? {};

  console.log(
    `\nHTTP: POST /commands/${command.path} of ${service.plan.packageName}, ${SECONDS} s per row, a new ${aggregate.name} per command`,
  );
  console.log(['mode', 'clients', 'commands/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'].join('\t'));
  const rows: Array<{ mode: string; clients: number; rate: number }> = [];
  for (const mode of ['accepted', 'appended', 'applied'] as const) {
    for (const clients of [1, 16, 64]) {
      const data = join(root, `data-${mode}-${clients}`);
      const child = await start(service.dir, data);
      try {
        const r = await drive(child.url, command.path, mode, clients, (i) => ({
          ...sample,
          [aggregate.idField]: `bench-${i}-${randomUUID()}`,
        }));
        rows.push({ mode, clients, rate: r.rate });
        console.log(
          [
            mode,
            clients,
            r.rate.toFixed(0),
            pct(r.latencies, 50).toFixed(2),
            pct(r.latencies, 95).toFixed(2),
            pct(r.latencies, 99).toFixed(2),
            r.errors,
          ].join('\t'),
        );
      } finally {
        child.process.kill('SIGTERM');
        await new Promise((resolve) => child.process.once('exit', resolve));
      }
    }
  }

  // The limit on this machine: one durable transaction per command, no HTTP, no decision.
  const db = new Database(join(root, 'bare.db'));
  const appendOne = floorAppender(db);
  const append = db.transaction((i: number) => appendOne(`bench-${i}`, randomUUID(), sample));
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) append.immediate(n++);
  const bare = n / SECONDS;
  db.close();
  console.log(`\nbare better-sqlite3, same durability, 1 writer: ${bare.toFixed(0)} appends/s`);

  // The nearest peer: the same command (read the stream's version, append expecting it) on Emmett.
  const emmett = await emmettBench({ dir: root, seconds: SECONDS, clients: [1, 16, 64], data: sample });
  if (emmett.ok) {
    console.log(
      `\nEmmett ${emmett.version} SQLite event store (journal_mode=${emmett.journalMode}, synchronous=${emmett.synchronous}), one event store, clients as async tasks whose commands queue for it`,
    );
    console.log(['clients', 'commands/s', 'p50 ms', 'p95 ms', 'p99 ms', 'retries'].join('\t'));
    for (const r of emmett.rows)
      console.log(
        [r.clients, r.rate.toFixed(0), r.p50.toFixed(2), r.p95.toFixed(2), r.p99.toFixed(2), r.retries].join('\t'),
      );
  } else {
    console.log(`\nEmmett's SQLite event store not measured: ${emmett.reason}`);
  }

  console.log('\nRatios (commands/s): service ÷ bare loop, service ÷ Emmett at the same number of clients');
  for (const row of rows) {
    const peer = emmett.ok ? emmett.rows.find((r) => r.clients === row.clients) : undefined;
    console.log(
      `  ${row.mode} at ${row.clients}: ${(row.rate / bare).toFixed(2)} × bare` +
        (peer ? `, ${(row.rate / peer.rate).toFixed(2)} × Emmett` : ''),
    );
  }
  rmSync(root, { recursive: true, force: true });
}

async function start(dir: string, dataDir: string): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STORM_LOG: `sqlite:${join(dataDir, 'log.db')}`,
    },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (d) => {
      output += d;
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) resolve({ url: match[1]!, process: child });
    });
    child.stderr!.on('data', (d) => (output += d));
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

async function drive(
  url: string,
  path: string,
  mode: string,
  clients: number,
  payload: (i: number) => unknown,
): Promise<{ rate: number; latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const response = await fetch(`${url}/commands/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'response-mode': mode },
          body: JSON.stringify(payload(next++)),
        });
        await response.arrayBuffer();
        if (response.status >= 300) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { rate: latencies.length / ((performance.now() - started) / 1000), latencies, errors };
}
