import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBoard } from '../../model/board/load.ts';
import { serializeBoard } from '../../model/board/serialize.ts';
import { buildAsyncApiExports } from '../../model/export/asyncapi.ts';
import { parseAsyncApi } from '../../generator/export/asyncapi-parser.ts';
import { exportAsyncApi, exportEventCatalog, exportReport } from '../../generator/export/exports.ts';
import { safePath } from '../../generator/export/files.ts';
import { maliciousBoard } from './malicious.ts';

const root = mkdtempSync(join(tmpdir(), 'stormbench-safety-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else out.push(path);
  }
  return out;
}

describe('exports of a malicious board', () => {
  const board = maliciousBoard();

  it('is a board the app opens', () => {
    expect(parseBoard(serializeBoard(board)).ok).toBe(true);
  });

  it('never writes outside the folder it was given', async () => {
    const out = join(root, 'out');
    await exportAsyncApi(board, join(out, 'asyncapi'));
    await exportEventCatalog(board, join(out, 'catalog'));
    await exportReport(board, join(out, 'report'));
    expect(readdirSync(root)).toEqual(['out']);
    const written = files(out).map((f) => relative(out, f));
    expect(written.length).toBeGreaterThan(10);
    for (const f of written) {
      expect(f.startsWith('..')).toBe(false);
      expect(f).toMatch(/^[A-Za-z0-9_./-]+$/);
    }
  });

  it('refuses a path segment that would climb out, even if a builder produced one', () => {
    expect(() => safePath(root, ['..', 'x'])).toThrow(/not a plain file name/);
    expect(() => safePath(root, ['a/../../x'])).toThrow(/not a plain file name/);
    expect(safePath(root, ['events', 'X', 'index.mdx'])).toBe(join(root, 'events', 'X', 'index.mdx'));
  });

  it('keeps names as text in the report (no element, no attribute, no script)', () => {
    const html = readFileSync(join(root, 'out', 'report', 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script|<img|<iframe|<svg onload/i);
    // No event-handler attribute inside any tag (escaped text may of course say "onerror=").
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    const svg = readFileSync(join(root, 'out', 'report', 'board.svg'), 'utf8');
    expect(svg).not.toMatch(/<script|<img|<[^>]*\son\w+=/i);
  });

  it('keeps names as text in EventCatalog pages (no JSX, no HTML, YAML values quoted)', () => {
    for (const file of files(join(root, 'out', 'catalog')).filter((f) => f.endsWith('.mdx'))) {
      const text = readFileSync(file, 'utf8');
      const body = text.slice(text.indexOf('\n---\n', 4) + 5);
      // What MDX would read as markup: a < or { that is not backslash-escaped.
      // Inline code is literal in MDX; the exports put only subjects and paths there, made of tokens.
      const bare = body
        .replace(/\\[\\<>{}]/g, '')
        .replace('<NodeGraph />', '')
        .replace('<ChannelInformation />', '')
        .replace(/`[A-Za-z0-9_~.{}/-]*`/g, '');
      expect(bare, file).not.toMatch(/[<{}]/);
      for (const line of text.slice(4, text.indexOf('\n---\n', 4)).split('\n'))
        expect(line, file).toMatch(/^\s*(- )?([A-Za-z0-9_-]+:( ".*"| [0-9.]+| \[\])?|".*")$/);
    }
  });

  it('produces AsyncAPI documents the parser accepts without errors or warnings', async () => {
    for (const e of buildAsyncApiExports(board)) {
      const parsed = await parseAsyncApi(JSON.stringify(e.document));
      expect(
        parsed.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
        e.fileName,
      ).toEqual([]);
    }
  });
});
