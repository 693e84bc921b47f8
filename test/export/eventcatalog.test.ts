import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { EventElement } from '../../model/board/types.ts';
import { exportEventCatalog } from '../../generator/export/exports.ts';
import { example } from '../support/boards.ts';

const dir = mkdtempSync(join(tmpdir(), 'stormbench-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function files(root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else out.push(relative(dir, path));
  }
  return out.sort();
}

/** The frontmatter of an mdx page, read with a real YAML parser, and the body after it. */
function page(path: string): { data: Record<string, any>; body: string } {
  const text = readFileSync(join(dir, path), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  expect(match, path).not.toBeNull();
  return { data: parseYaml(match![1]!), body: match![2]! };
}

describe('export eventcatalog', () => {
  const board = example('order-fulfilment');

  it('writes domains, services, events and commands in the folders EventCatalog reads', async () => {
    await exportEventCatalog(board, dir);
    const all = files(dir);
    expect(all.filter((f) => f.startsWith('domains/'))).toEqual([
      'domains/Payments/index.mdx',
      'domains/Sales/index.mdx',
      'domains/Shipping/index.mdx',
    ]);
    expect(all.filter((f) => f.startsWith('services/') && f.endsWith('.mdx'))).toEqual([
      'services/PaymentsService/index.mdx',
      'services/SalesService/index.mdx',
      'services/ShippingService/index.mdx',
    ]);
    expect(all.filter((f) => f.startsWith('events/PaymentReceived/'))).toEqual([
      'events/PaymentReceived/index.mdx',
      'events/PaymentReceived/schema.json',
      'events/PaymentReceived/versioned/1.0.0/index.mdx',
      'events/PaymentReceived/versioned/1.0.0/schema.json',
      'events/PaymentReceived/versioned/2.0.0/index.mdx',
      'events/PaymentReceived/versioned/2.0.0/schema.json',
    ]);
    expect(all).toContain('commands/PlaceOrder/index.mdx');
    expect(all).toContain('services/SalesService/asyncapi.json');
  });

  it("writes frontmatter of the shape EventCatalog's content collections accept", () => {
    const pointer = (p: unknown) =>
      expect(p).toEqual({ id: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    for (const file of files(dir).filter((f) => f.endsWith('.mdx'))) {
      const { data } = page(file);
      expect(data, file).toMatchObject({
        id: expect.any(String),
        name: expect.any(String),
        version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
        summary: expect.any(String),
      });
      for (const key of ['services', 'channels']) for (const p of data[key] ?? []) pointer(p);
      for (const p of [...(data.sends ?? []), ...(data.receives ?? [])]) {
        const { to, from, ...rest } = p;
        pointer(rest);
        for (const c of to ?? from ?? []) pointer(c);
      }
    }
    const sales = page('services/SalesService/index.mdx').data;
    expect(sales.specifications).toEqual([{ type: 'asyncapi', path: 'asyncapi.json', name: 'Sales AsyncAPI' }]);
    expect(JSON.parse(readFileSync(join(dir, 'services/SalesService/asyncapi.json'), 'utf8')).info.title).toBe('Sales');
  });

  it('gives every event version its frontmatter and its schema beside it', () => {
    const versions = (board.elements.find((e) => e.id === 'evt-payment-received') as EventElement).versions!;
    const latest = page('events/PaymentReceived/index.mdx');
    expect(latest.data).toMatchObject({
      id: 'PaymentReceived',
      name: 'Payment received',
      version: '3.0.0',
      schemaPath: 'schema.json',
    });
    expect(JSON.parse(readFileSync(join(dir, 'events/PaymentReceived/schema.json'), 'utf8'))).toEqual(
      versions[2]!.schema,
    );
    const first = page('events/PaymentReceived/versioned/1.0.0/index.mdx');
    expect(first.data).toMatchObject({ id: 'PaymentReceived', version: '1.0.0' });
    expect(JSON.parse(readFileSync(join(dir, 'events/PaymentReceived/versioned/1.0.0/schema.json'), 'utf8'))).toEqual(
      versions[0]!.schema,
    );
    expect(latest.body).toContain('`storm.payments.Payment.{paymentId}`');
  });

  it('lists what each service sends and receives, so EventCatalog draws producers and consumers', () => {
    const payments = page('services/PaymentsService/index.mdx').data;
    expect(payments.sends).toEqual([
      { id: 'PaymentReceived', version: '3.0.0', to: [{ id: 'PaymentsPaymentLog', version: '1.0.0' }] },
      // Raised by the payment provider: no log of a generated service carries it.
      { id: 'PaymentFailed', version: '1.0.0' },
    ]);
    expect(payments.receives).toEqual([
      { id: 'OrderPlaced', version: '2.0.0', from: [{ id: 'SalesOrderLog', version: '1.0.0' }] },
      { id: 'ChargePayment', version: '1.0.0' },
    ]);
    const sales = page('services/SalesService/index.mdx').data;
    expect(sales.sends.map((s: { id: string }) => s.id)).toEqual(['OrderPlaced', 'OrderCancelled', 'OrderConfirmed']);
    expect(sales.receives.map((s: { id: string }) => s.id)).toContain('PaymentReceived');
    const shipping = page('services/ShippingService/index.mdx').data;
    expect(shipping.receives.map((s: { id: string }) => s.id)).toContain('OrderConfirmed');
    const domain = page('domains/Sales/index.mdx').data;
    expect(domain).toMatchObject({
      id: 'Sales',
      name: 'Sales',
      version: '1.0.0',
      services: [{ id: 'SalesService', version: '1.0.0' }],
    });
  });

  it("makes each aggregate's log a channel whose address is the subject the generated service appends to", () => {
    const channel = page('channels/SalesOrderLog/index.mdx').data;
    expect(channel).toMatchObject({
      id: 'SalesOrderLog',
      version: '1.0.0',
      address: 'storm.sales.Order.{orderId}',
      protocols: ['nats'],
      parameters: { orderId: { description: expect.stringContaining('the orderId property') } },
    });
    // The services name the channel; an event's own `channels` would make EventCatalog 3 rewrite its file.
    expect(page('services/SalesService/index.mdx').data.sends[0]).toEqual({
      id: 'OrderPlaced',
      version: '2.0.0',
      to: [{ id: 'SalesOrderLog', version: '1.0.0' }],
    });
    expect(page('events/OrderPlaced/index.mdx').data.channels).toBeUndefined();
    expect(page('commands/PlaceOrder/index.mdx').data.operation).toEqual({
      method: 'POST',
      path: '/commands/place-order',
    });
    // The AsyncAPI document beside the service names the same address.
    const asyncapi = JSON.parse(readFileSync(join(dir, 'services/SalesService/asyncapi.json'), 'utf8'));
    expect(Object.values(asyncapi.channels).map((c: any) => c.address)).toContain(channel.address);
  });
});
