import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/generate.ts';
import { writtenRules } from '../../generator/written-rules.ts';
import { parseBoard } from '../../model/board/load.ts';

describe('which rules the user has written', () => {
  it('reads the entries of `rules`, not the commented-out stubs; undefined where it cannot tell', () => {
    expect(
      writtenRules(
        "export const rules: R = {\n  PlaceOrder: (c, s) => [],\n  'CancelOrder'(c, s) { return []; },\n  ['ShipOrder']: ship,\n  // PayOrder: (command, state) => defaultDecide(command),\n};",
      ),
    ).toEqual(['PlaceOrder', 'CancelOrder', 'ShipOrder']);
    expect(writtenRules('export const rules: R = {};')).toEqual([]);
    expect(writtenRules('export const rules: R = { ...shared };')).toBeUndefined();
    expect(writtenRules('export const rules = makeRules();')).toBeUndefined();
  });

  it("generate stops asking for a scenario's rule once the domain file has it, in its notes and in the README", async () => {
    const parsed = parseBoard(
      readFileSync(new URL('../../examples/order-fulfilment.storm.json', import.meta.url), 'utf8'),
    );
    if (!parsed.ok) throw new Error('the example does not load');
    const out = mkdtempSync(join(tmpdir(), 'sb-rules-'));
    const run = async () => {
      const result = await generate(parsed.board, { out });
      if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
      const sales = result.services.find((s) => s.plan.contextId === 'sales')!;
      return {
        pending: sales.needsPerson.filter((n) => n.code === 'scenario-pending').map((n) => n.message),
        readme: readFileSync(join(sales.dir, 'README.md'), 'utf8'),
        dir: sales.dir,
      };
    };
    const first = await run();
    expect(first.pending).toEqual([expect.stringContaining('write the rule for CancelOrder')]);
    expect(first.readme).toContain('write the rule for CancelOrder');
    const domain = join(first.dir, 'src/domain/order.ts');
    const created = readFileSync(domain, 'utf8');
    writeFileSync(
      domain,
      created.replace(
        'export const rules: OrderRules = {}',
        'export const rules: OrderRules = {\n  // CancelOrder: (command, state) => defaultDecide(command),\n}',
      ),
    );
    expect((await run()).pending).toHaveLength(1);
    writeFileSync(
      domain,
      created.replace(
        'export const rules: OrderRules = {}',
        "export const rules: OrderRules = {\n  CancelOrder: (command, state) => {\n    if (state.happened.OrderConfirmed) throw new RuleViolation('already confirmed');\n    return defaultDecide(command);\n  },\n}",
      ),
    );
    const after = await run();
    expect(after.pending).toEqual([]);
    expect(after.readme).not.toContain('write the rule for CancelOrder');
  }, 60_000);
});
