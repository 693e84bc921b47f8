import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Ajv } from 'ajv/dist/ajv.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Board } from '../../model/board/types.ts';
import { exportEventCatalog } from '../../generator/export/exports.ts';
import { example } from '../support/boards.ts';
import { COLLECTIONS, EVENTCATALOG_SCHEMA_VERSION } from './eventcatalog-content-schema.ts';
import { maliciousBoard } from './malicious.ts';

// The offline half of scripts/verify-eventcatalog.ts: what a real EventCatalog build checks of the
// content (its collections' frontmatter, where it loads pages from, which references must resolve),
// without installing EventCatalog.

const root = mkdtempSync(join(tmpdir(), 'stormbench-catalog-schema-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ajv = new Ajv({ allErrors: true });
const validators = Object.fromEntries(Object.entries(COLLECTIONS).map(([name, c]) => [name, ajv.compile(c.schema)]));

function pages(dir: string, at = dir): string[] {
  return readdirSync(at).flatMap((entry) => {
    const path = join(at, entry);
    if (statSync(path).isDirectory()) return pages(dir, path);
    return path.endsWith('.mdx') ? [relative(dir, path)] : [];
  });
}

interface Page {
  file: string;
  collection: string;
  data: Record<string, any>;
}

async function exported(name: string, board: Board): Promise<{ dir: string; pages: Page[] }> {
  const dir = join(root, name);
  await exportEventCatalog(board, dir);
  return {
    dir,
    pages: pages(dir).map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
      if (!match) throw new Error(`${file}: no frontmatter`);
      return { file, collection: file.split('/')[0]!, data: parseYaml(match[1]!) as Record<string, any> };
    }),
  };
}

describe(`EventCatalog ${EVENTCATALOG_SCHEMA_VERSION} content checks`, () => {
  const boards: Array<[string, () => Board]> = [
    ['order-fulfilment', () => example('order-fulfilment')],
    ['workshop', () => example('workshop')],
    ['malicious', maliciousBoard],
  ];

  for (const [name, board] of boards) {
    it(`${name}: every page is where a collection loads it, its frontmatter valid, its references resolved`, async () => {
      const { dir, pages } = await exported(name, board());
      expect(pages.length).toBeGreaterThan(0);
      const problems: string[] = [];
      const seen = new Set<string>();
      const has = (collections: string[], id: string, version?: string) =>
        pages.some(
          (p) =>
            collections.includes(p.collection) &&
            p.data.id === id &&
            (version === undefined || version === 'latest' || p.data.version === version),
        );

      for (const { file, collection, data } of pages) {
        const spec = COLLECTIONS[collection];
        if (!spec) {
          problems.push(`${file}: EventCatalog has no collection ${collection} the export means to fill`);
          continue;
        }
        if (!spec.globs.some((g) => g.test(file)))
          problems.push(`${file}: not where the ${collection} collection loads pages from`);
        const validate = validators[collection]!;
        if (!validate(data)) problems.push(`${file}: ${ajv.errorsText(validate.errors)}`);
        // EventCatalog names each entry `${id}-${version}`; two alike would hide one.
        const key = `${collection}/${data.id}-${data.version}`;
        if (seen.has(key)) problems.push(`${file}: a second ${key}`);
        seen.add(key);
        const versioned = /\/versioned\/([^/]+)\/index\.mdx$/.exec(file);
        if (versioned && versioned[1] !== data.version)
          problems.push(`${file}: in the folder of version ${versioned[1]} but says ${data.version}`);

        const beside = (path: string) => existsSync(join(dir, dirname(file), path));
        if (data.schemaPath && !beside(data.schemaPath))
          problems.push(`${file}: schemaPath ${data.schemaPath} is not beside it`);
        for (const s of Array.isArray(data.specifications) ? data.specifications : [])
          if (!beside(s.path)) problems.push(`${file}: specification ${s.path} is not beside it`);
        for (const p of data.services ?? [])
          if (!has(['services'], p.id, p.version)) problems.push(`${file}: no service ${p.id} ${p.version}`);
        for (const p of [...(data.sends ?? []), ...(data.receives ?? [])]) {
          if (!has(['events', 'commands'], p.id, p.version))
            problems.push(`${file}: no event or command ${p.id} ${p.version}`);
          for (const c of [...(p.to ?? []), ...(p.from ?? [])])
            if (!has(['channels'], c.id, c.version)) problems.push(`${file}: no channel ${c.id}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("keeps the latest version at the top of an event's folder and the earlier ones under versioned/", async () => {
    const { pages } = await exported('versions', example('order-fulfilment'));
    const of = (id: string) =>
      pages
        .filter((p) => p.collection === 'events' && p.data.id === id)
        .map((p) => [p.file, p.data.version])
        .sort();
    expect(of('PaymentReceived')).toEqual([
      ['events/PaymentReceived/index.mdx', '3.0.0'],
      ['events/PaymentReceived/versioned/1.0.0/index.mdx', '1.0.0'],
      ['events/PaymentReceived/versioned/2.0.0/index.mdx', '2.0.0'],
    ]);
  });

  it('refuses what EventCatalog would refuse (the check can fail)', () => {
    const validate = validators.services!;
    expect(validate({ id: 'S', name: 'S', version: 1 })).toBe(false); // a version must be a string
    expect(validate({ id: 'S', name: 'S', version: '1.0.0', specifications: [{ type: 'asyncapi' }] })).toBe(false); // a path is required
    expect(validators.commands!({ id: 'C', name: 'C', version: '1.0.0', operation: { method: 'SEND' } })).toBe(false);
    expect(validators.channels!({ id: 'L', name: 'L', version: '1.0.0', parameters: { id: { description: 1 } } })).toBe(
      false,
    );
  });
});
