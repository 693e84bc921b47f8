import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asyncApiParser } from '../../generator/export/asyncapi-parser.ts';
import { withRefScope } from '../../generator/export/asyncapi-resolver.ts';
import { hasStack } from '../support/cli.ts';
import { runCli } from '../export/run-cli.ts';

// Every spelling the red team used to get a remote `$ref` past the old regex over the raw text.
// A local server stands in for "the network": the importer must never contact it.
const dir = mkdtempSync(join(tmpdir(), 'stormbench-refs-'));
const outside = mkdtempSync(join(tmpdir(), 'stormbench-refs-outside-'));
const SECRET = 'only-outside-the-folder';
const hits: string[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ type: 'object', properties: { [SECRET]: { type: 'string' } } }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeFileSync(
    join(outside, 'secret.json'),
    JSON.stringify({ type: 'object', properties: { [SECRET]: { type: 'string' } } }),
  );
});
beforeEach(() => {
  hits.length = 0;
});
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const HEAD =
  'asyncapi: 2.6.0\ninfo: { title: x, version: 1.0.0 }\nchannels:\n  lights:\n    subscribe:\n      message:\n        payload:\n';

function yamlWith(payload: string, before = ''): string {
  return `${before}${HEAD}${payload}`;
}

async function importFile(name: string, text: string, folder = dir) {
  const file = join(folder, name);
  writeFileSync(file, text);
  return runCli(['import', 'asyncapi', file]);
}

function expectRefused(run: { code: number; stdout: string; stderr: string }, reason: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(reason);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(hasStack(run.stderr)).toBe(false);
  expect(run.stdout).not.toContain(SECRET);
}

describe('import asyncapi: $refs that leave the document', () => {
  const remote =
    /:\d+:\d+: the document refers to http:\/\/127\.0\.0\.1:\d+\/\w+, and Stormbench does not fetch remote references/;

  it('refuses a remote $ref written as a folded scalar, without contacting it', async () => {
    expectRefused(
      await importFile('folded.yaml', yamlWith(`          $ref: >-\n            ${base}/folded\n`)),
      remote,
    );
    expect(hits).toEqual([]);
  });

  it('refuses a remote $ref reached through an anchor and alias', async () => {
    expectRefused(
      await importFile('alias.yaml', yamlWith('          $ref: *where\n', `x-where: &where ${base}/alias\n`)),
      remote,
    );
    expect(hits).toEqual([]);
  });

  it('refuses a remote $ref with a !!str tag', async () => {
    expectRefused(await importFile('tag.yaml', yamlWith(`          $ref: !!str ${base}/tag\n`)), remote);
    expect(hits).toEqual([]);
  });

  it('refuses a remote $ref under an escaped key ("\\x24ref")', async () => {
    expectRefused(await importFile('escaped.yaml', yamlWith(`          "\\x24ref": ${base}/escaped\n`)), remote);
    expect(hits).toEqual([]);
  });

  it('refuses a remote $ref spelled \\u0024ref in JSON', async () => {
    const json = `{"asyncapi":"2.6.0","info":{"title":"x","version":"1.0.0"},"channels":{"lights":{"subscribe":{"message":{"payload":{"\\u0024ref":"${base}/json"}}}}}}`;
    expectRefused(await importFile('escaped.json', json), remote);
    expect(hits).toEqual([]);
  });

  it('refuses an absolute path, a path out through "..", a file: URL and a link out of the folder, reading none of them', async () => {
    const secret = join(outside, 'secret.json');
    const inner = join(dir, 'inner');
    mkdirSync(inner, { recursive: true });
    symlinkSync(secret, join(inner, 'linked.json'));
    const cases: Array<[string, string, RegExp]> = [
      [
        'absolute.yaml',
        `          $ref: ${secret}\n`,
        /an absolute path, and Stormbench reads no file outside the document's folder/,
      ],
      [
        'dotdot.yaml',
        `          $ref: ../../${outside.split('/').pop()}/secret.json\n`,
        /lies outside the document's folder/,
      ],
      [
        'encoded.yaml',
        `          $ref: ..%2F..%2F${outside.split('/').pop()}%2Fsecret.json\n`,
        /lies outside the document's folder/,
      ],
      ['file-url.yaml', `          $ref: file://${secret}\n`, /does not fetch remote references/],
      ['linked.yaml', '          $ref: ./linked.json\n', /lies outside the document's folder/],
    ];
    for (const [name, payload, reason] of cases) {
      const run = await importFile(name, yamlWith(payload), inner);
      expect(run.code, name).toBe(2);
      expectRefused(run, reason);
    }
  });

  it('still reads a schema file beside the document', async () => {
    const beside = join(dir, 'beside');
    mkdirSync(beside, { recursive: true });
    writeFileSync(
      join(beside, 'light.json'),
      JSON.stringify({ type: 'object', properties: { lumens: { type: 'integer' } } }),
    );
    const run = await importFile('beside.yaml', yamlWith('          $ref: ./light.json\n'), beside);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('the AsyncAPI parser on its own: its resolver reaches no network and no file outside the folder', () => {
  // The second lock: what the parser does if a $ref ever got past the check on the parsed value.
  async function parse(payload: string, folder: string | undefined) {
    const scope = { ...(folder !== undefined ? { folder } : {}), refused: [] as string[] };
    const source = folder !== undefined ? join(folder, 'doc.yaml') : undefined;
    const output = await withRefScope(scope, async () =>
      (await asyncApiParser()).parse(yamlWith(payload), source ? { source } : {}),
    );
    return { scope, output };
  }

  it('answers a remote $ref with nothing and reports it', async () => {
    const { scope } = await parse(`          $ref: ${base}/direct\n`, dir);
    expect(hits).toEqual([]);
    expect(scope.refused).toEqual([expect.stringContaining('does not fetch remote references')]);
  });

  it('reads no file outside the folder (through ".." or a link), nor any file without one', async () => {
    const secret = join(outside, 'secret.json');
    const folder = join(dir, 'parser-only');
    mkdirSync(folder, { recursive: true });
    symlinkSync(secret, join(folder, 'linked.json'));
    for (const ref of [`../../${outside.split('/').pop()}/secret.json`, './linked.json']) {
      const { scope, output } = await parse(`          $ref: ${ref}\n`, folder);
      expect(scope.refused, ref).toEqual([expect.stringContaining("outside the document's folder")]);
      expect(JSON.stringify(output.document?.json() ?? {}), ref).not.toContain(SECRET);
    }
    const none = await parse(`          $ref: ${secret}\n`, undefined);
    expect(none.scope.refused).toEqual([expect.stringContaining('may only refer inside itself')]);
  });
});
