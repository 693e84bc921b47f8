import { describe, expect, it } from 'vitest';
import type { Board, EventElement, EventVersion } from '../../../model/board/types.ts';
import { lintBoard } from '../../../model/lint/lint.ts';
import { compatibilityRule } from '../../../model/lint/rules/compatibility.ts';
import { checkHistory, compareSchemas, isMechanicalStep, SchemaInputError } from '../../../model/schema/compare.ts';

const v = (version: number, properties: Record<string, unknown>, required: string[] = []): EventVersion => ({
  version,
  schema: { type: 'object', properties, required },
});
const S = { type: 'string' };

describe('checkHistory', () => {
  const versions = [v(1, { id: S }), v(2, { id: S, note: S }), v(3, { id: S, note: S, at: S }, ['at'])];

  it('compares each version with the one before it', () => {
    const history = checkHistory(versions, 'BACKWARD');
    expect(history.steps.map((s) => [s.from, s.to, s.report.compatible])).toEqual([
      [1, 2, true],
      [2, 3, false],
    ]);
    expect(history.compatible).toBe(false);
  });

  it('compares each version with every earlier one for _TRANSITIVE levels', () => {
    const history = checkHistory(versions, 'BACKWARD_TRANSITIVE');
    expect(history.steps.map((s) => [s.from, s.to])).toEqual([
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
  });

  it('finds a break only the transitive level sees', () => {
    // Leniently, dropping an optional property and adding it back with another type are each
    // compatible; version 1 against version 3 is not.
    const history = [v(1, { id: S, note: S }), v(2, { id: S }), v(3, { id: S, note: { type: 'integer' } })];
    expect(checkHistory(history, 'BACKWARD').compatible).toBe(true);
    const transitive = checkHistory(history, 'BACKWARD_TRANSITIVE');
    expect(transitive.compatible).toBe(false);
    expect(
      transitive.steps
        .filter((s) => !s.report.compatible)
        .map((s) => [s.from, s.to, s.report.differences.map((d) => d.type)]),
    ).toEqual([[1, 3, ['TYPE_CHANGED']]]);
  });

  it('lists differences under NONE, all compatible', () => {
    const history = checkHistory(versions, 'NONE');
    expect(history.compatible).toBe(true);
    expect(history.steps[1]!.report.differences.map((d) => d.type)).toEqual([
      'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
    ]);
  });

  it('has nothing to compare for one version', () => {
    expect(checkHistory(versions.slice(0, 1), 'FULL')).toEqual({ compatible: true, steps: [] });
  });
});

describe('isMechanicalStep', () => {
  it('fills defaults and drops removed properties', () => {
    const report = compareSchemas(
      { type: 'object', properties: { id: S, legacy: S, customer: { type: 'object', properties: { name: S } } } },
      {
        type: 'object',
        properties: {
          id: S,
          currency: { type: 'string', default: 'EUR' },
          customer: {
            type: 'object',
            properties: { name: S, tier: { type: 'integer', default: 1 } },
            required: ['tier'],
          },
        },
        required: ['currency'],
      },
    );
    expect(isMechanicalStep(report)).toEqual({
      mechanical: true,
      defaults: [
        { pointer: '/customer/tier', value: 1 },
        { pointer: '/currency', value: 'EUR' },
      ],
      removed: ['/legacy'],
      blocking: [],
    });
  });

  it('needs nothing for a widening', () => {
    const step = isMechanicalStep(
      compareSchemas(
        { type: 'object', properties: { n: { type: 'integer' } } },
        { type: 'object', properties: { n: { type: ['number', 'null'] } } },
      ),
    );
    expect(step).toEqual({ mechanical: true, defaults: [], removed: [], blocking: [] });
  });

  it('is not mechanical when a type changes', () => {
    const step = isMechanicalStep(
      compareSchemas(
        { type: 'object', properties: { id: S } },
        { type: 'object', properties: { id: { type: 'integer' } } },
      ),
    );
    expect(step.mechanical).toBe(false);
    expect(step.blocking.map((d) => d.type)).toEqual(['TYPE_CHANGED']);
  });
});

describe('caching', () => {
  it('sees a schema edited in place between two comparisons', () => {
    const old = { type: 'object', properties: { a: { type: 'string' } } };
    const next = { type: 'object', properties: { a: { type: 'string' } } };
    expect(compareSchemas(old, next).differences).toEqual([]);
    next.properties.a.type = 'integer';
    expect(compareSchemas(old, next).differences.map((d) => d.type)).toEqual(['TYPE_CHANGED']);
  });
});

describe('input errors', () => {
  const attempt = (a: unknown, b: unknown) => {
    try {
      compareSchemas(a, b);
      return 'no error';
    } catch (error) {
      expect(error).toBeInstanceOf(SchemaInputError);
      return (error as Error).message;
    }
  };
  it('names a $ref that points nowhere', () => {
    expect(attempt({ $ref: '#/$defs/missing' }, {})).toBe(
      'The old schema has a "$ref" to "#/$defs/missing", which points nowhere in the schema; add that definition or fix the reference.',
    );
  });
  it('refuses what is not a schema', () => {
    expect(attempt({}, [1, 2])).toBe(
      'The new schema is not a JSON Schema: it must be an object or a boolean, not an array.',
    );
    expect(attempt({ type: 'strin' }, {})).toBe(
      'The old schema is not a valid JSON Schema: #/type must be equal to one of the allowed values.',
    );
    expect(attempt({ $schema: 'https://example.com/my-draft' }, {})).toMatch(
      /names a "\$schema" Stormbench does not know/,
    );
  });
  it('refuses a $ref cycle with nothing in it', () => {
    expect(
      attempt(
        { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, properties: { x: { $ref: '#/$defs/a' } } },
        {},
      ),
    ).toMatch(/"\$ref" cycle/);
  });
});

describe('the lint rule schema-history-breaks-level', () => {
  const board = (element: Partial<EventElement>): Board => ({
    format: 'stormbench.board',
    formatVersion: 1,
    name: 'b',
    contexts: [],
    links: [],
    elements: [
      { id: 'other', kind: 'actor', name: 'Clerk', x: 0, y: 0, width: 10, height: 10 },
      {
        id: 'evt-1',
        kind: 'event',
        name: 'Order placed',
        x: 0,
        y: 0,
        width: 10,
        height: 10,
        ...element,
      } as EventElement,
    ],
  });

  it('reports each breaking step with the versions, the differences and a pointer', () => {
    const problems = lintBoard(
      board({ versions: [v(1, { id: S }), v(2, { id: S, total: { type: 'number' } }, ['total'])] }),
      { rules: [compatibilityRule] },
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      rule: 'schema-history-breaks-level',
      severity: 'error',
      elementId: 'evt-1',
      pointer: '/elements/1/versions/1/schema',
    });
    expect(problems[0]!.message).toMatch(
      /^The event "Order placed" breaks its BACKWARD compatibility from version 1 to version 2: REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL at #\/properties\/total/,
    );
    expect(problems[0]!.fix).toMatch(/default/);
  });

  it('follows the level of the event', () => {
    const versions = [v(1, { id: S }, ['id']), v(2, { id: S })];
    expect(lintBoard(board({ versions, compatibility: 'BACKWARD' }), { rules: [compatibilityRule] })).toEqual([]);
    expect(lintBoard(board({ versions, compatibility: 'FORWARD' }), { rules: [compatibilityRule] })).toHaveLength(1);
    expect(lintBoard(board({ versions, compatibility: 'NONE' }), { rules: [compatibilityRule] })).toEqual([]);
  });

  it('leaves invalid schemas to the schema-invalid rule', () => {
    const versions = [
      v(1, { id: S }),
      { version: 2, schema: { type: 'object', properties: { id: { $ref: '#/nowhere' } } } },
    ];
    expect(lintBoard(board({ versions }), { rules: [compatibilityRule] })).toEqual([]);
  });
});
