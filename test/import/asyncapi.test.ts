import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBoard } from '../../model/board/load.ts';
import type { EventElement } from '../../model/board/types.ts';
import { lintBoard } from '../../model/lint/lint.ts';
import { ROOT } from '../support/boards.ts';
import { hasStack, stormbench } from '../support/cli.ts';
import { runCli } from '../export/run-cli.ts';

const FIXTURE = `${ROOT}test/import/fixtures/streetlights-2.6.yaml`;
const dir = mkdtempSync(join(tmpdir(), 'stormbench-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stormbench import asyncapi', () => {
  it('makes a board from an AsyncAPI 2.6 YAML document: messages become events with their schema as version 1', () => {
    const out = join(dir, 'streetlights.storm.json');
    const run = stormbench(['import', 'asyncapi', FIXTURE, '--out', out]);
    expect(run.stderr).toContain('Wrote');
    expect(run.code).toBe(0);
    const loaded = parseBoard(readFileSync(out, 'utf8'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const board = loaded.board;
    expect(board.name).toBe('Streetlights');
    expect(board.contexts.map((c) => [c.id, c.name])).toEqual([['streetlights', 'Streetlights']]);
    const events = board.elements.filter((e): e is EventElement => e.kind === 'event');
    expect(events.map((e) => e.name)).toEqual(['Light measured', 'lightFaulted', 'Turn on requested']);
    const measured = events[0]!;
    expect(measured.versions).toEqual([
      {
        version: 1,
        // The $ref into components/schemas is copied in, so the board's schema stands on its own.
        schema: {
          type: 'object',
          properties: { lumens: { type: 'integer', minimum: 0 }, sentAt: { type: 'string', format: 'date-time' } },
          required: ['lumens'],
        },
        examples: [{ lumens: 3, sentAt: '2026-01-01T00:00:00Z' }],
      },
    ]);
    // A timeline per channel: both messages of the first channel on one row, the next channel below.
    expect(events[0]!.y).toBe(events[1]!.y);
    expect(events[1]!.x).toBeGreaterThan(events[0]!.x);
    expect(events[2]!.y).toBeGreaterThan(events[0]!.y);
    // Every sticky sits inside its context frame.
    const frame = board.contexts[0]!;
    for (const e of events) {
      expect(e.x + e.width).toBeLessThanOrEqual(frame.x + frame.width);
      expect(e.y + e.height).toBeLessThanOrEqual(frame.y + frame.height);
    }
    expect(lintBoard(board).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('refuses to overwrite a board unless --force is given', async () => {
    const out = join(dir, 'exists.storm.json');
    writeFileSync(out, 'keep me');
    const run = await runCli(['import', 'asyncapi', FIXTURE, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/already exists; give --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect((await runCli(['import', 'asyncapi', FIXTURE, '--out', out, '--force'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('"format": "stormbench.board"');
  });

  it('prints the board to stdout without --out', async () => {
    const run = await runCli(['import', 'asyncapi', FIXTURE]);
    expect(run.code).toBe(0);
    expect(parseBoard(run.stdout).ok).toBe(true);
  });

  it("rejects what is not AsyncAPI with the parser's first diagnostics, exit 2, no stack", async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['garbage.yaml', 'this: is: not: yaml: [', /garbage\.yaml/],
      [
        'openapi.json',
        JSON.stringify({ openapi: '3.1.0', info: { title: 'x', version: '1' }, paths: {} }),
        /openapi\.json.*(AsyncAPI|asyncapi)/i,
      ],
      ['broken.yaml', 'asyncapi: 3.0.0\ninfo:\n  title: x\n', /broken\.yaml:\d+:\d+: .*version/],
      [
        'remote.yaml',
        "asyncapi: 2.6.0\ninfo: { title: x, version: 1.0.0 }\nchannels:\n  a:\n    subscribe:\n      message:\n        payload:\n          $ref: 'https://example.com/s.json'\n",
        /remote\.yaml:8:11: .*does not fetch remote references/,
      ],
    ];
    for (const [name, text, expected] of cases) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const run = await runCli(['import', 'asyncapi', file, '--out', join(dir, `${name}.storm.json`)]);
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toMatch(expected);
      expect(run.stderr.split('\n').filter((l) => l !== '').length, name).toBeLessThanOrEqual(5);
      expect(hasStack(run.stderr), name).toBe(false);
      expect(existsSync(join(dir, `${name}.storm.json`)), name).toBe(false);
    }
  });

  it('explains a missing file and a missing format', async () => {
    const missing = await runCli(['import', 'asyncapi', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    const noFormat = await runCli(['import', FIXTURE]);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toMatch(/Unknown import format/);
  });
});
