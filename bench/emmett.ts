// The nearest peer for bench/generate.ts --http: the same workload on Emmett's SQLite event store
// (@event-driven-io/emmett-sqlite). Emmett is not a dependency of the workbench (it needs sqlite3, a
// native module that compiles from source here), so it is installed on demand into an ignored cache
// folder and run in a child process, so that a failure to install, load or run it is one line in
// the bench output, never a crash of the bench.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The registry reachable here has no @event-driven-io/emmett@0.42.4 (emmett-sqlite 0.42.4's peer),
// so the newest matching pair is used.
const VERSION = '0.38.5';
const PACKAGES = [`@event-driven-io/emmett@${VERSION}`, `@event-driven-io/emmett-sqlite@${VERSION}`, 'sqlite3@5.1.7'];
export const CACHE = fileURLToPath(new URL('../node_modules/.cache/stormbench-bench/emmett/', import.meta.url));

export type EmmettRow = {
  clients: number;
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  retries: number;
  firstError?: string;
};
export type EmmettResult =
  | { ok: true; version: string; journalMode: string; synchronous: string; rows: EmmettRow[] }
  | { ok: false; reason: string };

function installed(): boolean {
  try {
    const require = createRequire(join(CACHE, 'package.json'));
    const pkg = JSON.parse(
      readFileSync(join(CACHE, 'node_modules/@event-driven-io/emmett-sqlite/package.json'), 'utf8'),
    ) as { version: string };
    require('sqlite3'); // the native binding is there and loads
    return pkg.version === VERSION;
  } catch {
    return false;
  }
}

function install(): string | undefined {
  console.log(
    `Installing Emmett ${VERSION} and sqlite3 into ${CACHE} (once; sqlite3 compiles from source, this can take minutes)`,
  );
  mkdirSync(CACHE, { recursive: true });
  // npm 11 runs install scripts only for allowed packages; --allow-scripts is refused in a folder
  // with a package.json, so the permission is the folder's own package.json.
  writeFileSync(
    join(CACHE, 'package.json'),
    JSON.stringify({ name: 'stormbench-bench-emmett', private: true, allowScripts: { sqlite3: true } }, null, 2) + '\n',
  );
  const r = spawnSync('npm', ['install', '--prefix', CACHE, '--no-audit', '--no-fund', ...PACKAGES], {
    cwd: CACHE,
    encoding: 'utf8',
    timeout: 30 * 60_000,
  });
  if (r.status !== 0)
    return `npm install failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' | ')}`;
  if (!installed()) return 'installed, but sqlite3 does not load';
  return undefined;
}

/** Runs 1, 16 and 64 concurrent clients for `seconds` each; never throws. */
export async function emmettBench(options: {
  dir: string;
  seconds: number;
  clients: number[];
  data: unknown;
}): Promise<EmmettResult> {
  try {
    if (!installed()) {
      const failed = install();
      if (failed) return { ok: false, reason: failed };
    }
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--worker', JSON.stringify(options)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // A wedged run is stopped rather than holding up the bench.
    const timer = setTimeout(() => child.kill('SIGKILL'), (options.seconds * options.clients.length + 60) * 1000);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.once('error', () => resolve(null));
    });
    clearTimeout(timer);
    const last = out.trim().split('\n').pop() ?? '';
    if (code !== 0 || !last.startsWith('{'))
      return {
        ok: false,
        reason: `run failed (exit ${code}): ${(err || out).trim().split('\n').slice(-3).join(' | ')}`,
      };
    return JSON.parse(last) as EmmettResult;
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

// The part of @event-driven-io/emmett-sqlite used here (it is not installed where tsc looks).
type Connection = { querySingle<T>(sql: string): Promise<T | null>; close(): void };
type EmmettSQLite = {
  getSQLiteEventStore(options: { fileName: string; schema?: { autoMigration: 'None' | 'CreateOrUpdate' } }): {
    readStream(stream: string): Promise<{ currentStreamVersion: bigint }>;
    appendToStream(
      stream: string,
      events: Array<{ type: string; data: Record<string, unknown> }>,
      options: { expectedStreamVersion: bigint },
    ): Promise<unknown>;
  };
  sqliteConnection(options: { fileName: string }): Connection;
};

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function worker(options: { dir: string; seconds: number; clients: number[]; data: unknown }): Promise<void> {
  const require = createRequire(join(CACHE, 'package.json'));
  const emmett = (await import(pathToFileURL(require.resolve('@event-driven-io/emmett-sqlite')).href)) as EmmettSQLite;
  const rows: EmmettRow[] = [];
  let journalMode = '?';
  let synchronous = '?';
  for (const clients of options.clients) {
    const fileName = join(options.dir, `emmett-${clients}.db`);
    // One event store, and one command at a time through it: a file-backed store opens a connection
    // per operation and closes it when that operation ends, so concurrent operations on one store
    // fail ("Database is closed"), and one store per client wedges on its own locks (Emmett 0.38.5).
    // The clients are concurrent async tasks; their commands queue for the store.
    const store = emmett.getSQLiteEventStore({ fileName, schema: { autoMigration: 'None' } });
    let queue: Promise<unknown> = Promise.resolve();
    const serial = <T>(fn: () => Promise<T>): Promise<T> => {
      const run = queue.then(fn, fn);
      queue = run.catch(() => undefined);
      return run;
    };
    // Create the schema before the clock starts (each store would otherwise race to create it).
    const warm = emmett.getSQLiteEventStore({ fileName });
    await warm.appendToStream(`warm-${randomUUID()}`, [{ type: 'Event', data: {} }], { expectedStreamVersion: 0n });
    const latencies: number[] = [];
    let errors = 0;
    let firstError = '';
    let next = 0;
    const end = performance.now() + options.seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < end) {
          const stream = `bench-${next++}`;
          const t = performance.now();
          // A command that fails (SQLITE_BUSY was seen once in a while) is retried until it succeeds,
          // counted in `retries`.
          for (;;) {
            try {
              // The same command as the bare loop: read the stream's version, append one event expecting it.
              await serial(async () => {
                const { currentStreamVersion } = await store.readStream(stream);
                await store.appendToStream(stream, [{ type: 'Event', data: options.data as Record<string, unknown> }], {
                  expectedStreamVersion: currentStreamVersion,
                });
              });
              latencies.push(performance.now() - t);
              break;
            } catch (e) {
              if (errors++ === 0) firstError = (e as Error).message;
              if (performance.now() >= end) break;
              await new Promise((resolve) => setImmediate(resolve));
            }
          }
        }
      }),
    );
    const rate = latencies.length / ((performance.now() - started) / 1000);
    rows.push({
      clients,
      rate,
      p50: pct(latencies, 50),
      p95: pct(latencies, 95),
      p99: pct(latencies, 99),
      retries: errors,
      ...(firstError ? { firstError } : {}),
    });
    // What a connection Emmett opens runs with (it sets journal_mode=WAL and nothing else).
    const connection = emmett.sqliteConnection({ fileName });
    journalMode = String(Object.values((await connection.querySingle<object>('PRAGMA journal_mode')) ?? {})[0]);
    const sync = Number(Object.values((await connection.querySingle<object>('PRAGMA synchronous')) ?? {})[0]);
    synchronous = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][sync] ?? String(sync);
    connection.close();
  }
  console.log(JSON.stringify({ ok: true, version: VERSION, journalMode, synchronous, rows } satisfies EmmettResult));
}

if (process.argv[2] === '--worker') {
  // A connection closed under an in-flight query emits 'error' on sqlite3's Database: count it, do not die.
  process.on('uncaughtException', (e) => console.error(`uncaught: ${e.message}`));
  await worker(JSON.parse(process.argv[3]!));
  process.exit(0);
}
