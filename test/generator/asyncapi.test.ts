import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAsyncApi } from '../../generator/export/asyncapi-parser.ts';
import { generate } from '../../generator/generate.ts';
import { parseBoard } from '../../model/board/load.ts';
import { example } from '../support/boards.ts';

describe('a generated service', () => {
  it('ships its AsyncAPI document, the same one `export asyncapi` writes, valid for the official parser', async () => {
    const loaded = parseBoard(JSON.stringify(example('order-fulfilment')));
    if (!loaded.ok) throw new Error(loaded.errors[0]!.message);
    const result = await generate(loaded.board, { out: mkdtempSync(join(tmpdir(), 'sb-asyncapi-')), context: 'payments' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const text = readFileSync(join(result.services[0]!.dir, 'asyncapi.json'), 'utf8');
    const parsed = await parseAsyncApi(text);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
    const doc = JSON.parse(text) as { info: { title: string }; operations: Record<string, { action: string }> };
    expect(doc.info.title).toBe('Payments');
    // Payments sends its own events and receives Sales' "Order placed" through its policy.
    expect(Object.values(doc.operations).map((o) => o.action).sort()).toContain('receive');
    expect(Object.values(doc.operations).map((o) => o.action)).toContain('send');
  });
});
