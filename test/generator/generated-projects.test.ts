/**
 * Every example board, and a fixture with awkward names, generates projects that build and pass
 * their own tests. These point the generated projects at the workbench's installed dependencies
 * (a symlinked node_modules); the clean `npm install` a user does is in e2e.test.ts.
 * Minutes on two cores (the workshop board alone is six projects); STORMBENCH_SKIP_E2E=1 skips
 * these together with the end-to-end test.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/generate.ts';
import { parseBoard } from '../../model/board/load.ts';
import type { Board, EventElement } from '../../model/board/types.ts';
import { npmTest } from '../support/npm.ts';

const WORKBENCH_MODULES = new URL('../../node_modules', import.meta.url).pathname;

function load(path: URL): Board {
  const result = parseBoard(readFileSync(path, 'utf8'));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.board;
}

async function generateAndTest(board: Board): Promise<Array<{ dir: string; output: string }>> {
  const out = mkdtempSync(join(tmpdir(), 'sb-projects-'));
  const result = await generate(board, { out });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const outputs: Array<{ dir: string; output: string }> = [];
  for (const service of result.services) {
    symlinkSync(WORKBENCH_MODULES, join(service.dir, 'node_modules'), 'dir');
    const run = await npmTest(service.dir);
    expect(run.code, `${service.dir}\n${run.output.slice(-4000)}`).toBe(0);
    outputs.push({ dir: service.dir, output: run.output });
  }
  return outputs;
}

const examples = new URL('../../examples/', import.meta.url);
const boards = existsSync(examples)
  ? readdirSync(examples)
      .filter((f) => f.endsWith('.storm.json'))
      .sort()
  : [];

describe.skipIf(process.env.STORMBENCH_SKIP_E2E === '1')('generated projects build and pass their own tests', () => {
  for (const name of boards) {
    it(`examples/${name}`, async () => {
      const outputs = await generateAndTest(load(new URL(name, examples)));
      for (const { output } of outputs) expect(output).toMatch(/# fail 0/);
    }, 600_000);
  }

  it('a board with names in other scripts, hostile names, a missing schema and a step that needs a person', async () => {
    const board = load(new URL('./fixtures/shop.storm.json', import.meta.url));
    const rename = (id: string, name: string) => (board.elements.find((e) => e.id === id)!.name = name);
    rename('agg-order', 'Заказ');
    rename('rm-orders', '"; process.exit(1); //');
    rename('rm-invoices', '../../etc/passwd');
    rename('pol-invoice', 'constructor');
    const placed = board.elements.find((e) => e.id === 'evt-order-placed') as EventElement;
    placed.compatibility = 'NONE';
    placed.versions!.push({
      version: 3,
      schema: {
        type: 'object',
        properties: { orderId: { type: 'string' }, total: { type: 'string' } },
        required: ['orderId', 'total'],
      },
      examples: [{ orderId: 'o-3', total: '3.00' }],
    });
    delete (board.elements.find((e) => e.id === 'evt-invoice-created') as EventElement).versions;
    board.elements.find((e) => e.id === 'agg-order')!.scenarios = [];
    const out = mkdtempSync(join(tmpdir(), 'sb-awkward-'));
    const result = await generate(board, { out });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    const orders = result.services.find((s) => s.plan.contextId === 'orders')!;
    expect(orders.plan.aggregates[0]!.type).toBe('Заказ');
    expect(orders.plan.notes.map((n) => [n.code, n.elementIds])).toEqual([
      ['upcaster-needs-person', ['evt-order-placed']],
    ]);
    expect(orders.plan.notes[0]!.message).toContain('Order placed v2→v3 needs a person');
    for (const service of result.services) {
      symlinkSync(WORKBENCH_MODULES, join(service.dir, 'node_modules'), 'dir');
      const run = await npmTest(service.dir);
      // Both services read Order placed (billing through its policy), so both need the step.
      // Each builds; what fails is the upcaster nobody has written yet (and the old examples
      // that go through it), and the failure says where to write it.
      const step = service.plan.events.find((e) => e.type === 'OrderPlaced')!.steps[1]!;
      expect(step.mechanical).toBe(false);
      if (step.mechanical) continue;
      expect(run.output).not.toMatch(/error TS/);
      expect(run.output).toMatch(/# fail [1-9]/);
      expect(run.output).toContain(`the upcaster Order placed v2 → v3 (${step.file}) is not written yet`);
      expect(run.output).toMatch(/not ok \d+ - Order placed v2 → v3 is written/);
    }
  }, 600_000);
});
