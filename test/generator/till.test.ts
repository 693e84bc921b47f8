/**
 * "The board is the service", for a till: money amounts (`multipleOf: 0.01`), formats, and an event
 * whose versions are written in draft-04 (boolean `exclusiveMaximum`). What `check` accepts, the
 * generated service builds, tests and serves unedited; what the workbench refuses, the service
 * refuses with the same words. The generated project uses the workbench's node_modules (symlink).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli/main.ts';
import { parseBoard } from '../../model/board/load.ts';
import type { CommandElement } from '../../model/board/types.ts';
import { compileSchema, describeAjvError } from '../../model/json-schema/ajv.ts';
import { npmTest } from '../support/npm.ts';

const BOARD = new URL('./fixtures/till.storm.json', import.meta.url).pathname;
const WORKBENCH_MODULES = new URL('../../node_modules', import.meta.url).pathname;
const SALE = '0f8fad5b-d9cb-469f-a165-70867728950e';
const children: ChildProcess[] = [];

async function cli(args: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await main(args, {
    cwd: process.cwd(),
    color: false,
    stdout: (t) => (output += t),
    stderr: (t) => (output += t),
  });
  return { code, output };
}

function start(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const data = mkdtempSync(join(tmpdir(), 'sb-till-data-'));
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: dir,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: data,
        STORM_LOG: `sqlite:${join(data, 'log.db')}`,
      },
    });
    children.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the till service did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (d) => {
      output += d;
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code) => reject(new Error(`the till service exited with ${code}:\n${output}`)));
  });
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe.skipIf(process.env.STORMBENCH_SKIP_E2E === '1')(
  'a till: what the workbench accepts, the generated service runs',
  () => {
    const out = mkdtempSync(join(tmpdir(), 'sb-till-'));
    const service = join(out, 'till-service');
    const board = parseBoard(readFileSync(BOARD, 'utf8'));
    if (!board.ok) throw new Error('the till fixture does not load');
    const schema = (board.board.elements.find((e) => e.id === 'cmd-charge-sale') as CommandElement).schema!;
    /** What the workbench says of a payload: accepted, or its reasons in the words both sides use. */
    const workbench = (payload: unknown): string[] => {
      const compiled = compileSchema(schema);
      if (!compiled.ok) throw new Error(compiled.message);
      return compiled.validate(payload) ? [] : (compiled.validate.errors ?? []).map(describeAjvError);
    };

    it('checks with no problem and generates', async () => {
      const check = await cli(['check', BOARD]);
      expect(check.output).toContain('No problems found');
      expect(check.code).toBe(0);
      const generate = await cli(['generate', BOARD, '--out', out]);
      expect(generate.code, generate.output).toBe(0);
    }, 120_000);

    it('builds and passes its own tests, the draft-04 examples and the 19.99 scenario among them', async () => {
      symlinkSync(WORKBENCH_MODULES, join(service, 'node_modules'), 'dir');
      const run = await npmTest(service);
      expect(run.code, run.output.slice(-4000)).toBe(0);
      expect(run.output).toMatch(/ok \d+ - Sale: a sale of 19\.99 is charged/);
      expect(run.output).toMatch(/ok \d+ - SaleCharged v1 example 1 reads as v2/);
      expect(run.output).toMatch(/# fail 0/);
    }, 300_000);

    it('serves the commands unedited: the same payloads accepted, the same refused with the same reasons', async () => {
      const url = await start(service);
      const send = async (body: unknown) => {
        const response = await fetch(`${url}/commands/charge-sale`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as { errors?: string[]; events?: unknown[] } };
      };
      const accepted = [
        { saleId: SALE, amount: 19.99, chargedAt: '2026-12-07T10:35:00Z' },
        {
          saleId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
          amount: 0.07,
          currency: 'CHF',
          chargedAt: '2026-12-07T10:35:00+01:00',
          receiptTo: 'ann@example.com',
        },
        { saleId: '16fd2706-8baf-433b-82eb-8c7fada847da', amount: 9999.99, chargedAt: '2026-12-07T10:35:00Z' },
      ];
      for (const payload of accepted) {
        expect(workbench(payload)).toEqual([]);
        const answer = await send(payload);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        expect(answer.body.events).toHaveLength(1);
      }
      // The log holds the amounts exactly as sent, and the event's default (draft-04 schema) filled in.
      const log = (await (await fetch(`${url}/events?after=0&limit=100`)).json()) as {
        events: Array<{ type: string; data: { amount: number; currency: string } }>;
      };
      expect(log.events.map((e) => [e.type, e.data.amount, e.data.currency])).toEqual([
        ['SaleCharged', 19.99, 'EUR'],
        ['SaleCharged', 0.07, 'CHF'],
        ['SaleCharged', 9999.99, 'EUR'],
      ]);
      const refused = [
        { saleId: SALE, amount: 19.999, chargedAt: '2026-12-07T10:35:00Z' },
        { saleId: SALE, amount: 10000, chargedAt: '2026-12-07T10:35:00Z' },
        { saleId: SALE, amount: 0, chargedAt: '2026-12-07T10:35:00Z' },
        { saleId: 'not-a-uuid', amount: 1, chargedAt: 'yesterday', receiptTo: 'ann@' },
        { saleId: SALE, amount: 1, currency: 'USD', chargedAt: '2026-12-07T10:35:00Z' },
        { saleId: SALE, amount: '19.99', chargedAt: '2026-12-07T10:35:00Z' },
      ];
      for (const payload of refused) {
        const reasons = workbench(payload);
        expect(reasons.length, JSON.stringify(payload)).toBeGreaterThan(0);
        const answer = await send(payload);
        expect(answer.status, JSON.stringify(payload)).toBe(400);
        expect(answer.body.errors, JSON.stringify(payload)).toEqual(reasons);
      }
    }, 60_000);
  },
);
