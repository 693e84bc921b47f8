import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../model/lint/rules/index.ts';
import { ROOT } from '../../support/boards.ts';

describe('docs/lint-rules.md', () => {
  it('lists every rule with its severity', () => {
    const doc = readFileSync(`${ROOT}docs/lint-rules.md`, 'utf8');
    const rows = new Map([...doc.matchAll(/^\| `([a-z-]+)` \| (error|warning|info) \|/gm)].map((m) => [m[1], m[2]]));
    expect(RULES.filter((r) => rows.get(r.id) !== r.severity).map((r) => r.id)).toEqual([]);
    expect([...rows.keys()].filter((id) => !RULES.some((r) => r.id === id))).toEqual([]);
  });
});
