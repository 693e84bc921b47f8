import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HostError } from '../../electron/host/board-folder.ts';
import { inPlaceRunner, workerRunner } from '../../electron/host/generate-runner.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const folder = () => mkdtemp(join(tmpdir(), 'sb-gen-runner-'));

describe('generation in a worker thread (stormbench serve)', () => {
  const worker = workerRunner();
  afterAll(() => worker.close());

  it('previews and generates exactly as in place, and passes refusals on as HostErrors', async () => {
    const text = await readFile(join(ROOT, 'examples', 'order-fulfilment.storm.json'), 'utf8');
    const [a, b] = [await folder(), await folder()];
    const there = await worker.preview(a, text, 'services', ['sales', 'payments']);
    const here = await inPlaceRunner.preview(b, text, 'services', ['sales', 'payments']);
    expect(there).toEqual(here);
    expect(there.services.map((s) => s.packageName)).toEqual(['sales-service', 'payments-service']);

    const generated = await worker.generate(a, text, 'services', 'sales');
    expect(generated.ok).toBe(true);
    expect(existsSync(join(a, 'services', 'sales-service', 'package.json'))).toBe(true);

    // What needs a person crosses the thread as data, with its stickies.
    expect(there.services.map((s) => s.needsPerson.map((n) => [n.code, n.elementIds]))).toEqual([
      [['scenario-pending', ['agg-order-1']]],
      [['scenario-pending', ['agg-payment']]],
    ]);

    // So do refusals: the linter's code and sticky, for a board whose versions skip a number.
    const board = JSON.parse(text) as { elements: Array<{ id: string; versions?: Array<{ version: number }> }> };
    board.elements.find((e) => e.id === 'evt-order-placed')!.versions![1]!.version = 5;
    const gap = await worker.generate(a, JSON.stringify(board), 'services', 'payments');
    expect(gap.ok ? [] : gap.problems.map((p) => [p.source, p.code, p.elementIds])).toEqual([
      ['lint', 'event-version-gap', ['evt-order-placed']],
    ]);

    const refused = await worker.preview(a, text, '../elsewhere', ['sales']).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HostError);
    expect((refused as HostError).message).toContain('leads out of the board folder');
    expect((refused as HostError).status).toBe(400);
  }, 120_000);

  it('starts again after being closed', async () => {
    await worker.close();
    const text = await readFile(join(ROOT, 'examples', 'small.storm.json'), 'utf8');
    const preview = await worker.preview(await folder(), text, 'services', ['counter']);
    expect(preview.problems).toEqual([]);
    expect(preview.services).toHaveLength(1);
  }, 120_000);
});
