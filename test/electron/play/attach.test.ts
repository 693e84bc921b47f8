import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachSession } from '../../../electron/host/play/attach.ts';
import type { PlaySnapshot } from '../../../contract/play.ts';
import { parseBoard } from '../../../model/board/load.ts';
import type { Board } from '../../../model/board/types.ts';
import { startNats, stopAllNats } from '../../nats/server.ts';
import {
  generateFulfilment,
  get,
  post,
  startService,
  stopAllServices,
  type Generated,
} from '../../nats/service-process.ts';
import { ROOT } from '../../support/boards.ts';

// Attach reads a deployment that play did not start: services started by hand, as their README
// says (here from their sources with tsx, as test/nats does), on SQLite and on NATS JetStream.

const parsed = parseBoard(readFileSync(join(ROOT, 'examples', 'order-fulfilment.storm.json'), 'utf8'));
const board = (parsed as { ok: true; board: Board }).board;

async function until(session: AttachSession, test: (s: PlaySnapshot) => boolean, ms = 30_000): Promise<PlaySnapshot> {
  const deadline = Date.now() + ms;
  for (;;) {
    await session.refresh();
    const s = session.snapshot();
    if (test(s)) return s;
    if (Date.now() > deadline)
      throw new Error(
        `not reached: ${JSON.stringify({ entries: s.entries.map((e) => [e.position, e.type]), lags: s.lags, error: s.error })}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

let generated: Generated;
beforeAll(async () => {
  generated = await generateFulfilment();
}, 120_000);
afterAll(async () => {
  await stopAllServices();
  await stopAllNats();
});

describe.each(['sqlite', 'nats'] as const)('attach to a deployment on %s', (kind) => {
  let log: string;
  let sales: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-attach-'));
    log =
      kind === 'sqlite' ? `sqlite:${join(dataDir, 'log.db')}` : `nats://127.0.0.1:${(await startNats()).port}/ATTACH`;
    const [a] = await Promise.all([
      startService(generated.dirs.sales, { dataDir, log }),
      startService(generated.dirs.payments, { dataDir, log }),
    ]);
    sales = a.url;
  }, 180_000);

  it('follows the events across contexts in log order, with counts, lags and the policy behind each', async () => {
    const session = await AttachSession.open(board, kind === 'sqlite' ? join(dataDir, 'log.db') : log, ROOT);
    await session.start();
    expect(
      (await post(sales, '/commands/place-order', { orderId: `o-${kind}`, customerId: 'c-1', total: 12 })).status,
    ).toBe(200);
    const refused = await post(sales, '/commands/place-order', { orderId: 'o-bad' });
    expect(refused.status).toBe(400);
    const s = await until(
      session,
      (x) =>
        x.entries.some((e) => e.type === 'OrderConfirmed') && x.lags.length === 4 && x.lags.every((l) => l.lag === 0),
    );
    expect(s.readOnly).toBe(true);
    expect(s.entries.map((e) => [e.context, e.type, e.policy?.type ?? null])).toEqual([
      ['sales', 'OrderPlaced', null],
      ['payments', 'PaymentReceived', 'ChargePlacedOrders'],
      ['sales', 'OrderConfirmed', 'ConfirmPaidOrders'],
    ]);
    // The positions are the log's own, as the service's /events gives them.
    const served = (await get(sales, '/events?after=0')) as { events: Array<{ position: number; type: string }> };
    expect(s.entries.map((e) => e.position)).toEqual(served.events.map((e) => e.position));
    expect(s.counts).toMatchObject({ 'evt-order-placed': 1, 'pol-charge': 1, 'pol-confirm-paid': 1 });
    expect(s.lags.map((l) => `${l.contextId} ${l.subscription}`)).toEqual([
      'payments policies',
      'payments projections',
      'sales policies',
      'sales projections',
    ]);
    if (kind === 'sqlite') {
      // Beside a SQLite log, the state files tell the commands carried out and refused.
      await until(session, (x) => x.refusals.length === 1 && x.counts['cmd-place-order'] === 1);
      expect(session.snapshot().refusals[0]).toMatchObject({
        contextId: 'sales',
        command: 'PlaceOrder',
        status: 400,
        elementIds: ['cmd-place-order'],
      });
      expect(session.rows('sales', 'MyOrders').rows).toEqual([
        { id: 'o-sqlite', doc: expect.objectContaining({ orderId: 'o-sqlite' }) },
      ]);
    }
    await session.stop();
  });
});

describe('attach refuses what it cannot read', () => {
  it('says so in one sentence for a missing log or an unreachable NATS server', async () => {
    await expect(AttachSession.open(board, 'no/such/log.db', ROOT)).rejects.toThrow(
      /There is no log at .*no\/such\/log\.db; give the path of a service's log\.db/,
    );
    await expect(AttachSession.open(board, 'nats://127.0.0.1:1', ROOT)).rejects.toThrow(
      /Cannot attach to nats:\/\/127\.0\.0\.1:1/,
    );
  }, 30_000);
});
