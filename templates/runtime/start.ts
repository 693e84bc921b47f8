import { join } from 'node:path';
import type { ServiceDefinition } from './definition.ts';
import { listen, type HttpService } from './http.ts';
import { refuseForeignLog } from './log-guard.ts';
import { openLog } from './open-log.ts';
import { startRuntime, type ServiceRuntime } from './service.ts';
import { statePath } from './state-store.ts';

/** What `npm start` runs with, read from its environment. */
export interface StartSettings {
  port: number;
  /** The address to listen on; loopback unless HOST says otherwise. */
  host: string;
  dataDir: string;
  /** The log's URL (STORM_LOG); by default a SQLite file inside DATA_DIR. */
  log: string;
}

/**
 * `PORT` (default 3000), `HOST` (default 127.0.0.1: only this machine; 0.0.0.0 for every
 * interface), `DATA_DIR` (default ./data), `STORM_LOG` (default sqlite:DATA_DIR/log.db, or
 * nats://HOST:PORT for NATS JetStream). The default log follows DATA_DIR, so a service started
 * from another working directory still finds the log its local state was built from.
 */
export function settingsFrom(env: NodeJS.ProcessEnv): StartSettings {
  const text = env.PORT || '3000';
  const port = /^\d{1,5}$/.test(text) ? Number(text) : -1;
  if (port < 0 || port > 65535) throw new Error(`PORT=${text} is not a port number`);
  const dataDir = env.DATA_DIR || './data';
  return { port, host: env.HOST || '127.0.0.1', dataDir, log: env.STORM_LOG || `sqlite:${join(dataDir, 'log.db')}` };
}

export interface StartedService {
  runtime: ServiceRuntime;
  http: HttpService;
  stop(): Promise<void>;
}

/** Opens the log, refuses local state built from another log, starts the runtime and the HTTP server. */
export async function startService(definition: ServiceDefinition, settings: StartSettings): Promise<StartedService> {
  const log = await openLog(settings.log);
  try {
    await refuseForeignLog(statePath(settings.dataDir, definition.context), log, settings);
  } catch (error) {
    await log.close();
    throw error;
  }
  const runtime = startRuntime(definition, { dataDir: settings.dataDir, log });
  let http: HttpService;
  try {
    http = await listen(runtime, settings.port, settings.host);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return {
    runtime,
    http,
    async stop() {
      await http.close();
      await runtime.close();
    },
  };
}

/** Starts a service the way `npm start` does (see settingsFrom); stops cleanly on SIGINT and SIGTERM. */
export async function startFromEnvironment(
  definition: ServiceDefinition,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const settings = settingsFrom(env);
  const service = await startService(definition, settings);
  console.log(
    `${definition.name} listening on ${service.http.url} (log ${settings.log}, data ${settings.dataDir}, responses: ${definition.responseMode})`,
  );
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
