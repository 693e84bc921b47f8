import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/boards.ts';

// docs/architecture.md: renderer → contract, model; electron → contract, model, generator;
// generator → contract, model; contract → model. Nothing imports renderer or electron; model and
// contract import nothing but themselves (contract: model) and small pure libraries.
const ALLOWED: Record<string, readonly string[]> = {
  model: ['model'],
  contract: ['contract', 'model'],
  generator: ['contract', 'model', 'generator'],
  electron: ['contract', 'model', 'generator', 'electron'],
  renderer: ['contract', 'model', 'renderer'],
};
// yjs: the CRDT behind workshop sessions, pure JavaScript like the others. lib0: yjs's own
// binary encoding, which frames the workshop's WebSocket messages (contract/workshop-wire.ts).
// re2js: users' patterns in linear time (model/json-schema/validator-setup.ts), pure JavaScript.
const MODEL_PACKAGES = new Set(['ajv', 'ajv-formats', 'ajv-draft-04', 'jsonc-parser', 'yjs', 'lib0', 're2js']);

function sources(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|svelte|js|mjs)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  let text = readFileSync(file, 'utf8');
  if (file.endsWith('.svelte'))
    text = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

describe('architecture', () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder}/ imports only ${allowed.join(', ')}`, () => {
      const wrong: string[] = [];
      for (const file of sources(join(ROOT, folder))) {
        for (const spec of importsOf(file)) {
          const where = `${relative(ROOT, file)} imports ${spec}`;
          if (spec.startsWith('.')) {
            const target = relative(ROOT, resolve(dirname(file), spec)).split(/[\\/]/)[0]!;
            if (!allowed.includes(target)) wrong.push(where);
          } else if (folder === 'model' || folder === 'contract') {
            const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
            if (!MODEL_PACKAGES.has(pkg)) wrong.push(where);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('never lets the workbench import the generated service runtime as code', () => {
    const wrong = ['model', 'contract', 'generator', 'electron', 'renderer'].flatMap((folder) =>
      sources(join(ROOT, folder)).flatMap((file) =>
        importsOf(file)
          .filter(
            (spec) => spec.startsWith('.') && relative(ROOT, resolve(dirname(file), spec)).startsWith('templates'),
          )
          .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
      ),
    );
    expect(wrong).toEqual([]);
  });
});
