/**
 * End to end, as a user would: generate the services of a two-context board, install one of them
 * with a real, clean `npm install` (better-sqlite3 compiles from source here: minutes), run each
 * generated project's own `npm test`, start them on one shared SQLite log and drive them over
 * HTTP — every response mode, a duplicate, invalid payloads, a policy across contexts, 50
 * concurrent commands on one aggregate, and kill -9 in the middle of a stream of commands.
 *
 * Run on its own: npx vitest run test/generator/e2e.test.ts
 * STORMBENCH_SKIP_E2E=1 skips it (say so when you do: it is the test that shows the service runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli/main.ts';

const BOARD = new URL('./fixtures/shop.storm.json', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'sb-e2e-'));
const out = join(root, 'services');
const shared = join(root, 'run');
const orders = join(out, 'orders-service');
const billing = join(out, 'billing-service');
const started: ChildProcess[] = [];
const timings: Record<string, number> = {};

function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, npm_config_loglevel: 'error' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} timed out in ${cwd}:\n${output.slice(-3000)}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round(performance.now() - start);
  }
}

interface Running {
  url: string;
  child: ChildProcess;
}

/** Starts a built service with plain node (as `npm start` does after its build) on a free port. */
function startService(dir: string, dataDir: string): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: dir,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        STORM_LOG: `sqlite:${join(shared, 'log.db')}`,
      },
    });
    started.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`service in ${dir} did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (d) => {
      output += d;
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    });
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code) => reject(new Error(`service in ${dir} exited with ${code}:\n${output}`)));
  });
}

async function stop(service: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const exited = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill(signal);
  await exited;
}

async function post(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function get(base: string, path: string): Promise<any> {
  return (await fetch(`${base}${path}`)).json();
}

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`still not there: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function allEvents(base: string): Promise<any[]> {
  const events: any[] = [];
  for (;;) {
    const page = (await get(base, `/events?after=${events.at(-1)?.position ?? 0}&limit=1000`)).events as any[];
    if (page.length === 0) return events;
    events.push(...page);
  }
}

let ordersService: Running;
let billingService: Running;

const skip = process.env.STORMBENCH_SKIP_E2E === '1';

beforeAll(async () => {
  if (skip) return;
  const stdout: string[] = [];
  const code = await timed('generate', () =>
    main(['generate', BOARD, '--out', out], {
      cwd: root,
      color: false,
      stdout: (t) => stdout.push(t),
      stderr: (t) => stdout.push(t),
    }),
  );
  expect(code, stdout.join('')).toBe(0);
  // One real, clean install as a user does it; the second project borrows its node_modules.
  const install = await timed('npm install', () =>
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], orders, 900_000),
  );
  expect(install.code, install.output).toBe(0);
  symlinkSync(join(orders, 'node_modules'), join(billing, 'node_modules'), 'dir');
}, 1_000_000);

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (!skip) console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
});

describe.skipIf(skip)('a generated service, end to end', () => {
  it('passes its own npm test (build, scenarios, upcasters, HTTP smoke test)', async () => {
    for (const dir of [orders, billing]) {
      const result = await timed(`npm test ${dir.endsWith('orders-service') ? 'orders' : 'billing'}`, () =>
        run('npm', ['test'], dir, 300_000),
      );
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(/# fail 0/);
    }
  }, 600_000);

  it('starts on a shared embedded log and answers in every response mode', async () => {
    ordersService = await startService(orders, join(shared, 'orders'));
    billingService = await startService(billing, join(shared, 'billing'));
    const base = ordersService.url;

    const applied = await post(
      base,
      '/commands/place-order',
      { orderId: 'o-1', total: 10, undeclared: 'dropped' },
      { 'idempotency-key': 'first' },
    );
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({
      status: 'applied',
      duplicate: false,
      streamVersion: 1,
      state: { exists: true },
    });
    // applied: the read model already shows it, defaults filled in and undeclared properties gone.
    expect(await get(base, '/read-models/orders/o-1')).toEqual({
      orderId: 'o-1',
      total: 10,
      currency: 'EUR',
      lastEvent: 'OrderPlaced',
    });

    const appended = await post(
      base,
      '/commands/place-order',
      { orderId: 'o-2', total: 5 },
      { 'response-mode': 'appended' },
    );
    expect(appended.status).toBe(200);
    expect(appended.body.status).toBe('appended');
    expect(appended.body.events[0].position).toBeGreaterThan(0);

    const accepted = await post(
      base,
      '/commands/place-order',
      { orderId: 'o-3', total: 7 },
      { 'response-mode': 'accepted', 'idempotency-key': 'queued-1' },
    );
    expect(accepted.status).toBe(202);
    const fate = await eventually(
      () => get(base, '/commands/queued-1'),
      (s) => s.status === 'done',
    );
    expect(fate.result).toMatchObject({ kind: 'done', streamVersion: 1 });
    await eventually(
      () => fetch(`${base}/read-models/orders/o-3`).then((r) => r.status),
      (s) => s === 200,
    );
  }, 60_000);

  it('appends nothing for a duplicate and refuses invalid payloads in words', async () => {
    const base = ordersService.url;
    // Count the events of o-1's own stream: the log's head also moves with billing's policy, which
    // reacts to these orders in another process at its own pace.
    const ofO1 = async () =>
      ((await get(base, '/events?after=0&limit=10000')).events as Array<{ stream: string }>).filter(
        (e) => e.stream === 'orders.Order-o-1',
      ).length;
    const before = await ofO1();
    expect(before).toBeGreaterThan(0);
    const again = await post(
      base,
      '/commands/place-order',
      { orderId: 'o-1', total: 10, undeclared: 'dropped' },
      { 'idempotency-key': 'first' },
    );
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    // The key with another body: refused, not answered as if it had run.
    expect(
      (await post(base, '/commands/place-order', { orderId: 'o-1', total: 10 }, { 'idempotency-key': 'first' })).status,
    ).toBe(422);
    expect(await ofO1()).toBe(before);

    const invalid = await post(base, '/commands/place-order', { orderId: '', total: 'ten' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([
      '"/orderId" must NOT have fewer than 1 characters',
      '"/total" must be number',
    ]);
  });

  it('fires a policy across contexts through the shared log', async () => {
    const invoices = await eventually(
      () => get(billingService.url, '/read-models/invoices'),
      (r) => r.rows.length >= 3,
    );
    expect(invoices.rows.map((r: any) => r.row.orderId).sort()).toEqual(['o-1', 'o-2', 'o-3']);
    expect(invoices.rows.find((r: any) => r.row.orderId === 'o-1').row.total).toBe(10);
  }, 30_000);

  it('serialises 50 concurrent commands on one aggregate with no lost update', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(ordersService.url, '/commands/place-order', { orderId: 'busy', total: i }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(results.map((r) => r.body.streamVersion).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const events = (await allEvents(ordersService.url)).filter((e) => e.stream === 'orders.Order-busy');
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  }, 60_000);

  it('survives kill -9 in the middle of a stream of commands: acknowledged once, read models equal a replay', async () => {
    const acknowledged: string[] = [];
    let stopSending = false;
    const sender = (async () => {
      for (let i = 0; !stopSending && i < 2000; i++) {
        const key = `stream-${i}`;
        try {
          const answer = await post(
            ordersService.url,
            '/commands/place-order',
            { orderId: `k-${i % 7}`, total: i },
            { 'idempotency-key': key },
          );
          if (answer.status === 200) acknowledged.push(key);
        } catch {
          return; // the service is gone
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await stop(ordersService, 'SIGKILL');
    stopSending = true;
    await sender;
    expect(acknowledged.length).toBeGreaterThan(0);

    ordersService = await startService(orders, join(shared, 'orders'));
    const events = await allEvents(ordersService.url);
    for (const key of acknowledged)
      expect(
        events.filter((e) => e.metadata.commandId === key),
        key,
      ).toHaveLength(1);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);

    // A fresh service with empty local state replays the whole log; both must agree.
    const replay = await startService(orders, join(shared, 'orders-replay'));
    const head = (await get(ordersService.url, '/health')).log;
    await eventually(
      () => get(replay.url, '/health'),
      (h) => h.projections >= head,
    );
    await eventually(
      () => get(ordersService.url, '/health'),
      (h) => h.projections >= head,
    );
    const rows = async (base: string) => (await get(base, '/read-models/orders?limit=1000')).rows;
    expect(await rows(ordersService.url)).toEqual(await rows(replay.url));
    await stop(replay);
    await stop(ordersService);
    await stop(billingService);
  }, 120_000);
});
