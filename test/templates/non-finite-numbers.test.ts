/**
 * JSON has no Infinity and no NaN: JSON.stringify writes them as null, so a value that reached
 * the log or a read model that way would be silently changed. Every path that writes user data
 * refuses them with the place they were found.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime, type ServiceRuntime } from '../../templates/runtime/service.ts';
import { counterDefinition } from './fixture-definition.ts';

const running: ServiceRuntime[] = [];
afterEach(async () => {
  for (const runtime of running.splice(0)) await runtime.close();
});

function start(edit: (definition: ReturnType<typeof counterDefinition>) => void): ServiceRuntime {
  const dir = mkdtempSync(join(tmpdir(), 'sb-finite-'));
  const definition = counterDefinition();
  definition.policies = [];
  edit(definition);
  const runtime = startRuntime(definition, {
    dataDir: dir,
    log: `sqlite:${join(dir, 'log.db')}`,
    pollMs: 10,
    applyTimeoutMs: 300,
  });
  running.push(runtime);
  return runtime;
}

async function quietly<T>(work: () => Promise<T>): Promise<{ result: T; errors: string[] }> {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '));
  try {
    return { result: await work(), errors };
  } finally {
    console.error = original;
  }
}

describe('numbers JSON cannot hold', () => {
  it('are refused in a command payload, also where a policy or the inbox issues it', async () => {
    const runtime = start(() => undefined);
    expect(runtime.bus.check('OpenCounter', { counterId: 'c', extra: { list: [Number.NaN] } })).toEqual({
      kind: 'invalid',
      message: expect.stringContaining('"/extra/list/0" is NaN, a number JSON cannot hold'),
      errors: ['"/extra/list/0" is NaN, a number JSON cannot hold'],
    });
    expect(await runtime.run('OpenCounter', { counterId: 'c', extra: Infinity }, 'x', true)).toMatchObject({
      kind: 'invalid',
    });
    expect(await runtime.log.head()).toBe(0);
  });

  it('are refused in the events a decider produced, where the event schema has no type', async () => {
    const runtime = start((definition) => {
      definition.events[0]!.schemas[2] = {
        type: 'object',
        properties: { counterId: { type: 'string' }, label: {} },
        required: ['counterId'],
      };
      definition.aggregates[0]!.decider.decide = (command) => [
        { type: 'CounterOpened', data: { counterId: command.data.counterId, label: 0 / 0 } },
      ];
    });
    const result = await runtime.run('OpenCounter', { counterId: 'nan' }, 'x', true);
    expect(result).toEqual({
      kind: 'failed',
      message: expect.stringContaining(
        'the decider of Counter produced a CounterOpened in which "/label" is NaN, a number JSON cannot hold',
      ),
    });
    expect(await runtime.log.head()).toBe(0);
  });

  it('are not stored in a read model: the projection is refused with the place, as a failing projection is', async () => {
    const runtime = start((definition) => {
      definition.readModels[0]!.apply = (_row, event) => ({ counterId: event.data.counterId, ratio: 1 / 0 });
    });
    const { result, errors } = await quietly(() => runtime.run('OpenCounter', { counterId: 'ratio' }, 'x', true));
    expect(result).toMatchObject({ kind: 'done', lagging: true });
    expect(runtime.store.row('Totals', 'ratio')).toBeUndefined();
    expect(runtime.store.checkpoint('projections')).toBe(0);
    expect(errors.join('\n')).toContain(
      'the read model Totals got a row for "ratio" in which "/ratio" is Infinity, a number JSON cannot hold',
    );
  });
});
