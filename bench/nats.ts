// The generator bench's HTTP workload (bench/generate.ts --http) on NATS JetStream beside the
// embedded SQLite log, in one run: the service of examples/small.storm.json, built, started with
// `node dist/src/main.js` as `npm start` does, a fresh service and a fresh log for every row
// (20 unmeasured commands first),
// POSTing its first command (the payload of its first scenario, a new aggregate per command) with 1,
// 16 and 64 concurrent clients in each response mode: commands per second, latency percentiles
// and the JetStream/SQLite ratio. Then the lag from an append to the read model's commit (median
// and 95th percentile), measured inside the service's own runtime.
// Needs nats-server on PATH (started here on a free loopback port). Run: npx tsx bench/nats.ts
// BENCH_CLIENTS=1,16,64 BENCH_SECONDS=3 BENCH_LAG=300 tune it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { workload, type Workload } from './http-workload.ts';
import type { AppendRequest, EventLog } from '../templates/runtime/log.ts';
import type { ServiceRuntime } from '../templates/runtime/service.ts';
import { NATS_SERVER, startNats, stopAllNats } from '../test/nats/server.ts';
import { startService, stopAllServices, stopService } from '../test/support/service-process.ts';

const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,16,64').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const LAG_COMMANDS = Number(process.env.BENCH_LAG ?? 300);
const MODES = ['accepted', 'appended', 'applied'] as const;
/** Where the generated service lives; removed at the end. */
let workRoot: string | undefined;

interface Cell {
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failed: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function drive(base: string, work: Workload, mode: string, clients: number): Promise<Cell> {
  const latencies: number[] = [];
  let failed = 0;
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const response = await fetch(`${base}/commands/${work.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'response-mode': mode },
          body: JSON.stringify(work.payload()),
        });
        await response.arrayBuffer();
        if (response.status >= 300) failed += 1;
        else latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failed,
  };
}

/**
 * Append → read model, inside the generated service's own runtime in this process: from the moment
 * an append is sent (and, second, from the moment the log acknowledged it) to the moment the
 * projections committed it.
 */
async function lag(
  work: Workload,
  storm: string,
  concurrency: number,
): Promise<{ p50: number; p95: number; ackP50: number; ackP95: number }> {
  const dir = work.dir;
  const { startRuntime } = (await import(
    join(dir, 'src/runtime/service.ts')
  )) as typeof import('../templates/runtime/service.ts');
  const { openLog } = (await import(
    join(dir, 'src/runtime/open-log.ts')
  )) as typeof import('../templates/runtime/open-log.ts');
  const { definition } = (await import(join(dir, 'src/generated/definition.ts'))) as {
    definition: import('../templates/runtime/definition.ts').ServiceDefinition;
  };
  const dataDir = mkdtempSync(join(dir, '..', 'lag-'));
  const inner = await openLog(storm, dataDir);
  const samples: Array<Promise<[number, number]>> = [];
  // eslint-disable-next-line prefer-const -- the log wrapper below reads it; it is assigned once the runtime starts on that wrapper
  let runtime: ServiceRuntime | undefined;
  // The same log, timing each acknowledged append until the projections have it.
  const timed: EventLog = {
    append: async (request: AppendRequest) => {
      const sent = performance.now();
      const outcome = await inner.append(request);
      const acknowledged = performance.now();
      if (outcome.positions.length > 0) {
        samples.push(
          runtime!.projections
            .waitFor(Math.max(...outcome.positions))
            .then(() => [performance.now() - sent, performance.now() - acknowledged]),
        );
      }
      return outcome;
    },
    outcomeOf: (context, commandId) => inner.outcomeOf(context, commandId),
    readStream: (stream, toVersion) => inner.readStream(stream, toVersion),
    readAfter: (position, limit) => inner.readAfter(position, limit),
    head: () => inner.head(),
    close: () => inner.close(),
  };
  // JetStream subscribes with a durable consumer: keep that, the wrapper only times appends.
  const subscribe = (inner as { subscribe?: unknown }).subscribe;
  if (typeof subscribe === 'function') Object.assign(timed, { subscribe: subscribe.bind(inner) });
  runtime = startRuntime({ ...definition, policies: [] }, { dataDir, log: timed });
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < LAG_COMMANDS) {
          const i = next++;
          const result = await runtime!.run(work.type, work.payload(), `lag-${i}`, true);
          if (result.kind !== 'done') throw new Error(`${work.type} failed: ${JSON.stringify(result)}`);
        }
      }),
    );
  } finally {
    await runtime.close();
  }
  const pairs = await Promise.all(samples);
  const fromSent = pairs.map((p) => p[0]).sort((a, b) => a - b);
  const fromAck = pairs.map((p) => p[1]).sort((a, b) => a - b);
  return {
    p50: percentile(fromSent, 50),
    p95: percentile(fromSent, 95),
    ackP50: percentile(fromAck, 50),
    ackP95: percentile(fromAck, 95),
  };
}

const ms = (n: number) => (Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1));

async function main(): Promise<void> {
  const [nats, work] = await Promise.all([startNats(), workload()]);
  workRoot = work.root;
  const root = join(work.dir, '..');
  let streams = 0;
  // A fresh log for every row, as the generator bench has: a new SQLite file, a new JetStream stream.
  const logs = {
    sqlite: (data: string) => `sqlite:${join(data, 'log.db')}`,
    jetstream: () => {
      streams += 1;
      return `${nats.url}/BENCH${streams}?prefix=bench${streams}`;
    },
  };
  const results: Record<string, Record<string, Cell>> = { sqlite: {}, jetstream: {} };
  for (const mode of MODES) {
    for (const clients of CLIENTS) {
      for (const [name, url] of Object.entries(logs)) {
        const data = mkdtempSync(join(root, `data-${name}-`));
        const service = await startService(work.dir, { dataDir: data, log: url(data) }, 'dist');
        try {
          // Not measured: the first commands of a fresh process (JIT, connections, first reads).
          for (let i = 0; i < 20; i++)
            await (
              await fetch(`${service.url}/commands/${work.path}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'response-mode': 'applied' },
                body: JSON.stringify(work.payload()),
              })
            ).arrayBuffer();
          results[name]![`${mode}/${clients}`] = await drive(service.url, work, mode, clients);
        } finally {
          await stopService(service);
        }
      }
    }
  }
  const lags = {
    sqlite1: await lag(work, `sqlite:${join(mkdtempSync(join(root, 'lag-sqlite-')), 'log.db')}`, 1),
    nats1: await lag(work, `${nats.url}/LAG1?prefix=lag1`, 1),
    sqlite16: await lag(work, `sqlite:${join(mkdtempSync(join(root, 'lag-sqlite-')), 'log.db')}`, 16),
    nats16: await lag(work, `${nats.url}/LAG16?prefix=lag16`, 16),
  };

  const head = [
    'mode',
    'clients',
    'SQLite cmd/s',
    'p50',
    'p95',
    'p99',
    'JetStream cmd/s',
    'p50',
    'p95',
    'p99',
    'JS/SQLite',
  ];
  const rowsOut = MODES.flatMap((mode) =>
    CLIENTS.map((clients) => {
      const s = results.sqlite![`${mode}/${clients}`]!;
      const j = results.jetstream![`${mode}/${clients}`]!;
      return [
        mode,
        String(clients),
        s.perSecond.toFixed(0),
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        j.perSecond.toFixed(0),
        ms(j.p50),
        ms(j.p95),
        ms(j.p99),
        (j.perSecond / s.perSecond).toFixed(2),
      ];
    }),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rowsOut.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(
    `POST /commands/${work.path} of the examples/small.storm.json service, a fresh service and log per row, ${SECONDS} s per row, latency in ms (Node ${process.version}, nats-server ${spawnSync(NATS_SERVER, ['--version'], { encoding: 'utf8' }).stdout.trim()})`,
  );
  console.log(line(head));
  for (const row of rowsOut) console.log(line(row));
  const failed = Object.values(results)
    .flatMap((r) => Object.values(r))
    .reduce((n, c) => n + c.failed, 0);
  if (failed > 0) console.log(`${failed} commands answered with an error (not counted)`);
  console.log();
  console.log(
    `Append sent → read model committed (in brackets: append acknowledged → read model committed), ${LAG_COMMANDS} commands, ms:`,
  );
  const show = (l: { p50: number; p95: number; ackP50: number; ackP95: number }) =>
    `median ${ms(l.p50)} (${ms(l.ackP50)})  p95 ${ms(l.p95)} (${ms(l.ackP95)})`;
  console.log(`  SQLite     1 writer: ${show(lags.sqlite1)}   16 writers: ${show(lags.sqlite16)}`);
  console.log(`  JetStream  1 writer: ${show(lags.nats1)}   16 writers: ${show(lags.nats16)}`);
}

try {
  await main();
} finally {
  await stopAllServices();
  await stopAllNats();
  if (workRoot) rmSync(workRoot, { recursive: true, force: true });
}
