import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, MAX_NESTING, MAX_YAML_ALIASES } from '../../generator/io/limits.ts';
import { hasStack, stormbench } from '../support/cli.ts';
import { runCli } from '../export/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'stormbench-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = 'asyncapi: 2.6.0\ninfo: {title: x, version: 1.0.0}\nchannels: {}\n';

/** "Billion laughs": nine levels of nine aliases each, 9^9 strings once expanded. */
function aliasBomb(): string {
  const names = 'abcdefghi';
  const lines = [HEAD.trimEnd(), `x-a: &a [${Array(9).fill('"lol"').join(',')}]`];
  for (let i = 1; i < names.length; i++)
    lines.push(
      `x-${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]`,
    );
  return `${lines.join('\n')}\n`;
}

function expectOneSentence(run: { code: number | null; stderr: string }, reason: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(reason);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(hasStack(run.stderr)).toBe(false);
}

describe('import asyncapi: limits checked before anything expands', () => {
  it('refuses a YAML alias bomb at once, in one sentence, with the alias limit', () => {
    const file = join(dir, 'bomb.yaml');
    const bomb = aliasBomb();
    expect(bomb.length).toBeLessThanOrEqual(501);
    writeFileSync(file, bomb);
    // Before: 147 s and 4.3 GB, then V8's out-of-memory dump. A real process with a small heap
    // and a deadline, so that a regression fails here instead of taking the machine down.
    const started = Date.now();
    const run = stormbench(['import', 'asyncapi', file], dir, { timeout: 25_000, heapMb: 256 });
    expectOneSentence(run, new RegExp(`bomb\\.yaml: uses YAML aliases .*more than ${MAX_YAML_ALIASES} times`));
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it('refuses nesting deeper than the limit, in flow or block style, without a stack', async () => {
    const cases: Array<[string, string]> = [
      ['flow.yaml', `${HEAD}x-deep: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`],
      ['dashes.yaml', `${HEAD}x-deep:\n  ${'- '.repeat(100_000)}x\n`],
      ['indented.yaml', `${HEAD}${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n')} x\n`],
      ['deep.json', `{"asyncapi":"2.6.0","x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`],
    ];
    for (const [name, text] of cases) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const started = Date.now();
      const run = await runCli(['import', 'asyncapi', file]);
      expectOneSentence(
        run,
        new RegExp(`${name.replace('.', '\\.')}:\\d+:\\d+: nests lists or maps more than ${MAX_NESTING} levels deep`),
      );
      expect(Date.now() - started, name).toBeLessThan(5_000);
    }
  });

  it('refuses a document larger than the limit, and a device that never ends, naming the limit', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `${HEAD}x-pad: "${'x'.repeat(MAX_DOCUMENT_BYTES)}"\n`);
    expectOneSentence(
      await runCli(['import', 'asyncapi', big]),
      /big\.yaml: is larger than 16 MB, the most Stormbench reads as an AsyncAPI document/,
    );
    expectOneSentence(await runCli(['import', 'asyncapi', '/dev/zero']), /\/dev\/zero: is larger than 16 MB/);
  });
});
