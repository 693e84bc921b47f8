// A generated service beside its floor, on both logs, in one run: for the embedded SQLite log and
// for NATS JetStream (one local server), at 1, 16 and 64 connections, the floor (bench/floor.ts:
// HTTP + JSON + one durable append, nothing else) and the service of bench/http-workload.ts in
// each response mode, driven by autocannon (a new aggregate per request). Prints requests per
// second, p50 and p99 latency, the ratios to the floor of the same log and connections, and the
// server's peak RSS under load, with the load average beside each row: the machine is shared, so
// only ratios measured in the same run mean much. `cpu/req` is the server's CPU time per answered
// request (ms, all its threads), `cpu eff` the floor's cpu/req divided by it (1: as lean as the
// floor) and `log cpu` nats-server's, in the measured window: less moved by other work than req/s
// (a server starved of the cores answers fewer requests, not dearer ones).
// Run: npm run bench:http   (BENCH_SECONDS=5 per cell, BENCH_CONNECTIONS=1,16,64, BENCH_LOGS=sqlite,nats,
// BENCH_MODES=accepted,appended,applied, BENCH_PROFILE=DIR for a --cpu-prof of each service,
// BENCH_RATE=N to offer N requests/s instead of as many as are answered, BENCH_ROUNDS=N for medians of N
// rounds with the ratios' spread; nats-server on PATH for
// the JetStream rows)
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { workload, type Workload } from './http-workload.ts';
import { NATS_SERVER, startNats, stopAllNats, type NatsNode } from '../test/nats/server.ts';
import { startService, stopAllServices, stopService } from '../test/support/service-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARM_SECONDS = 1;
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,16,64').split(',').map(Number);
const LOGS = (process.env.BENCH_LOGS ?? 'sqlite,nats').split(',') as Array<'sqlite' | 'nats'>;
const MODES = (process.env.BENCH_MODES ?? 'accepted,appended,applied').split(',');
const PROFILE = process.env.BENCH_PROFILE;
/** BENCH_RATE=N: every cell offered N requests per second, not as many as it answers, for CPU per request at an equal pace. */
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
/**
 * BENCH_ROUNDS=N: the floor and every mode N times over, in turn (floor, modes, floor, modes…),
 * each mode's ratios taken to the floor of its own round, and the median of each figure printed
 * with the ratios' spread: two runs of one cell on this machine differ by 15-20%, so one round
 * cannot tell a 10% change from noise.
 */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));

interface Cell {
  log: string;
  connections: number;
  what: string;
  perSecond: number;
  p50: number;
  p99: number;
  rssMb: number;
  failed: number;
  load: number;
  /** CPU time per answered request (ms), of the server and of nats-server (0 on SQLite), in the measured window. */
  cpuMs: number;
  logCpuMs: number;
}

/** A server process under test: its URL, and its process for RSS and stopping. */
interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function startFloor(log: string, idField: string): Promise<Server> {
  const script = new URL('./floor.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, FLOOR_LOG: log, FLOOR_ID_FIELD: idField, PORT: '0' },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      output += d;
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        resolve({
          url: match[1]!,
          child,
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.stderr!.on('data', (d) => (output += d));
    child.once('exit', (code) => reject(new Error(`the floor exited ${code}: ${output}`)));
  });
}

/** CPU time a process has used so far, in ms (user + system, from /proc; 0 where there is none). */
function cpuOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** nats-server of this run, whose CPU time per request is reported beside the server's. */
let logServerPid: number | undefined;

/** Resident memory of a process in MB, from /proc (0 where there is none). */
function rssOf(pid: number | undefined): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function measure(server: Server, work: Workload, mode: string | undefined, connections: number, seconds: number) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(mode ? { 'response-mode': mode } : {}),
  };
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.child.pid))), 200);
  const cpuBefore = cpuOf(server.child.pid);
  const logCpuBefore = cpuOf(logServerPid);
  try {
    const result = await autocannon({
      url: server.url,
      connections,
      duration: seconds,
      ...(RATE ? { overallRate: RATE } : {}),
      timeout: 30,
      requests: [
        {
          method: 'POST',
          path: `/commands/${work.path}`,
          headers,
          setupRequest: (request) => ({ ...request, body: JSON.stringify(work.payload()) }),
        },
      ],
    });
    return {
      perSecond: result['2xx'] / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      failed: result.non2xx + result.errors + result.timeouts,
      rssMb: peak,
      cpuMs: result['2xx'] > 0 ? (cpuOf(server.child.pid) - cpuBefore) / result['2xx'] : 0,
      logCpuMs: result['2xx'] > 0 && logServerPid ? (cpuOf(logServerPid) - logCpuBefore) / result['2xx'] : 0,
    };
  } finally {
    clearInterval(sampler);
  }
}

async function cell(
  log: string,
  connections: number,
  what: string,
  work: Workload,
  server: Server,
  mode?: string,
): Promise<Cell> {
  try {
    // Not measured: a fresh process's first requests (JIT, connections, first reads).
    await measure(server, work, mode, connections, WARM_SECONDS);
    const r = await measure(server, work, mode, connections, SECONDS);
    return { log, connections, what, ...r, load: loadavg()[0]! };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const nats: NatsNode | undefined = LOGS.includes('nats') ? await startNats() : undefined;
  logServerPid = nats?.child?.pid;
  const work = await workload();
  root = work.root;
  let streams = 0;
  const logUrl = (log: 'sqlite' | 'nats', data: string) =>
    log === 'sqlite' ? `sqlite:${join(data, 'log.db')}` : `${nats!.url}/BENCH${++streams}?prefix=bench${streams}`;
  const cells: Cell[] = [];
  /** A row: one cell, or the medians of a cell's rounds, with its ratios to the floor (each round's own). */
  const print = (c: Cell, floors: Cell[], rounds: Cell[] = [c]) => {
    const isFloor = c.what === 'floor';
    const ratios = (of: (cell: Cell, floor: Cell) => number) =>
      isFloor ? [1] : rounds.map((r, i) => of(r, floors[i] ?? floors[0]!));
    const perSecond = ratios((r, f) => r.perSecond / f.perSecond);
    const spread =
      rounds.length > 1 && !isFloor
        ? ` (${Math.min(...perSecond).toFixed(2)}-${Math.max(...perSecond).toFixed(2)})`
        : '';
    const ratio = isFloor ? '1' : `${median(perSecond).toFixed(2)}${spread}`;
    const p99Ratio = isFloor ? '1' : median(ratios((r, f) => r.p99 / f.p99)).toFixed(2);
    const cpuEff = isFloor ? '1' : median(ratios((r, f) => (r.cpuMs > 0 ? f.cpuMs / r.cpuMs : 0))).toFixed(2);
    console.log(
      [
        c.log.padEnd(6),
        String(c.connections).padStart(4),
        c.what.padEnd(9),
        c.perSecond.toFixed(0).padStart(7),
        String(c.p50).padStart(6),
        String(c.p99).padStart(6),
        ratio.padStart(rounds.length > 1 ? 17 : 7),
        p99Ratio.padStart(9),
        c.rssMb.toFixed(0).padStart(6),
        String(c.failed).padStart(6),
        c.load.toFixed(2).padStart(6),
        c.cpuMs.toFixed(2).padStart(7),
        cpuEff.padStart(7),
        c.logCpuMs.toFixed(2).padStart(7),
      ].join('  '),
    );
  };
  console.log(
    `POST /commands/${work.path} of the examples/small.storm.json service, a new aggregate per request, ${SECONDS} s per cell after ${WARM_SECONDS} s unmeasured, autocannon in this process (Node ${process.version}${nats ? `, nats-server ${spawnSync(NATS_SERVER, ['--version'], { encoding: 'utf8' }).stdout.trim()}` : ''})`,
  );
  console.log(
    [
      'log   ',
      'conn',
      'what     ',
      '  req/s',
      'p50 ms',
      'p99 ms',
      ROUNDS > 1 ? `× floor (${ROUNDS} rounds)` : '× floor',
      'p99÷floor',
      'RSS MB',
      'failed',
      ' load1',
      'cpu/req',
      'cpu eff',
      'log cpu',
    ].join('  '),
  );
  for (const log of LOGS) {
    for (const connections of CONNECTIONS) {
      const group: Cell[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const floorData = mkdtempSync(join(work.root, `floor-${log}-`));
        const floor = await startFloor(
          log === 'sqlite' ? `sqlite:${join(floorData, 'log.db')}` : nats!.url,
          work.idField,
        );
        const floorCell = await cell(log, connections, 'floor', work, floor);
        group.push(floorCell);
        if (ROUNDS === 1) print(floorCell, [floorCell]);
        for (const mode of MODES) {
          const data = mkdtempSync(join(work.root, `data-${log}-${mode}-`));
          // BENCH_PROFILE=DIR: the service (not the floor, not this process) writes a --cpu-prof there.
          const profile = PROFILE
            ? [
                '--cpu-prof',
                `--cpu-prof-dir=${PROFILE}`,
                `--cpu-prof-name=${log}-${connections}-${mode}-${round}.cpuprofile`,
              ]
            : [];
          const running = await startService(work.dir, { dataDir: data, log: logUrl(log, data) }, 'dist', profile);
          const server: Server = { url: running.url, child: running.child, stop: () => stopService(running) };
          const measured = await cell(log, connections, mode, work, server, mode);
          group.push(measured);
          if (ROUNDS === 1) print(measured, [floorCell]);
        }
      }
      cells.push(...group);
      if (ROUNDS > 1) {
        const floors = group.filter((c) => c.what === 'floor');
        for (const what of ['floor', ...MODES]) {
          const rounds = group.filter((c) => c.what === what);
          print(medianCell(rounds), floors, rounds);
        }
      }
    }
  }
  const failed = cells.reduce((n, c) => n + c.failed, 0);
  if (failed > 0) console.log(`${failed} requests failed, timed out or answered with an error (not counted in req/s)`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The rounds of one cell as one: the median of each figure, the highest RSS, every failure. */
function medianCell(rounds: Cell[]): Cell {
  const of = (pick: (c: Cell) => number) => median(rounds.map(pick));
  return {
    ...rounds[0]!,
    perSecond: of((c) => c.perSecond),
    p50: of((c) => c.p50),
    p99: of((c) => c.p99),
    rssMb: Math.max(...rounds.map((c) => c.rssMb)),
    failed: rounds.reduce((n, c) => n + c.failed, 0),
    load: of((c) => c.load),
    cpuMs: of((c) => c.cpuMs),
    logCpuMs: of((c) => c.logCpuMs),
  };
}

let root: string | undefined;
try {
  await main();
} finally {
  await stopAllServices();
  await stopAllNats();
  if (root) rmSync(root, { recursive: true, force: true });
}
