import type { ServiceDefinition } from './definition.ts';
import { listen } from './http.ts';
import { DEFAULT_LOG, openLog } from './open-log.ts';
import { startRuntime } from './service.ts';

/**
 * Starts a service the way `npm start` does: `PORT` (default 3000), `HOST` (default 127.0.0.1),
 * `DATA_DIR` (default ./data),
 * `STORM_LOG` (default sqlite:./data/log.db, or nats://HOST:PORT for NATS JetStream); stops cleanly on
 * SIGINT and SIGTERM.
 */
export async function startFromEnvironment(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = Number.parseInt(env.PORT ?? '3000', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT=${env.PORT} is not a port number`);
  const dataDir = env.DATA_DIR ?? './data';
  const log = env.STORM_LOG || DEFAULT_LOG;
  const runtime = startRuntime(definition, { dataDir, log: await openLog(log) });
  // Loopback unless the operator opens it up: the service has no authentication of its own.
  const http = await listen(runtime, port, env.HOST || '127.0.0.1');
  console.log(`${definition.name} listening on ${http.url} (log ${log}, data ${dataDir}, responses: ${definition.responseMode})`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await http.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
