import { describe, expect, it } from 'vitest';
import type { EventVersion } from '../../../model/board/types.ts';
import { draftVerdict } from '../../../model/schema-fields/verdict.ts';

const v = (version: number, properties: Record<string, unknown>, required: string[] = []): EventVersion => ({
  version,
  schema: { type: 'object', properties, required },
});
const history = [v(1, { id: { type: 'string' } }, ['id']), v(2, { id: { type: 'string' } })];

describe('draftVerdict', () => {
  it('judges only the draft against the level, step by step', () => {
    const optional = draftVerdict(history, v(3, { id: { type: 'string' }, tier: { type: 'string' } }), 'BACKWARD');
    expect(optional).toMatchObject({ ok: true, compatible: true, breaking: 0, differences: 1 });
    const required = draftVerdict(
      history,
      v(3, { id: { type: 'string' }, tier: { type: 'string' } }, ['tier']),
      'BACKWARD',
    );
    expect(required).toMatchObject({ ok: true, compatible: false, breaking: 1 });
    expect(required.ok && required.steps.map((s) => [s.from, s.to, s.report.differences.map((d) => d.type)])).toEqual([
      [2, 3, ['REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL']],
    ]);
  });

  it('compares with every earlier version under a transitive level', () => {
    const verdict = draftVerdict(history, v(3, { id: { type: 'string' } }, ['id']), 'FORWARD_TRANSITIVE');
    // v1 → v2 dropped "required: id" (breaks FORWARD), but that is not the draft's step.
    expect(verdict.ok && verdict.steps.map((s) => [s.from, s.to, s.report.compatible])).toEqual([
      [1, 3, true],
      [2, 3, true],
    ]);
    expect(draftVerdict(history, v(3, { id: { type: 'string' } }, ['id']), 'BACKWARD')).toMatchObject({
      ok: true,
      compatible: false,
    });
  });

  it('says why a schema cannot be judged', () => {
    const verdict = draftVerdict(history, { version: 3, schema: { $ref: '#/$defs/nowhere' } }, 'BACKWARD');
    expect(verdict).toEqual({ ok: false, message: expect.stringContaining('nowhere') });
  });

  it('notes a version read as draft-07 because it names no "$schema"', () => {
    const tuple = (n: number): EventVersion => ({
      version: n,
      schema: {
        type: 'object',
        properties: {
          pair: { type: 'array', items: Array.from({ length: n }, () => ({ type: 'string' })), additionalItems: false },
        },
      },
    });
    const verdict = draftVerdict([tuple(1)], tuple(2), 'BACKWARD');
    expect(verdict).toMatchObject({ ok: true, compatible: true });
    expect(verdict.ok && verdict.notes).toEqual([
      'Version 1 is read as draft-07: it names no "$schema", and its "items" at #/properties/pair/items is a list of schemas (a tuple), a form 2020-12 dropped; add "$schema": "http://json-schema.org/draft-07/schema#" to say so.',
      'Version 2 is read as draft-07: it names no "$schema", and its "items" at #/properties/pair/items is a list of schemas (a tuple), a form 2020-12 dropped; add "$schema": "http://json-schema.org/draft-07/schema#" to say so.',
    ]);
    expect(draftVerdict(history, v(3, { id: { type: 'string' } }), 'BACKWARD')).toMatchObject({ ok: true, notes: [] });
  });
});
