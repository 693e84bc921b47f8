/**
 * How `npm start` reads its environment and opens a service: the log lives in DATA_DIR unless
 * STORM_LOG says otherwise, the HTTP server stays on loopback unless HOST says otherwise, and a
 * service whose local state is ahead of its log refuses to start.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsFrom, startService, type StartedService } from '../../templates/runtime/start.ts';
import { counterDefinition } from './fixture-definition.ts';

const running: StartedService[] = [];
afterEach(async () => {
  for (const service of running.splice(0)) await service.stop();
});

async function start(settings: ReturnType<typeof settingsFrom>): Promise<StartedService> {
  const definition = counterDefinition();
  definition.policies = [];
  const service = await startService(definition, settings);
  running.push(service);
  return service;
}

describe('starting a service from its environment', () => {
  it('keeps the log inside DATA_DIR when STORM_LOG is not set, and listens on loopback', () => {
    expect(settingsFrom({})).toEqual({ port: 3000, host: '127.0.0.1', dataDir: './data', log: 'sqlite:data/log.db' });
    expect(settingsFrom({ DATA_DIR: '/srv/orders', PORT: '8080', HOST: '0.0.0.0' })).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/orders',
      log: 'sqlite:/srv/orders/log.db',
    });
    expect(settingsFrom({ DATA_DIR: '/srv/orders', STORM_LOG: 'nats://127.0.0.1:4222' }).log).toBe(
      'nats://127.0.0.1:4222',
    );
    expect(settingsFrom({ DATA_DIR: '/srv/orders', STORM_LOG: '' }).log).toBe('sqlite:/srv/orders/log.db');
    expect(() => settingsFrom({ PORT: 'http' })).toThrow('PORT=http is not a port number');
  });

  it('refuses to start, in words, when its checkpoint is ahead of its log (the log was swapped or lost)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-start-'));
    const first = await start(settingsFrom({ DATA_DIR: dataDir, PORT: '0' }));
    expect(first.http.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    for (let i = 0; i < 3; i++) await first.runtime.run('OpenCounter', { counterId: `c${i}` }, `open-${i}`, true);
    await first.stop();
    running.pop();
    const elsewhere = `sqlite:${join(mkdtempSync(join(tmpdir(), 'sb-start-other-')), 'log.db')}`;
    await expect(start({ port: 0, host: '127.0.0.1', dataDir, log: elsewhere })).rejects.toThrow(
      `the local state in ${dataDir} has applied the log up to position 3, but the log ${elsewhere} ends at position 0: it is not the log this state was built from (was it moved, replaced or lost?). Point STORM_LOG at that log, or start with an empty DATA_DIR to rebuild the read models from this one`,
    );
  });
});
