/**
 * Generated services as real processes for the JetStream tests: generate the realistic example,
 * point the projects at the workbench's node_modules, start a service (each in its own process
 * group, so kill -9 hits the node process itself), talk HTTP to it.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../generator/generate.ts';
import { parseBoard } from '../../model/board/load.ts';
import { afterStopAll } from '../support/service-process.ts';

export {
  startService,
  stopAllServices,
  stopService,
  type RunningService as Running,
} from '../support/service-process.ts';

const WORKBENCH_MODULES = new URL('../../node_modules', import.meta.url).pathname;
const BOARD = new URL('../../examples/order-fulfilment.storm.json', import.meta.url);

export interface Generated {
  root: string;
  dirs: Record<'sales' | 'payments' | 'shipping', string>;
}

/** The three services of examples/order-fulfilment.storm.json, ready to run. */
export async function generateFulfilment(): Promise<Generated> {
  const root = mkdtempSync(join(tmpdir(), 'sb-nats-services-'));
  // The generated projects and their data go with the services (node_modules there is only a symlink).
  afterStopAll(() => rmSync(root, { recursive: true, force: true }));
  const parsed = parseBoard(readFileSync(BOARD, 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const result = await generate(parsed.board, { out: join(root, 'services') });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const dirs = {} as Generated['dirs'];
  for (const service of result.services) {
    symlinkSync(WORKBENCH_MODULES, join(service.dir, 'node_modules'), 'dir');
    dirs[service.plan.contextId as keyof Generated['dirs']] = service.dir;
  }
  return { root, dirs };
}

export async function post(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, body: await response.json() };
}

export async function get(base: string, path: string): Promise<any> {
  return (await fetch(`${base}${path}`, { signal: AbortSignal.timeout(15_000) })).json();
}

export async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T | undefined;
  for (;;) {
    try {
      last = await probe();
      if (ok(last)) return last;
    } catch {
      // not reachable yet
    }
    if (Date.now() > end) throw new Error(`still not there after ${ms} ms: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every event of the log, through a service's GET /events. */
export async function allEvents(base: string): Promise<any[]> {
  const events: any[] = [];
  for (let page = 0; page < 10_000; page++) {
    const batch = (await get(base, `/events?after=${events.at(-1)?.position ?? 0}&limit=1000`)).events as any[];
    if (batch.length === 0) return events;
    events.push(...batch);
  }
  throw new Error('more than 10 000 pages of events');
}

/** All rows of a read model, in id order. */
export async function rows(base: string, model: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let offset = 0; offset < 1_000_000; offset += 1000) {
    const page = (await get(base, `/read-models/${model}?limit=1000&offset=${offset}`)).rows as unknown[];
    out.push(...page);
    if (page.length < 1000) return out;
  }
  return out;
}

/** Waits until a service's subscriptions have handled the whole log. */
export async function caughtUp(base: string, ms = 30_000): Promise<void> {
  const head = (await get(base, '/health')).log as number;
  await eventually(
    () => get(base, '/health'),
    (h) => h.projections >= head && h.policies >= head,
    ms,
  );
}
