import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotFromWire, type PlaySnapshot } from '../../../contract/play.ts';
import { BoardHost } from '../../../electron/host/board-host.ts';
import { dispatch } from '../../../electron/host/messages.ts';
import { generateFulfilment, post, startService, stopAllServices } from '../../nats/service-process.ts';
import { ROOT } from '../../support/boards.ts';

// "Attach to a running service…" in the app: the host's `attachPlay` reads a deployment started
// by hand (SQLite here; NATS goes through the same AttachSession, test/electron/play/attach.test.ts)
// and the page's play operations show it, read-only.

const text = readFileSync(join(ROOT, 'examples', 'order-fulfilment.storm.json'), 'utf8');

describe('attach in the app', () => {
  let folder: string;
  let sales: string;
  let host: BoardHost;
  let session: { folder: string; mode: 'browser' };

  beforeAll(async () => {
    const generated = await generateFulfilment();
    folder = mkdtempSync(join(tmpdir(), 'sb-attach-app-'));
    const dataDir = join(folder, 'deploy', 'data');
    mkdirSync(dataDir, { recursive: true });
    const log = `sqlite:${join(dataDir, 'log.db')}`;
    const [a] = await Promise.all([
      startService(generated.dirs.sales, { dataDir, log }),
      startService(generated.dirs.payments, { dataDir, log }),
    ]);
    sales = a.url;
    host = new BoardHost(folder);
    session = { folder, mode: 'browser' };
  }, 240_000);
  afterAll(async () => {
    await dispatch(host, session, 'stopPlay', {}).catch(() => undefined);
    await stopAllServices();
  });

  async function until(test: (s: PlaySnapshot) => boolean, ms = 30_000): Promise<PlaySnapshot> {
    const deadline = Date.now() + ms;
    for (;;) {
      const wire = await dispatch(host, session, 'playState', { after: '0' });
      const s = wire && snapshotFromWire(wire, {});
      if (s && test(s)) return s;
      if (Date.now() > deadline)
        throw new Error(
          `not reached: ${JSON.stringify(s && { entries: s.entries.map((e) => e.type), lags: s.lags, refusals: s.refusals, error: s.error })}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('refuses a log that is not there, in one sentence', async () => {
    await expect(dispatch(host, session, 'attachPlay', { text, target: 'deploy/nothing/log.db' })).rejects.toThrow(
      /^There is no log at .*deploy\/nothing\/log\.db; give the path of a service's log\.db/,
    );
    await expect(dispatch(host, session, 'attachPlay', { text, target: ' ' })).rejects.toThrow(
      "Give the log to attach to: a service's log.db path, or nats://HOST:PORT.",
    );
  });

  it('shows counts, lags, refusals and rows of a deployment through the play operations, and sends nothing', async () => {
    const first = await dispatch(host, session, 'attachPlay', { text, target: 'deploy/data/log.db' });
    expect(first).toMatchObject({ status: 'running', readOnly: true, where: join(folder, 'deploy', 'data', 'log.db') });
    expect(
      (await post(sales, '/commands/place-order', { orderId: 'o-app', customerId: 'c-1', total: 12 })).status,
    ).toBe(200);
    expect((await post(sales, '/commands/place-order', { orderId: 'o-bad' })).status).toBe(400);
    const s = await until(
      (x) =>
        x.entries.some((e) => e.type === 'OrderConfirmed') &&
        x.lags.length === 4 &&
        x.lags.every((l) => l.lag === 0) &&
        x.refusals.length === 1,
    );
    expect(s.entries.map((e) => [e.context, e.type, e.policy?.type ?? null])).toEqual([
      ['sales', 'OrderPlaced', null],
      ['payments', 'PaymentReceived', 'ChargePlacedOrders'],
      ['sales', 'OrderConfirmed', 'ConfirmPaidOrders'],
    ]);
    expect(s.counts).toMatchObject({ 'evt-order-placed': 1, 'pol-charge': 1, 'pol-confirm-paid': 1 });
    // A page that holds the sticky map (its id) is not sent it again on every poll; one that does not is.
    const whole = (await dispatch(host, session, 'playState', { after: '0' }))!;
    expect(whole.map?.commands.map((c) => c.type)).toContain('PlaceOrder');
    const polled = (await dispatch(host, session, 'playState', { after: '0', map: String(whole.mapId) }))!;
    expect(polled.map).toBeUndefined();
    expect(snapshotFromWire(polled, { snapshot: s, mapId: whole.mapId })?.map).toBe(s.map);
    expect(snapshotFromWire(polled, { snapshot: s, mapId: whole.mapId + 1 })).toBeUndefined();
    expect(s.refusals[0]).toMatchObject({
      contextId: 'sales',
      command: 'PlaceOrder',
      status: 400,
      elementIds: ['cmd-place-order'],
    });
    expect((await dispatch(host, session, 'playRows', { context: 'sales', model: 'MyOrders' })).rows).toEqual([
      { id: 'o-app', doc: expect.objectContaining({ orderId: 'o-app' }) },
    ]);

    // Read-only: the page cannot send or apply edits to an attached deployment.
    await expect(
      dispatch(host, session, 'playSend', { context: 'sales', command: 'PlaceOrder', payload: '{}' }),
    ).rejects.toThrow(
      'This play is attached to a running deployment, read-only: stop it, then press Play to run the board itself.',
    );
    await expect(dispatch(host, session, 'playUpdate', { text })).rejects.toThrow(
      /attached to a running deployment, read-only/,
    );

    const stopped = await dispatch(host, session, 'stopPlay', {});
    expect(stopped).toMatchObject({ status: 'stopped', readOnly: true });
    expect((await dispatch(host, session, 'playState', { after: '0' }))?.status).toBe('stopped');
    // The deployment runs on.
    expect(
      (await post(sales, '/commands/place-order', { orderId: 'o-after', customerId: 'c-1', total: 3 })).status,
    ).toBe(200);
  }, 120_000);
});
