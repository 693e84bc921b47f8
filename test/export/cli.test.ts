import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasStack, stormbench } from '../support/cli.ts';
import { runCli } from './run-cli.ts';

const BOARD = 'examples/order-fulfilment.storm.json';
const dir = mkdtempSync(join(tmpdir(), 'stormbench-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stormbench export', () => {
  it("prints one context's AsyncAPI document, or writes all of them into a folder", async () => {
    const one = stormbench(['export', 'asyncapi', BOARD, '--context', 'payments']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ asyncapi: '3.0.0', info: { title: 'Payments' } });
    const all = await runCli(['export', 'asyncapi', BOARD, '--out', join(dir, 'asyncapi')]);
    expect(all.code).toBe(0);
    expect(readdirSync(join(dir, 'asyncapi')).sort()).toEqual([
      'payments-service.asyncapi.json',
      'sales-service.asyncapi.json',
      'shipping-service.asyncapi.json',
    ]);
  });

  it('says what to do instead of guessing (exit 2, one sentence, no stack)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', 'asyncapi', BOARD], /3 contexts .*--context ID.*--out DIR/],
      [['export', 'asyncapi', BOARD, '--context', 'nope'], /no context with id "nope".*sales, payments, shipping/],
      [['export', 'eventcatalog', BOARD], /needs --out DIR/],
      [['export', 'pdf', BOARD], /Unknown export format "pdf"/],
      [['export', 'report', join(dir, 'broken.storm.json'), '--out', join(dir, 'r')], /broken\.storm\.json:\d+:\d+: /],
    ];
    writeFileSync(join(dir, 'broken.storm.json'), '{ "format": "stormbench.board", ');
    for (const [args, expected] of cases) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(expected);
      expect(hasStack(run.stderr)).toBe(false);
    }
  });

  it('writes the report and the catalog where --out says', async () => {
    expect((await runCli(['export', 'report', BOARD, '--out', join(dir, 'report')])).code).toBe(0);
    expect(readFileSync(join(dir, 'report', 'index.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect((await runCli(['export', 'eventcatalog', BOARD, '--out', join(dir, 'catalog')])).code).toBe(0);
    expect(readdirSync(join(dir, 'catalog')).sort()).toEqual(['channels', 'commands', 'domains', 'events', 'services']);
  });
});
