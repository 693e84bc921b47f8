import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAsyncApi } from '../../generator/export/asyncapi-parser.ts';
import { generate } from '../../generator/generate.ts';
import { parseBoard } from '../../model/board/load.ts';
import { ROOT, example } from '../support/boards.ts';

type Doc = Record<string, any>;

async function generated(context: string): Promise<string> {
  const loaded = parseBoard(JSON.stringify(example('order-fulfilment')));
  if (!loaded.ok) throw new Error(loaded.errors[0]!.message);
  const result = await generate(loaded.board, {
    out: mkdtempSync(join(tmpdir(), 'sb-asyncapi-')),
    contexts: [context],
    intoOut: true,
  });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.services[0]!.dir;
}

describe('a generated service', () => {
  it('ships its AsyncAPI document, the same one `export asyncapi` writes, valid for the official parser', async () => {
    const text = readFileSync(join(await generated('payments'), 'asyncapi.json'), 'utf8');
    const parsed = await parseAsyncApi(text);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
    const doc = JSON.parse(text) as { info: { title: string }; operations: Record<string, { action: string }> };
    expect(doc.info.title).toBe('Payments');
    // Payments sends its own events and receives Sales' "Order placed" through its policy.
    expect(
      Object.values(doc.operations)
        .map((o) => o.action)
        .sort(),
    ).toContain('receive');
    expect(Object.values(doc.operations).map((o) => o.action)).toContain('send');
  });

  it("appends a command's events on the subject its AsyncAPI document names, in the message shape it describes", async () => {
    const dir = await generated('sales');
    // The generated code resolves its dependencies (ajv) from the workbench's.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const load = (path: string) => import(pathToFileURL(join(dir, path)).href);
    const { definition } = await load('src/generated/definition.ts');
    const { CommandBus } = await load('src/runtime/command-bus.ts');
    const { subjectOf } = await load('src/runtime/nats-subjects.ts');

    // The log the bus appends to, recording what NatsLog would publish (subject and body).
    const appended: Array<{ subject: string; body: Doc }> = [];
    const log = {
      outcomeOf: async () => undefined,
      readStream: async () => [],
      readAfter: async () => [],
      head: async () => 0,
      close: async () => {},
      append: async (request: Doc) => {
        appended.push({
          subject: subjectOf('storm', request.stream),
          body: {
            context: request.context,
            stream: request.stream,
            commandId: request.commandId,
            firstVersion: request.expectedVersion + 1,
            recordedAt: new Date().toISOString(),
            events: request.events.map((e: Doc) => ({ ...e, metadata: { commandId: request.commandId } })),
          },
        });
        return {
          positions: request.events.map((_: unknown, i: number) => i + 1),
          streamVersion: request.events.length,
          duplicate: false,
        };
      },
    };
    const bus = new CommandBus(definition, log);
    const orderId = 'o.7 ü'; // an id that is not a plain subject token
    const result = await bus.execute('PlaceOrder', { orderId, customerId: 'c-1', total: 12, currency: 'SEK' });
    expect(result.kind, JSON.stringify(result)).toBe('done');
    expect(appended).toHaveLength(1);
    const [{ subject, body }] = appended as [{ subject: string; body: Doc }];

    const doc = JSON.parse(readFileSync(join(dir, 'asyncapi.json'), 'utf8')) as Doc;
    const send = Object.values(doc.operations as Doc).find((o: Doc) => o.action === 'send') as Doc;
    const channel = doc.channels[send.channel.$ref.split('/').pop()] as Doc;
    expect(channel.address).toBe('storm.sales.Order.{orderId}');
    const [parameter] = Object.keys(channel.parameters);
    expect(subject).toBe(channel.address.replace(`{${parameter}}`, 'o~2e7~20~c3~bc'));

    // The message the channel carries describes that body: its event is one of the log's entries.
    const message = doc.components.messages[
      channel.messages[Object.keys(channel.messages)[0]!].$ref.split('/').pop()
    ] as Doc;
    expect(Object.keys(body).sort()).toEqual([...message.payload.required].sort());
    const entries = (message.payload.properties.events.items.oneOf as Doc[]).map(
      (r) => doc.components.schemas[r.$ref.split('/').pop()] as Doc,
    );
    const event = body.events[0] as Doc;
    const entry = entries.find(
      (e) => e.properties.type.const === event.type && e.properties.version.const === event.version,
    );
    expect(entry, `${event.type} v${event.version}`).toBeDefined();
    const { compileSchema } = await import('../../model/json-schema/ajv.ts');
    const compiled = compileSchema(entry!.properties.data);
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.validate(event.data), JSON.stringify(compiled.validate.errors)).toBe(true);
  });
});
