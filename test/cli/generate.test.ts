import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../generator/cli/main.ts';
import type { Board, EventElement } from '../../model/board/types.ts';
import type { GenerateIssue } from '../../contract/generate.ts';
import { example } from '../support/boards.ts';

const dir = mkdtempSync(join(tmpdir(), 'stormbench-generate-'));

/** The CLI in process (generation dominates; a process per run would only add start-up). */
async function generate(
  board: Board,
  name: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  writeFileSync(join(dir, name), JSON.stringify(board));
  let stdout = '';
  let stderr = '';
  const code = await main(['generate', name, ...args], {
    cwd: dir,
    color: false,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const idsOf = (issues: GenerateIssue[]) => issues.map((i) => [i.source, i.code, i.elementIds]);

describe('stormbench generate', () => {
  it('refuses a board with a lint error: the rule and sticky in words, the same as objects with --json', async () => {
    const board = example('order-fulfilment');
    (board.elements.find((e) => e.id === 'evt-order-placed') as EventElement).versions![1]!.version = 5;
    const text = await generate(board, 'gap.storm.json', ['--out', 'gap']);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(
      /^stormbench: gap\.storm\.json would make a wrong service, so nothing was generated:\n {2}- event-version-gap \("Order placed", evt-order-placed\): The event "Order placed" \(evt-order-placed\) has versions numbered 1, 5; .+ Number the versions .+\n$/,
    );
    const json = await generate(board, 'gap.storm.json', ['--out', 'gap', '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { ok: false; errors: GenerateIssue[] };
    expect(idsOf(report.errors)).toEqual([['lint', 'event-version-gap', ['evt-order-placed']]]);
    expect(existsSync(join(dir, 'gap'))).toBe(false);
  });

  it('refuses what only the planner sees, prefixed with the context in words', async () => {
    const board = example('order-fulfilment');
    board.elements.push({
      id: 'agg-invoice',
      kind: 'aggregate',
      name: 'Invoice',
      context: 'sales',
      x: 0,
      y: 1200,
      width: 160,
      height: 100,
    });
    board.links.push({ id: 'l-twice', from: 'cmd-place-order', to: 'agg-invoice' });
    const text = await generate(board, 'twice.storm.json', ['--out', 'twice']);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(
      '\n  - context "sales": the command "Place order" is handled by two aggregates (Order and Invoice); a command has one handler\n',
    );
    const json = JSON.parse((await generate(board, 'twice.storm.json', ['--out', 'twice', '--json'])).stdout) as {
      errors: GenerateIssue[];
    };
    expect(idsOf(json.errors)).toEqual([
      ['generator', 'command-with-two-aggregates', ['cmd-place-order', 'agg-order-1', 'agg-invoice']],
    ]);
  });

  it('lists what needs a person under each service, and --json carries it with codes and stickies', async () => {
    const board = example('order-fulfilment');
    board.elements.push({
      id: 'cmd-refund',
      kind: 'command',
      name: 'Refund order',
      context: 'sales',
      x: 0,
      y: 900,
      width: 160,
      height: 100,
    });
    const text = await generate(board, 'notes.storm.json', ['--out', 'notes-text', '--context', 'sales']);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(
        /^sales-service \(context sales\) → notes-text: \d+ written, 0 unchanged, 0 of yours kept$/,
      ),
      '  - the command "Refund order" has no aggregate in this context, so the service has no endpoint for it.',
      '  - scenario "a confirmed order cannot be cancelled" of Order is pending: the default decider never refuses; write the rule for CancelOrder that refuses with "already confirmed"',
    ]);
    const json = await generate(board, 'notes.storm.json', ['--out', 'notes-json', '--context', 'sales', '--json']);
    const report = JSON.parse(json.stdout) as {
      ok: true;
      services: Array<{ context: string; dir: string; written: number; needsPerson: GenerateIssue[] }>;
    };
    expect(report.services.map((s) => [s.context, s.dir, s.written])).toEqual([
      ['sales', join(dir, 'notes-json'), Number(/(\d+) written/.exec(text.stdout)![1])],
    ]);
    expect(idsOf(report.services[0]!.needsPerson)).toEqual([
      ['generator', 'command-without-aggregate', ['cmd-refund']],
      ['generator', 'scenario-pending', ['agg-order-1']],
    ]);
  }, 60_000);
});
