import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { EventLog } from './log.ts';
import { SqliteLog, sqlitePathOf } from './sqlite-log.ts';
import { Subscription, type SubscriptionOptions } from './subscription.ts';

export const DEFAULT_LOG = 'sqlite:./data/log.db';

export interface NatsLogUrl {
  servers: string[];
  stream?: string;
  subjectPrefix?: string;
  replicas?: number;
  duplicateWindowMs?: number;
}

/**
 * Reads a `nats://` STORM_LOG: `nats://HOST:PORT[,HOST:PORT…][/STREAM][?replicas=3&prefix=storm&duplicateWindow=600]`
 * (`duplicateWindow` in seconds). Undefined for a URL of another scheme.
 */
export function natsUrlOf(url: string): NatsLogUrl | undefined {
  const match = /^(nats|tls):\/\/([^/?]+)(?:\/([^?]*))?(?:\?(.*))?$/.exec(url);
  if (!match) return undefined;
  const [, scheme, hosts, stream, query] = match;
  const params = new URLSearchParams(query ?? '');
  const known = new Set(['replicas', 'prefix', 'duplicateWindow']);
  for (const key of params.keys())
    if (!known.has(key))
      throw new Error(
        `STORM_LOG=${url}: unknown option ${JSON.stringify(key)}; use replicas, prefix or duplicateWindow`,
      );
  const number = (key: string): number | undefined => {
    const text = params.get(key);
    if (text === null) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0)
      throw new Error(`STORM_LOG=${url}: ${key} must be a positive whole number, not ${JSON.stringify(text)}`);
    return n;
  };
  if (stream !== undefined && stream !== '' && !/^[A-Za-z0-9_-]+$/.test(stream)) {
    throw new Error(
      `STORM_LOG=${url}: the stream name ${JSON.stringify(stream)} may hold only letters, digits, _ and -`,
    );
  }
  const prefix = params.get('prefix') ?? undefined;
  if (prefix !== undefined && !/^[A-Za-z0-9_-]+$/.test(prefix))
    throw new Error(`STORM_LOG=${url}: prefix may hold only letters, digits, _ and -`);
  const window = number('duplicateWindow');
  return {
    servers: hosts!.split(',').map((h) => `${scheme}://${h}`),
    ...(stream ? { stream } : {}),
    ...(prefix !== undefined ? { subjectPrefix: prefix } : {}),
    ...(number('replicas') !== undefined ? { replicas: number('replicas') } : {}),
    ...(window !== undefined ? { duplicateWindowMs: window * 1000 } : {}),
  };
}

/**
 * Opens the log STORM_LOG names: `sqlite:PATH` (relative to `cwd`; the default) or a NATS
 * JetStream server, `nats://127.0.0.1:4222`. The NATS client is loaded only for a NATS log.
 */
export async function openLog(url: string | undefined, cwd = process.cwd()): Promise<EventLog> {
  const chosen = url === undefined || url === '' ? DEFAULT_LOG : url;
  const path = sqlitePathOf(chosen);
  if (path !== undefined) return new SqliteLog(isAbsolute(path) ? path : resolve(cwd, path));
  const nats = natsUrlOf(chosen);
  if (nats !== undefined) {
    const { NatsLog } = await import('./nats-log.ts');
    return NatsLog.open({ ...nats, name: 'storm-service' });
  }
  throw new Error(`STORM_LOG=${chosen} is not a log this service can open; use sqlite:PATH or nats://HOST:PORT`);
}

/** A log that subscribes its own way (JetStream: a durable consumer) instead of being polled. */
interface SubscribingLog extends EventLog {
  subscribe(options: SubscriptionOptions, durable: string): Subscription;
}

function subscribing(log: EventLog): log is SubscribingLog {
  return typeof (log as Partial<SubscribingLog>).subscribe === 'function';
}

/**
 * The subscription a service runs on its log: on JetStream a durable consumer named for this
 * context, this subscription and this service instance (an id kept in DATA_DIR, so two copies of a
 * service never share a consumer); on SQLite the polling subscription.
 */
export function subscribeTo(
  log: EventLog,
  options: SubscriptionOptions,
  where: { dataDir: string; context: string },
): Subscription {
  if (!subscribing(log)) return new Subscription(options);
  return log.subscribe(
    options,
    `storm_${where.context.replace(/[^A-Za-z0-9_-]/g, '_')}_${options.name}_${instanceId(where.dataDir, where.context)}`,
  );
}

function instanceId(dataDir: string, context: string): string {
  const file = join(dataDir, `${context.replace(/[^A-Za-z0-9_-]/g, '_')}.instance`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const id = randomBytes(6).toString('hex');
  writeFileSync(file, `${id}\n`);
  return id;
}
