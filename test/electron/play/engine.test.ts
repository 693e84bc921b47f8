import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlayEngine, scratchFor } from '../../../electron/host/play/engine.ts';
import { policyOfCommandId } from '../../../electron/host/play/play-map.ts';
import type { PlaySnapshot } from '../../../contract/play.ts';
import { example } from '../../support/boards.ts';

async function until(engine: PlayEngine, test: (s: PlaySnapshot) => boolean, ms = 20_000): Promise<PlaySnapshot> {
  const deadline = Date.now() + ms;
  for (;;) {
    engine.refresh();
    const s = engine.snapshot();
    if (test(s)) return s;
    if (Date.now() > deadline)
      throw new Error(
        `not reached in ${ms} ms: ${JSON.stringify({ entries: s.entries.map((e) => e.type), refusals: s.refusals })}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('playing order-fulfilment', () => {
  const folder = mkdtempSync(join(tmpdir(), 'stormbench-play-'));
  const engine = new PlayEngine(example('order-fulfilment'), {
    scratch: scratchFor(folder, 'order-fulfilment.storm.json'),
  });

  beforeAll(async () => {
    await engine.start();
  }, 180_000);
  afterAll(async () => {
    await engine.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('starts every context as its generated service, in the scratch folder beside the board', () => {
    const s = engine.snapshot();
    expect(s.status).toBe('running');
    expect(s.services.map((x) => [x.contextId, x.state])).toEqual([
      ['sales', 'running'],
      ['payments', 'running'],
      ['shipping', 'running'],
    ]);
    expect(s.services.every((x) => x.url?.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(existsSync(join(folder, '.stormbench', 'play', 'order-fulfilment', 'data', 'log.db'))).toBe(true);
    // Pending scenarios run with the default decider, and say so.
    expect(s.services.find((x) => x.contextId === 'sales')!.notes.map((n) => n.code)).toEqual(['scenario-pending']);
    expect(s.map.commands.find((c) => c.type === 'PlaceOrder')).toMatchObject({
      contextId: 'sales',
      idField: 'orderId',
      elementIds: ['cmd-place-order'],
    });
  });

  it('sends a command, and follows the policies across contexts in log order', async () => {
    const place = engine.snapshot().map.commands.find((c) => c.type === 'PlaceOrder')!;
    const answer = await engine.send('sales', 'PlaceOrder', { ...place.scenarioPayloads[0]!.data, orderId: 'o-play' });
    expect(answer.status).toBe(200);
    expect(answer.events).toEqual([
      { type: 'OrderPlaced', position: 1, elementIds: ['evt-order-placed', 'evt-order-placed-p'] },
    ]);
    expect(answer.state).toMatchObject({ exists: true });
    const s = await until(engine, (x) => x.entries.some((e) => e.type === 'ShipmentPrepared'));
    expect(s.entries.map((e) => [e.position, e.context, e.type, e.command ?? null, e.policy?.type ?? null])).toEqual([
      [1, 'sales', 'OrderPlaced', 'PlaceOrder', null],
      [2, 'payments', 'PaymentReceived', 'ChargePayment', 'ChargePlacedOrders'],
      [3, 'sales', 'OrderConfirmed', 'ConfirmOrder', 'ConfirmPaidOrders'],
      [4, 'shipping', 'ShipmentPrepared', 'PrepareShipment', 'ShipConfirmedOrders'],
    ]);
    // The policy's trigger is the event before it.
    expect(s.entries[1]!.policy!.triggerId).toBe(s.entries[0]!.id);
    expect(s.entries[1]!.elementIds).toContain('pol-charge');
    expect(s.counts).toMatchObject({ 'evt-order-placed': 1, 'pol-charge': 1, 'pol-ship': 1, 'evt-prepared': 1 });
    const done = await until(
      engine,
      (x) => x.counts['cmd-place-order'] === 1 && x.lags.length === 6 && x.lags.every((l) => l.lag === 0),
    );
    expect(done.lags.map((l) => l.contextId).sort()).toEqual([
      'payments',
      'payments',
      'sales',
      'sales',
      'shipping',
      'shipping',
    ]);
    expect(engine.rows('shipping', 'PickList').rows).toEqual([
      { id: expect.any(String), doc: expect.objectContaining({ orderId: 'o-play' }) },
    ]);
    expect(engine.snapshot(3).entries.map((e) => e.position)).toEqual([4]);
  });

  it('says why a command is refused, and marks its sticky', async () => {
    const answer = await engine.send('sales', 'PlaceOrder', { orderId: 'o-bad' });
    expect(answer.status).toBe(400);
    expect(answer.error).toMatchObject({ code: 'invalid-command' });
    expect(answer.error!.errors).toContain('the payload is missing the required property "total"');
    const s = await until(engine, (x) => x.refusals.length > 0);
    expect(s.refusals[0]).toMatchObject({
      contextId: 'sales',
      command: 'PlaceOrder',
      status: 400,
      elementIds: ['cmd-place-order'],
    });
    await expect(engine.send('sales', 'NoSuchCommand', {})).rejects.toThrow(/no command "NoSuchCommand"/);
  });

  it('restarts only the services an edit touches, on the same log', async () => {
    // An optional field: a required one would break the board's scenario for the command (lint).
    const board = example('order-fulfilment');
    const place = board.elements.find((e) => e.id === 'cmd-place-order')! as unknown as {
      schema: { properties: Record<string, unknown>; required: string[] };
    };
    place.schema.properties.channel = { type: 'string', enum: ['web', 'shop'] };
    const before = engine.snapshot().head;
    const restarted = await engine.update(board);
    expect(restarted).toContain('sales');
    expect(restarted).not.toContain('shipping');
    expect(engine.snapshot().services.map((x) => x.state)).toEqual(['running', 'running', 'running']);
    const refused = await engine.send('sales', 'PlaceOrder', {
      orderId: 'o-new',
      customerId: 'c-1',
      total: 1,
      channel: 'phone',
    });
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toMatch(/channel/);
    const placed = await engine.send('sales', 'PlaceOrder', {
      orderId: 'o-new',
      customerId: 'c-1',
      total: 1,
      channel: 'web',
    });
    expect(placed.status).toBe(200);
    // The log was kept: the new event comes after what happened before the edit.
    expect(placed.events[0]!.position).toBe(before + 1);
    expect(engine.snapshot().entries[0]!.position).toBe(1);
    // The PlaceOrder carried out since settles the refusals before it: its sticky is no longer red.
    const settled = await until(engine, (x) => x.refusals.length === 2 && x.refusals.every((r) => r.cleared));
    expect(settled.refusals.map((r) => r.command)).toEqual(['PlaceOrder', 'PlaceOrder']);
  }, 120_000);
});

describe('a board that cannot play', () => {
  it('gives the refused context its reasons, with the stickies to link to, and starts nothing', async () => {
    const board = example('small');
    const sticky = board.elements.find((e) => e.kind === 'command')!;
    sticky.name = '???';
    const folder = mkdtempSync(join(tmpdir(), 'stormbench-play-'));
    const engine = new PlayEngine(board, { scratch: join(folder, 'scratch') });
    await engine.start();
    const s = engine.snapshot();
    expect(s.status).toBe('failed');
    expect(s.error).toMatch(/No context of the board could start/);
    expect(s.services[0]!.state).toBe('refused');
    expect(s.services[0]!.reasons.some((r) => r.elementIds.includes(sticky.id))).toBe(true);
    await engine.stop();
    rmSync(folder, { recursive: true, force: true });
  });
});

describe('policyOfCommandId', () => {
  const policies = new Set(['ChargePlacedOrders']);
  it('reads the policy and its trigger out of the command id the runtime derives', () => {
    expect(policyOfCommandId('ChargePlacedOrders:3744c35f-698a:0', policies)).toEqual({
      type: 'ChargePlacedOrders',
      triggerId: '3744c35f-698a',
    });
    expect(policyOfCommandId('play-1234', policies)).toBeUndefined();
    expect(policyOfCommandId('Other:e:0', policies)).toBeUndefined();
    expect(policyOfCommandId('ChargePlacedOrders:e:x', policies)).toBeUndefined();
  });
});
