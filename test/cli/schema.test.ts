import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../generator/cli/main.ts';
import type { CliIO } from '../../generator/cli/io.ts';
import { hasStack, stormbench } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'stormbench-schema-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Runs the command in-process, with buffers for stdout and stderr. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, color: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const v1 = {
  type: 'object',
  properties: { orderId: { type: 'string' }, total: { type: 'number' } },
  required: ['orderId', 'total'],
  additionalProperties: false,
};
const v2 = {
  ...v1,
  properties: { ...v1.properties, currency: { type: 'string' } },
  required: ['orderId', 'total', 'currency'],
};
const v2opt = { ...v1, properties: { ...v1.properties, note: { type: 'string' } } };
file('v1.json', v1);
file('v2.json', v2);
file('v2opt.json', v2opt);

describe('stormbench schema diff', () => {
  it('exits 1 on an incompatible change and says what and where', async () => {
    const r = await run('schema', 'diff', 'v1.json', 'v2.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('v1.json -> v2.json: INCOMPATIBLE under BACKWARD (lenient policy), 1 difference');
    expect(r.stdout).toMatch(/BREAKS +REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL +#\/properties\/currency/);
    expect(r.stdout).toContain('old events do not have it');
  });

  it('exits 0 on a compatible change, and honours --mode', async () => {
    expect((await run('schema', 'diff', 'v1.json', 'v2opt.json')).code).toBe(0);
    const forward = await run('schema', 'diff', 'v1.json', 'v2opt.json', '--mode', 'FORWARD');
    expect(forward.code).toBe(1);
    expect(forward.stdout).toContain('OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL');
    expect((await run('schema', 'diff', 'v1.json', 'v2.json', '--mode', 'NONE')).code).toBe(0);
    expect((await run('schema', 'diff', 'v1.json', 'v2.json', '--mode', 'full_transitive')).code).toBe(1);
  });

  it('applies the policy', async () => {
    const open1 = file('open1.json', { type: 'object', properties: { a: { type: 'string' } } });
    const open2 = file('open2.json', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } });
    expect((await run('schema', 'diff', open1, open2)).code).toBe(0);
    const strict = await run('schema', 'diff', open1, open2, '--policy', 'strict');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('(strict policy)');
  });

  it('prints exactly one JSON document with --json', async () => {
    const r = await run('schema', 'diff', 'v1.json', 'v2.json', '--json');
    const report = JSON.parse(r.stdout) as {
      compatible: boolean;
      mode: string;
      policy: string;
      differences: Array<Record<string, unknown>>;
    };
    expect(report).toMatchObject({ compatible: false, mode: 'BACKWARD', policy: 'lenient' });
    expect(report.differences).toEqual([
      expect.objectContaining({
        type: 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
        path: '#/properties/currency',
        compatible: false,
        message: expect.any(String),
      }),
    ]);
  });

  it('marks a pattern change it cannot decide as needing review', async () => {
    const a = file('p1.json', { type: 'string', pattern: '^[a-z]+$' });
    const b = file('p2.json', { type: 'string', pattern: '^[a-z0-9]+$' });
    const r = await run('schema', 'diff', a, b);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('needs review');
  });

  it('reads a draft-07 tuple without "$schema" as draft-07, says so, and judges it', async () => {
    const pair = (items: unknown[]) => ({
      type: 'object',
      properties: { pair: { type: 'array', items, additionalItems: false } },
    });
    file('t1.json', pair([{ type: 'string' }, { type: 'number' }]));
    file('t2.json', pair([{ type: 'string' }, { type: 'number' }, { type: 'number' }]));
    const [a, b] = ['t1.json', 't2.json'];
    const r = await run('schema', 'diff', a, b);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0); // a position added to a closed tuple: old pairs still fit
    expect(r.stdout).toContain(
      'note: t1.json is read as draft-07: it names no "$schema", and its "items" at #/properties/pair/items is a list of schemas (a tuple)',
    );
    expect(r.stdout).toContain('note: t2.json is read as draft-07');
    expect(r.stdout).toMatch(/ok +ITEM_ADDED_TO_CLOSED_CONTENT_MODEL +#\/properties\/pair\/prefixItems\/2/);
    const forward = await run('schema', 'diff', a, b, '--mode', 'FORWARD', '--json');
    expect(forward.code).toBe(1);
    expect(JSON.parse(forward.stdout).drafts.old).toEqual({
      draft: 'draft-07',
      inferredFrom: { keyword: 'items', pointer: '#/properties/pair/items' },
    });
  });

  it('refuses a tuple under an explicit 2020-12 "$schema" once, not once per meta-schema branch', async () => {
    const bad = file('t2020.json', {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      items: [{ type: 'string' }, { type: 'number' }],
    });
    const r = await run('schema', 'diff', 'v1.json', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/t2020\.json: is not a valid JSON Schema: #\/items must be object,boolean\.\n$/);
  });

  it('answers bad input with exit 2 and one sentence', async () => {
    const cases: Array<[string, RegExp]> = [
      [
        file('bad.json', '{ nope'),
        /^stormbench: .*bad\.json: is not JSON \(.*\); a schema file must hold one JSON Schema document\.\n$/,
      ],
      [
        file('array.json', [1, 2]),
        /array\.json: is not a JSON Schema: it must be an object or a boolean, not an array\.\n$/,
      ],
      [
        file('typo.json', { type: 'strin' }),
        /typo\.json: is not a valid JSON Schema: #\/type must be equal to one of the allowed values\.\n$/,
      ],
      [
        file('dangling.json', { type: 'object', properties: { a: { $ref: '#/$defs/money' } } }),
        /dangling\.json: has a "\$ref" to "#\/\$defs\/money", which points nowhere in the schema; add that definition or fix the reference\.\n$/,
      ],
      ['missing.json', /missing\.json: no such file/],
    ];
    for (const [path, message] of cases) {
      const r = await run('schema', 'diff', 'v1.json', path);
      expect(r.code, path).toBe(2);
      expect(r.stdout, path).toBe('');
      expect(r.stderr, path).toMatch(message);
      expect(r.stderr.trim().split('\n'), path).toHaveLength(1);
    }
  });

  it('rejects bad arguments with exit 2', async () => {
    expect((await run('schema', 'diff', 'v1.json')).code).toBe(2);
    expect((await run('schema', 'diff', 'v1.json', 'v2.json', '--mode', 'SIDEWAYS')).stderr).toContain(
      'is not a compatibility level',
    );
    expect((await run('schema', 'diff', 'v1.json', 'v2.json', '--policy', 'loose')).stderr).toContain(
      'use "lenient" or "strict"',
    );
    expect((await run('schema', 'nope')).stderr).toContain('use "diff" or "history"');
  });

  it('runs as a real process with the right exit codes and no stack', () => {
    const bad = stormbench(['schema', 'diff', join(dir, 'v1.json'), join(dir, 'dangling.json')]);
    expect(bad.code).toBe(2);
    expect(hasStack(bad.stderr)).toBe(false);
    const broken = stormbench(['schema', 'diff', join(dir, 'v1.json'), join(dir, 'v2.json'), '--json']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).compatible).toBe(false);
  });
});

describe('stormbench schema history', () => {
  const board = JSON.parse(readFileSync('examples/order-fulfilment.storm.json', 'utf8')) as {
    elements: Array<Record<string, unknown>>;
  };

  it('checks an event of an example by name and by id', async () => {
    const byName = await run(
      'schema',
      'history',
      join(process.cwd(), 'examples/order-fulfilment.storm.json'),
      'Payment received',
    );
    expect(byName.code).toBe(0);
    expect(byName.stdout).toContain('level BACKWARD_TRANSITIVE');
    expect(byName.stdout).toContain('v1 -> v3');
    const byId = await run(
      'schema',
      'history',
      join(process.cwd(), 'examples/order-fulfilment.storm.json'),
      'evt-order-placed',
      '--json',
    );
    const json = JSON.parse(byId.stdout) as {
      event: { id: string };
      compatible: boolean;
      steps: Array<{ from: number; to: number; report: { differences: unknown[] } }>;
    };
    expect(json.event.id).toBe('evt-order-placed');
    expect(json.steps.map((s) => [s.from, s.to])).toEqual([[1, 2]]);
  });

  it('exits 1 when the history breaks its level, naming the versions', async () => {
    const event = board.elements.find((e) => e.id === 'evt-order-placed')!;
    const versions = event.versions as Array<{ version: number; schema: Record<string, unknown> }>;
    const last = versions[1]!.schema;
    versions.push({
      version: 3,
      schema: {
        ...last,
        properties: { ...(last.properties as object), channel: { type: 'string' } },
        required: [...((last.required as string[]) ?? []), 'channel'],
      },
    });
    const path = file('broken.storm.json', board);
    const r = await run('schema', 'history', path, 'Order placed');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('BREAKS ITS LEVEL');
    expect(r.stdout).toMatch(/v2 -> v3: INCOMPATIBLE/);
  });

  describe('on an event whose stickies set different levels', () => {
    /** The example, with Order placed's history breaking FORWARD only, and levels as given. */
    function levels(history: string | undefined, other: string): string {
      const copy = JSON.parse(readFileSync('examples/order-fulfilment.storm.json', 'utf8')) as {
        elements: Array<Record<string, unknown>>;
      };
      const placed = copy.elements.find((e) => e.id === 'evt-order-placed')!;
      placed.versions = [
        { version: 1, schema: v1 },
        { version: 2, schema: v2opt },
      ];
      if (history === undefined) delete placed.compatibility;
      else placed.compatibility = history;
      copy.elements.find((e) => e.id === 'evt-order-placed-p')!.compatibility = other;
      return file(`levels-${history}-${other}.storm.json`, copy);
    }
    const problems = (path: string) =>
      (
        JSON.parse(stormbench(['check', '--json', path]).stdout) as {
          boards: Array<{ problems: Array<{ rule: string; message: string }> }>;
        }
      ).boards[0]!.problems;

    it('check and schema history hold the history to the same level, set on the other sticky', async () => {
      const path = levels(undefined, 'FORWARD');
      const breaks = problems(path).filter((p) => p.rule === 'schema-history-breaks-level');
      expect(breaks.map((p) => p.message)).toEqual([
        expect.stringContaining('breaks its FORWARD compatibility from version 1 to version 2'),
      ]);
      const r = await run('schema', 'history', path, 'evt-order-placed');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        'level FORWARD (set on "Order placed" (evt-order-placed-p)), lenient policy: BREAKS ITS LEVEL',
      );
      expect(JSON.parse((await run('schema', 'history', path, 'Order placed', '--json')).stdout)).toMatchObject({
        level: 'FORWARD',
        levelFrom: 'evt-order-placed-p',
        compatible: false,
      });
    });

    it("when both set one, the history sticky's applies and event-versions-conflict names both", async () => {
      const path = levels('BACKWARD', 'FORWARD');
      const found = problems(path);
      expect(found.filter((p) => p.rule === 'schema-history-breaks-level')).toEqual([]);
      expect(found.filter((p) => p.rule === 'event-versions-conflict').map((p) => p.message)).toEqual([
        'The event sticky "Order placed" (evt-order-placed-p) sets the compatibility level FORWARD, but "Order placed" (evt-order-placed) sets BACKWARD, the level the event OrderPlaced\'s history is held to.',
      ]);
      const r = await run('schema', 'history', path, 'evt-order-placed-p');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(
        '"Order placed" (evt-order-placed): 2 versions, level BACKWARD, lenient policy: compatible',
      );
    });
  });

  it('notes each version read as draft-07 once', async () => {
    const copy = JSON.parse(JSON.stringify(board)) as typeof board;
    const event = copy.elements.find((e) => e.id === 'evt-order-placed')!;
    const tuple = (n: number) => ({
      type: 'object',
      properties: {
        pair: { type: 'array', items: Array.from({ length: n }, () => ({ type: 'string' })), additionalItems: false },
      },
    });
    event.versions = [
      { version: 1, schema: tuple(1) },
      { version: 2, schema: tuple(2) },
    ];
    event.compatibility = 'BACKWARD';
    const r = await run('schema', 'history', file('tuples.storm.json', copy), 'Order placed');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/note: v1 is read as draft-07/g)).toHaveLength(1);
    expect(r.stdout.match(/note: v2 is read as draft-07/g)).toHaveLength(1);
  });

  it('says which events exist when the name matches none (exit 2)', async () => {
    const r = await run(
      'schema',
      'history',
      join(process.cwd(), 'examples/order-fulfilment.storm.json'),
      'Order shipped',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no event with the id or name "Order shipped"');
  });
});
