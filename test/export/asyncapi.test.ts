import { describe, expect, it } from 'vitest';
import { BoardGraph } from '../../model/board/graph.ts';
import { versionsOf } from '../../model/board/events.ts';
import type { Board, EventElement } from '../../model/board/types.ts';
import { asyncApiDocumentText, buildAsyncApiExports } from '../../model/export/asyncapi.ts';
import { parseAsyncApi } from '../../generator/export/asyncapi-parser.ts';
import { asyncApiToBoard } from '../../generator/import/to-board.ts';
import { emptyBoard, example } from '../support/boards.ts';

type Doc = Record<string, any>;

/** Each event identity's history, keyed by context and name, in a form that compares by value. */
function histories(board: Board): Record<string, unknown> {
  const graph = new BoardGraph(board);
  const out: Record<string, unknown> = {};
  for (const identity of graph.identities()) {
    if (identity.kind !== 'event') continue;
    const versions = versionsOf(identity);
    if (versions.length > 0) out[`${identity.contextId}/${identity.stickies[0]!.name}`] = versions;
  }
  return out;
}

async function parseClean(document: unknown) {
  const parsed = await parseAsyncApi(JSON.stringify(document));
  // Info diagnostics (e.g. "3.1.0 is out") are allowed; errors and warnings are not.
  expect(parsed.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
  expect(parsed.ok).toBe(true);
  expect(parsed.version).toBe('3.0.0');
  return parsed;
}

describe('export asyncapi', () => {
  const board = example('order-fulfilment');
  const exports = buildAsyncApiExports(board);

  it('writes one document per bounded context, named for its package', () => {
    expect(exports.map((e) => e.fileName)).toEqual(['sales-service.asyncapi.json', 'payments-service.asyncapi.json', 'shipping-service.asyncapi.json']);
  });

  it('names channels for the log subjects <context>.<Aggregate>.<Event>', () => {
    const sales = exports[0]!.document as Doc;
    const addresses = Object.values(sales.channels as Doc).map((c: Doc) => c.address);
    expect(addresses).toContain('sales.Order.OrderPlaced');
    expect(addresses).toContain('/commands/place-order');
    // Payment received is written by payments; sales reads it through a policy.
    expect(addresses).toContain('payments.Payment.PaymentReceived');
  });

  it('sends its own events and receives the events of other contexts its policies and read models read', () => {
    const payments = exports[1]!.document as Doc;
    const ops = Object.values(payments.operations as Doc) as Doc[];
    const by = (action: string) => ops.filter((o) => o.action === action && !o.bindings).map((o) => (payments.channels as Doc)[o.channel.$ref.split('/').pop()].address);
    expect(by('send')).toEqual(['payments.Payment.PaymentReceived', 'payments.PaymentProvider.PaymentFailed']);
    expect(by('receive')).toEqual(['sales.Order.OrderPlaced']);
    const http = ops.filter((o) => o.bindings?.http?.method === 'POST');
    expect(http).toHaveLength(1);
  });

  it('makes every event version a message with its schema as the payload', () => {
    const payments = exports[1]!.document as Doc;
    const messages = payments.components.messages as Doc;
    const received = Object.values(messages).filter((m: Doc) => m['x-stormbench'].name === 'Payment received') as Doc[];
    expect(received.map((m) => m['x-stormbench'].version)).toEqual([1, 2, 3]);
    const original = board.elements.find((e) => e.id === 'evt-payment-received') as EventElement;
    expect(received.map((m) => m.payload)).toEqual(original.versions!.map((v) => v.schema));
  });

  it('round-trips: export → the official parser (no errors, no warnings) → import gives the same events, versions and schemas', async () => {
    const documents = [];
    for (const e of exports) {
      const parsed = await parseClean(e.document);
      documents.push({ raw: parsed.raw, source: e.fileName });
    }
    const back = asyncApiToBoard(documents).board;
    expect(back.name).toBe(board.name);
    expect(back.contexts.map((c) => [c.id, c.name]).sort()).toEqual(board.contexts.map((c) => [c.id, c.name]).sort());
    expect(histories(back)).toEqual(histories(board));
    const commands = (b: Board) => b.elements.filter((e) => e.kind === 'command').map((e) => `${e.context}/${e.name}`).sort();
    expect([...new Set(commands(back))]).toEqual([...new Set(commands(board))]);
  });

  it('keeps local $refs of a schema working inside the document and gives them back on import', async () => {
    const b = emptyBoard();
    const schema = { type: 'object', $defs: { money: { type: 'object', properties: { amount: { type: 'number' } } } }, properties: { total: { $ref: '#/$defs/money' } }, required: ['total'] };
    b.elements.push({ id: 'e1', kind: 'event', name: 'Invoice sent', context: 'c', x: 0, y: 0, width: 160, height: 100, versions: [{ version: 1, schema }] } as EventElement);
    const [only] = buildAsyncApiExports(b);
    const parsed = await parseClean(only!.document);
    const back = asyncApiToBoard([{ raw: parsed.raw, source: 'x' }]).board;
    expect((back.elements[0] as EventElement).versions![0]!.schema).toEqual(schema);
  });

  it('gives names in other scripts keys and an id the parser accepts', async () => {
    const b = emptyBoard();
    b.name = 'Заказы и доставка';
    b.contexts[0] = { ...b.contexts[0]!, id: 'продажи', name: 'Продажи' };
    b.elements.push({ id: 'e1', kind: 'event', name: 'Заказ создан', context: 'продажи', x: 0, y: 0, width: 160, height: 100, versions: [{ version: 1, schema: { type: 'object' } }] } as EventElement);
    const [only] = buildAsyncApiExports(b);
    expect(only!.fileName).toMatch(/^[A-Za-z0-9_-]+\.asyncapi\.json$/);
    const parsed = await parseClean(only!.document);
    expect(Object.values((parsed.raw as Doc).channels).map((c: any) => c.address)).toEqual(['продажи._.ЗаказСоздан']);
  });

  it('is the text a generated service ships, deterministic', () => {
    expect(asyncApiDocumentText(board, 'shipping')).toBe(asyncApiDocumentText(example('order-fulfilment'), 'shipping'));
    expect(JSON.parse(asyncApiDocumentText(board, 'shipping')).info.title).toBe('Shipping');
  });
});
