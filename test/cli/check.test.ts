import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeBoard } from '../../model/board/serialize.ts';
import { example } from '../support/boards.ts';
import { hasStack, stormbench } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'stormbench-check-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('stormbench check', () => {
  it('passes every example (exit 0) with a readable report', () => {
    for (const name of ['small', 'order-fulfilment', 'workshop']) {
      const run = stormbench(['check', `examples/${name}.storm.json`]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/: 0 errors, \d+ warnings?, \d+ info/);
    }
  });

  it('exits 1 on lint errors and lists severity, rule, element and fix', () => {
    const board = example('small');
    board.elements[4]!.name = '42';
    const run = stormbench(['check', file('lint-error.storm.json', serializeBoard(board))]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1 error');
    expect(run.stdout).toMatch(/error +name-not-identifier +"42" \(rm-orders-board\) +at \/elements\/4/);
    expect(run.stdout).toContain('Fix: ');
  });

  it('prints one JSON document with --json', () => {
    const run = stormbench(['check', '--json', 'examples/order-fulfilment.storm.json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      boards: Array<{
        ok: boolean;
        summary: { error: number };
        problems: Array<{ rule: string; severity: string; fix: string }>;
      }>;
    };
    expect(report.boards[0]!.ok).toBe(true);
    expect(report.boards[0]!.summary.error).toBe(0);
    expect(report.boards[0]!.problems.every((p) => p.rule && p.severity && p.fix)).toBe(true);
  });

  it.each([
    [
      'syntax',
      '{\n  "format": "stormbench.board",\n  "name": 1,,\n}',
      /:3:13: The file is not valid JSON: a property name/,
    ],
    ['not a board', '{"hello": "world"}', /not a Stormbench board/],
    ['too new', '{"format": "stormbench.board", "formatVersion": 99}', /newer Stormbench \(formatVersion 99\)/],
    [
      'schema',
      serializeBoard({ ...example('small'), name: 5 } as never),
      /:4:\d+: The board has "name" set to 5, of the wrong type: it must be string/,
    ],
    [
      'dangling link',
      serializeBoard({ ...example('small'), links: [{ id: 'l9', from: 'actor-guest', to: 'ghost' }] }),
      /The link l9 points to "ghost", but no element has that id/,
    ],
    ['empty file', '', /not valid JSON/],
  ])('exits 2 on a broken file (%s), names where, leaves it untouched', (name, text, expected) => {
    const path = file(`${name.replace(/ /g, '-')}.storm.json`, text);
    const run = stormbench(['check', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stderr.startsWith(path)).toBe(true);
    expect(hasStack(run.stderr)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('exits 2 on a missing file, bad flags and unknown commands, in one line', () => {
    for (const [args, expected] of [
      [['check', 'nope.storm.json'], /nope\.storm\.json: no such file/],
      [['check'], /check needs a board file/],
      [['check', '--jsn', 'examples/small.storm.json'], /Unknown option '--jsn'/],
      [['chek', 'x'], /Unknown command "chek"\. Did you mean "check"\?/],
      [['check', 'examples'], /is a directory/],
    ] as const) {
      const run = stormbench([...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(expected);
      expect(hasStack(run.stderr)).toBe(false);
    }
  });

  it('shows help', () => {
    const run = stormbench(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('check');
    expect(stormbench(['check', '--help']).stdout).toContain('Exit codes');
  });
});
