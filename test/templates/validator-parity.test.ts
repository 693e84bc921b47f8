/**
 * The workbench and every generated service must give one verdict on one payload: what `check`
 * accepts, the service accepts, and what it refuses is refused with the same words. The service
 * carries a copy of the workbench's validator set-up (it installs on its own); this file pins the
 * copy to the original and runs one corpus through both sides.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSchema, describeAjvError } from '../../model/json-schema/ajv.ts';
import { PINNED } from '../../generator/emit/project.ts';
import { KNOWN_FORMATS } from '../../model/schema-fields/values.ts';
import { CHECKED_FORMATS } from '../../model/json-schema/validator-setup.ts';
import { compileValidator } from '../../templates/runtime/validation.ts';
import { ROOT } from '../support/boards.ts';

const ORIGINAL = 'model/json-schema/validator-setup.ts';
const COPY = 'templates/runtime/validator-setup.ts';

type Verdict = { ok: true } | { ok: false; errors: string[] };

function workbench(schema: object, instance: unknown): Verdict {
  const compiled = compileSchema(schema);
  if (!compiled.ok) throw new Error(`the workbench refuses the schema: ${compiled.message}`);
  return compiled.validate(instance)
    ? { ok: true }
    : { ok: false, errors: (compiled.validate.errors ?? []).map(describeAjvError) };
}

function service(schema: object, instance: unknown): Verdict {
  const result = compileValidator(schema, { strip: false })(instance);
  return result.ok ? { ok: true } : { ok: false, errors: result.errors };
}

const D04 = 'http://json-schema.org/draft-04/schema#';
const D06 = 'http://json-schema.org/draft-06/schema#';
const D07 = 'http://json-schema.org/draft-07/schema#';
const D2019 = 'https://json-schema.org/draft/2019-09/schema';
const D2020 = 'https://json-schema.org/draft/2020-12/schema';

/** Schemas, each with instances and the verdict a person expects (true: accepted). */
const CORPUS: Array<{ name: string; schema: object; cases: Array<[unknown, boolean]> }> = [
  {
    name: 'money: multipleOf 0.01',
    schema: {
      type: 'object',
      required: ['amount'],
      properties: { amount: { type: 'number', multipleOf: 0.01, minimum: 0 } },
    },
    cases: [
      [{ amount: 19.99 }, true],
      [{ amount: 0.07 }, true],
      [{ amount: 624.3 }, true],
      [{ amount: 1234567.89 }, true],
      [{ amount: 0.1 + 0.2 }, false],
      [{ amount: 19.999 }, false],
      [{ amount: -0.01 }, false],
      [{ amount: 1e21 }, true],
      [{ amount: 5e-324 }, false],
      [{}, false],
    ],
  },
  {
    name: 'multipleOf 0.05 and 0.1',
    schema: { type: 'array', items: [{ multipleOf: 0.05 }, { multipleOf: 0.1 }], $schema: D07 },
    cases: [
      [[0.15, 0.3], true],
      [[0.35, 0.7], true],
      [[0.33, 0.3], false],
      [[0.15, 0.31], false],
    ],
  },
  {
    name: 'integer multipleOf',
    schema: { type: 'integer', multipleOf: 3 },
    cases: [
      [9, true],
      [10, false],
      [9.0, true],
      [1e21, false],
      [3e21, true],
      [-3, true],
    ],
  },
  {
    name: 'edge numbers',
    schema: {
      type: 'object',
      properties: {
        n: { type: 'number' },
        i: { type: 'integer' },
        big: { type: 'integer', maximum: 9007199254740991 },
      },
    },
    cases: [
      [{ n: 1.7976931348623157e308 }, true],
      [{ n: Infinity }, false],
      [{ n: -Infinity }, false],
      [{ n: NaN }, false],
      [{ n: -0 }, true],
      [{ i: 2 ** 53 }, true],
      [{ i: 1e300 }, true],
      [{ i: 1.5 }, false],
      [{ big: 9007199254740991 }, true],
      // eslint-disable-next-line no-loss-of-precision -- 2^53 + 1, which a double cannot hold, is the point
      [{ big: 9007199254740993 }, false],
      [{ n: '1' }, false],
    ],
  },
  {
    name: 'draft-04: boolean exclusive bounds',
    schema: {
      $schema: D04,
      type: 'object',
      properties: {
        amount: {
          type: 'number',
          maximum: 100,
          exclusiveMaximum: true,
          minimum: 0,
          exclusiveMinimum: true,
          multipleOf: 0.01,
        },
      },
      required: ['amount'],
    },
    cases: [
      [{ amount: 99.99 }, true],
      [{ amount: 100 }, false],
      [{ amount: 0 }, false],
      [{ amount: 0.01 }, true],
      [{ amount: 50.005 }, false],
    ],
  },
  {
    name: 'draft-04: id and definitions',
    schema: {
      $schema: D04,
      id: 'http://example.com/order',
      definitions: { sku: { type: 'string', pattern: '^[A-Z]{3}-\\d+$' } },
      type: 'object',
      properties: { sku: { $ref: '#/definitions/sku' } },
    },
    cases: [
      [{ sku: 'ABC-1' }, true],
      [{ sku: 'abc-1' }, false],
    ],
  },
  {
    name: 'draft-06: const, exclusiveMaximum number, if is not a keyword',
    schema: {
      $schema: D06,
      type: 'object',
      properties: { v: { const: 2 }, n: { exclusiveMaximum: 5 } },
      if: { required: ['v'] },
      then: { required: ['n'] },
    },
    cases: [
      [{ v: 2 }, true],
      [{ v: 3 }, false],
      [{ n: 5 }, false],
      [{ n: 4.99 }, true],
    ],
  },
  {
    name: 'draft-07: tuple items, additionalItems, dependencies, if/then',
    schema: {
      $schema: D07,
      type: 'object',
      properties: { pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false } },
      dependencies: { card: ['expiry'] },
      if: { required: ['gift'] },
      then: { required: ['message'] },
    },
    cases: [
      [{ pair: ['a', 1] }, true],
      [{ pair: ['a', 1, 2] }, false],
      [{ pair: [1, 'a'] }, false],
      [{ card: 'x' }, false],
      [{ card: 'x', expiry: '1/28' }, true],
      [{ gift: true }, false],
      [{ gift: true, message: 'hi' }, true],
    ],
  },
  {
    name: '2019-09: $recursiveRef, dependentRequired, unevaluatedProperties',
    schema: {
      $schema: D2019,
      $recursiveAnchor: true,
      type: 'object',
      properties: { name: { type: 'string' }, child: { $recursiveRef: '#' } },
      dependentRequired: { a: ['b'] },
      unevaluatedProperties: false,
    },
    cases: [
      [{ name: 'x', child: { name: 'y' } }, true],
      [{ name: 'x', child: { name: 3 } }, false],
      [{ a: 1 }, false],
      [{ zzz: 1 }, false],
    ],
  },
  {
    name: '2020-12: prefixItems, $defs, unevaluatedItems',
    schema: {
      $schema: D2020,
      $defs: { n: { type: 'number' } },
      type: 'array',
      prefixItems: [{ type: 'string' }, { $ref: '#/$defs/n' }],
      unevaluatedItems: false,
    },
    cases: [
      [['a', 1], true],
      [['a', 'b'], false],
      [['a', 1, 2], false],
    ],
  },
  {
    name: 'no $schema, tuple items: read as draft-07 on both sides',
    schema: {
      type: 'object',
      properties: { pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false } },
      dependencies: { card: ['expiry'] },
    },
    cases: [
      [{ pair: ['a', 1] }, true],
      [{ pair: ['a', 1, 2] }, false],
      [{ pair: [1, 'a'] }, false],
      [{ card: 'x' }, false],
      [{ card: 'x', expiry: '1/28' }, true],
    ],
  },
  {
    name: 'no $schema, tuple items with unevaluatedItems: read as 2019-09',
    schema: { type: 'array', items: [{ type: 'string' }], unevaluatedItems: { type: 'number' } },
    cases: [
      [['a', 1, 2], true],
      [['a', 'b'], false],
    ],
  },
  {
    name: 'no $schema means 2020-12',
    schema: { type: 'array', prefixItems: [{ type: 'string' }], items: false },
    cases: [
      [['a'], true],
      [['a', 1], false],
    ],
  },
  {
    name: 'unicode patterns',
    schema: {
      type: 'object',
      properties: {
        name: { type: 'string', pattern: '^\\p{Lu}\\p{Ll}+$', minLength: 2, maxLength: 5 },
        emoji: { type: 'string', pattern: '^.$' },
      },
    },
    cases: [
      [{ name: 'Émile' }, true],
      [{ name: 'émile' }, false],
      [{ name: 'Ωmega' }, true],
      [{ name: 'Straße' }, false],
      [{ emoji: '☕' }, true],
      [{ emoji: '😀' }, true],
      [{ name: 'A😀' }, false],
    ],
  },
  {
    name: 'length counts code points',
    schema: { type: 'string', maxLength: 2 },
    cases: [
      ['😀😀', true],
      ['😀😀😀', false],
    ],
  },
  {
    name: 'enum and const with objects',
    schema: { enum: [{ a: 1 }, 'x', 2.5, null] },
    cases: [
      [{ a: 1 }, true],
      [{ a: 2 }, false],
      ['x', true],
      [2.5, true],
      [null, true],
      [2.50001, false],
    ],
  },
  {
    name: 'required and additionalProperties',
    schema: {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', format: 'uuid' } },
      additionalProperties: false,
    },
    cases: [
      [{ id: '0f8fad5b-d9cb-469f-a165-70867728950e' }, true],
      [{ id: 'nope' }, false],
      [{ id: '0f8fad5b-d9cb-469f-a165-70867728950e', x: 1 }, false],
    ],
  },
  {
    name: "properties named as Object.prototype's",
    schema: {
      type: 'object',
      properties: { constructor: { type: 'number' }, toString: { type: 'string' } },
      required: ['hasOwnProperty'],
    },
    cases: [
      [{ hasOwnProperty: 1 }, true],
      [{}, false],
      [{ hasOwnProperty: 1, constructor: 'x' }, false],
      [{ hasOwnProperty: 1, constructor: 2, toString: 's' }, true],
    ],
  },
  {
    name: 'nested arrays of objects',
    schema: {
      type: 'object',
      properties: {
        lines: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: {
            type: 'object',
            required: ['sku', 'qty'],
            properties: {
              sku: { type: 'string' },
              qty: { type: 'integer', minimum: 1 },
              price: { type: 'number', multipleOf: 0.01 },
            },
          },
        },
      },
    },
    cases: [
      [{ lines: [{ sku: 'a', qty: 1, price: 19.99 }] }, true],
      [{ lines: [] }, false],
      [{ lines: [{ sku: 'a', qty: 0 }] }, false],
      [
        {
          lines: [
            { sku: 'a', qty: 1 },
            { sku: 'a', qty: 1 },
          ],
        },
        false,
      ],
      [{ lines: [{ sku: 'a', qty: 1, price: 0.001 }] }, false],
    ],
  },
];

// Every format ajv-formats knows, each with a value it takes and one it refuses.
const FORMATS: Record<string, [unknown, unknown]> = {
  date: ['2026-12-07', '2026-02-30'],
  time: ['10:35:33Z', '25:00:00Z'],
  'date-time': ['2026-12-07T10:35:33.120+01:00', '2026-12-07 10:35'],
  'iso-time': ['10:35:33', '10:35:61'],
  'iso-date-time': ['2026-12-07T10:35:33', '2026-12-07T'],
  duration: ['P1DT2H', 'P'],
  uri: ['https://example.com/a?b#c', 'not a uri'],
  'uri-reference': ['../a#b', 'a b'],
  'uri-template': ['https://example.com/{id}', 'https://example.com/{id'],
  url: ['https://example.com/', 'example'],
  email: ['ann@example.com', 'ann@'],
  hostname: ['shop.example.com', '-bad-.com'],
  ipv4: ['192.0.2.1', '256.0.0.1'],
  ipv6: ['2001:db8::1', '2001:db8:::1'],
  regex: ['^a+$', '(['],
  uuid: ['0f8fad5b-d9cb-469f-a165-70867728950e', '0f8fad5b'],
  'json-pointer': ['/a/b~1c', 'a/b'],
  'json-pointer-uri-fragment': ['#/a/b', '/a'],
  'relative-json-pointer': ['1/a', '/a'],
  byte: ['aGVsbG8=', 'a'],
  int32: [2147483647, 2147483648],
  int64: [9007199254740991, 1.5],
  float: [1.5, 'x'],
  double: [1.5, 'x'],
  password: ['secret', 1],
  binary: ['anything', 1],
  'made-up-format': ['any string', 3],
};

describe('validator parity: workbench and generated service', () => {
  it("the service's copy of the validator set-up is the workbench's, byte for byte", () => {
    const original = readFileSync(join(ROOT, ORIGINAL), 'utf8');
    const copy = readFileSync(join(ROOT, COPY), 'utf8');
    expect(
      copy === original,
      `${COPY} differs from ${ORIGINAL}: edit the original, then run cp ${ORIGINAL} ${COPY}`,
    ).toBe(true);
  });

  it('generated services install the validator packages the workbench runs', () => {
    const version = (name: string) =>
      (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
        .version;
    for (const name of ['ajv', 'ajv-draft-04', 'ajv-formats', 're2js'] as const)
      expect(PINNED[name], name).toBe(version(name));
    const imported = [...readFileSync(join(ROOT, ORIGINAL), 'utf8').matchAll(/^import .* from '([^./][^']*)';$/gm)].map(
      (m) => m[1]!.split('/')[0],
    );
    expect(new Set(imported)).toEqual(new Set(['ajv', 'ajv-draft-04', 'ajv-formats', 're2js']));
  });

  for (const entry of CORPUS) {
    it(`${entry.name}: one verdict, one wording`, () => {
      for (const [instance, expected] of entry.cases) {
        const w = workbench(entry.schema, instance);
        expect(service(entry.schema, instance), JSON.stringify(instance)).toEqual(w);
        expect(w.ok, `${JSON.stringify(instance)} ${JSON.stringify(w)}`).toBe(expected);
      }
    });
  }

  it('every format: one verdict, one wording, in every dialect', () => {
    for (const $schema of [D04, D06, D07, D2019, D2020]) {
      for (const [format, [good, bad]] of Object.entries(FORMATS)) {
        const schema = { $schema, format };
        for (const [instance, expected] of [
          [good, true],
          [
            bad,
            format === 'made-up-format' ||
            format === 'password' ||
            format === 'binary' ||
            format === 'float' ||
            format === 'double'
              ? true
              : false,
          ],
        ] as const) {
          const w = workbench(schema, instance);
          expect(service(schema, instance), `${format} ${JSON.stringify(instance)}`).toEqual(w);
          expect(w.ok, `${$schema} ${format} ${JSON.stringify(instance)}`).toBe(expected);
        }
      }
    }
  });

  it('offers in the field table only formats both sides check', () => {
    expect(KNOWN_FORMATS.filter((f) => !CHECKED_FORMATS.includes(f))).toEqual([]);
    expect(
      Object.keys(FORMATS)
        .filter((f) => f !== 'made-up-format')
        .sort(),
    ).toEqual([...CHECKED_FORMATS].sort());
  });

  it('refuses the same schemas with the same reason', () => {
    for (const schema of [
      { $schema: 'http://example.com/my-draft' },
      { type: 'number', minimum: 'zero' },
      { $schema: D04, exclusiveMaximum: 5 },
    ]) {
      const w = compileSchema(schema);
      expect(w.ok).toBe(false);
      expect(() => compileValidator(schema, { strip: false })).toThrow(`schema is invalid: ${w.ok ? '' : w.message}`);
    }
  });
});
