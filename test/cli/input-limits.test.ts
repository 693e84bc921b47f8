import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasStack, stormbench } from '../support/cli.ts';
import { runCli } from '../export/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'stormbench-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectOneSentence(run: { code: number | null; stderr: string }, reason: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(reason);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(hasStack(run.stderr)).toBe(false);
}

describe('input files are read only up to their limit', () => {
  it('refuses a device that never ends as a board, in a sentence with the limit, without reading a gigabyte first', () => {
    // Before: 1.18 GB read from /dev/urandom, then a failure. A small heap turns that into a crash here.
    for (const args of [
      ['check', '/dev/urandom'],
      ['export', 'report', '/dev/zero', '--out', join(dir, 'r')],
    ]) {
      const run = stormbench(args, dir, { timeout: 25_000, heapMb: 192 });
      expectOneSentence(run, /\/dev\/(urandom|zero): is larger than 64 MB, the most Stormbench reads as a board file/);
    }
  });

  it('refuses a schema file larger than its limit, and one nested past the limit, in a sentence', async () => {
    expectOneSentence(
      await runCli(['schema', 'diff', '/dev/zero', '/dev/zero']),
      /\/dev\/zero: is larger than 16 MB, the most Stormbench reads as a JSON Schema file/,
    );
    const deep = join(dir, 'deep.schema.json');
    writeFileSync(deep, `{"type":"object","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expectOneSentence(
      await runCli(['schema', 'diff', deep, deep]),
      /deep\.schema\.json: nests arrays or objects more than 256 levels deep/,
    );
  });
});
