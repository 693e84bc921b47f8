import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompatibilityLevel, EventVersion } from '../../../model/board/types.ts';
import {
  checkHistory,
  compareSchemas,
  SchemaInputError,
  type HistoryStep,
  type HistoryTally,
  type Policy,
} from '../../../model/schema/compare.ts';
import { histories } from './arbitraries.ts';

/**
 * checkHistory shares work between the pairs of a history (interned texts, one comparison per pair
 * of sub-schema texts, one per distinct earlier version). The reports must be exactly those of
 * comparing each pair on its own, as checkHistory did before: same steps, order, differences,
 * wording and values. Each pair is compared here from fresh copies, so nothing is shared.
 */
const LEVELS: CompatibilityLevel[] = [
  'BACKWARD',
  'FULL_TRANSITIVE',
  'FORWARD_TRANSITIVE',
  'BACKWARD_TRANSITIVE',
  'NONE',
];
const TRANSITIVE = new Set<CompatibilityLevel>(['BACKWARD_TRANSITIVE', 'FORWARD_TRANSITIVE', 'FULL_TRANSITIVE']);

function pairByPair(versions: EventVersion[], level: CompatibilityLevel, policy: Policy): HistoryStep[] {
  const steps: HistoryStep[] = [];
  for (let i = 1; i < versions.length; i++) {
    for (let j = TRANSITIVE.has(level) ? 0 : i - 1; j < i; j++) {
      const report = compareSchemas(structuredClone(versions[j]!.schema), structuredClone(versions[i]!.schema), {
        mode: level,
        policy,
      });
      steps.push({ from: versions[j]!.version, to: versions[i]!.version, report });
    }
  }
  return steps;
}

const RUNS = Number(process.env.STORMBENCH_HISTORY_RUNS ?? 80) || 80;

describe('checkHistory shares work and changes nothing', () => {
  it('gives every pair the report it gets on its own, for every level and policy', () => {
    let compared = 0;
    let breaking = 0;
    fc.assert(
      fc.property(histories, fc.constantFrom<Policy>('lenient', 'strict'), ({ versions }, policy) => {
        let alone: Map<CompatibilityLevel, HistoryStep[]>;
        try {
          alone = new Map(LEVELS.map((level) => [level, pairByPair(versions, level, policy)]));
        } catch (error) {
          if (error instanceof SchemaInputError) return; // an edit made a version no schema
          throw error;
        }
        for (const level of LEVELS) {
          const expected = alone.get(level)!;
          const history = checkHistory(versions, level, { policy });
          expect(JSON.stringify(history.steps)).toBe(JSON.stringify(expected));
          expect(history.compatible).toBe(expected.every((s) => s.report.compatible));
          const breaks = checkHistory(versions, level, { policy, keep: 'breaking' });
          expect(JSON.stringify(breaks.steps)).toBe(JSON.stringify(expected.filter((s) => !s.report.compatible)));
          expect(breaks.compatible).toBe(history.compatible);
          compared += expected.length;
          breaking += breaks.steps.length;
        }
      }),
      { numRuns: RUNS, seed: 16 },
    );
    // The generated histories must exercise both outcomes, or the comparison above proves little.
    console.log(`history sharing: ${compared} steps compared, ${breaking} breaking`);
    expect(compared).toBeGreaterThan(800);
    expect(breaking).toBeGreaterThan(200);
  }, 300_000);
});

describe('what checkHistory may not share', () => {
  it('reads a reference in the definitions of its own version', () => {
    // The text at #/properties/amount is the same in every version; what it names is not.
    const version = (n: number, type: string, note?: string) => ({
      version: n,
      schema: {
        type: 'object',
        ...(note ? { description: note } : {}),
        properties: { amount: { $ref: '#/$defs/money' } },
        $defs: { money: { type } },
      },
    });
    const versions = [version(1, 'integer'), version(2, 'string'), version(3, 'integer', 'same money as version 1')];
    const steps = checkHistory(versions, 'FULL_TRANSITIVE').steps.map((s) => [
      s.from,
      s.to,
      s.report.differences.map((d) => `${d.type} ${d.path}`),
    ]);
    expect(steps).toEqual([
      [1, 2, ['TYPE_CHANGED #/properties/amount']],
      [1, 3, ['DESCRIPTION_CHANGED #']],
      [2, 3, ['DESCRIPTION_CHANGED #', 'TYPE_CHANGED #/properties/amount']],
    ]);
  });

  it('keeps the title of a root compared whole against branches', () => {
    // A root that is only an anyOf is compared branch by branch against the other root whole, its
    // description included: such versions are not grouped by their title-less text.
    const either = {
      anyOf: [
        { type: 'object', properties: { id: { type: 'string' } } },
        { type: 'object', properties: { id: { type: 'integer' } } },
      ],
    };
    const one = { type: 'object', properties: { id: { type: 'string' } } };
    const versions = [
      { ...one, title: 'a' },
      { ...either, title: 'b' },
      { ...one, title: 'c' },
      { ...either, title: 'd' },
      { ...one, description: 'e' },
    ].map((schema, i) => ({ version: i + 1, schema }));
    for (const level of ['FULL_TRANSITIVE', 'NONE'] as const) {
      expect(JSON.stringify(checkHistory(versions, level).steps)).toBe(
        JSON.stringify(pairByPair(versions, level, 'lenient')),
      );
    }
  });

  it('reads a text in the draft of its own version', () => {
    // The same words, read in draft-07 (where prefixItems is no keyword) and in 2020-12.
    const tags = { type: 'array', prefixItems: [{ type: 'string' }] };
    const versions = [
      {
        version: 1,
        schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { tags } },
      },
      { version: 2, schema: { type: 'object', properties: { tags } } },
      {
        version: 3,
        schema: {
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          description: 'again',
          properties: { tags },
        },
      },
    ];
    const steps = checkHistory(versions, 'FULL_TRANSITIVE').steps;
    expect(JSON.stringify(steps)).toBe(JSON.stringify(pairByPair(versions, 'FULL_TRANSITIVE', 'lenient')));
    expect(steps.map((s) => s.report.differences.map((d) => d.type))).toEqual([
      ['ITEM_ADDED_TO_OPEN_CONTENT_MODEL'],
      ['DESCRIPTION_CHANGED'],
      ['DESCRIPTION_CHANGED', 'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL'],
    ]);
  });
});

/**
 * A history whose root changes in every version while most of it stays: an address block that
 * takes four texts in turn, and either the root's description or its maxProperties.
 */
function drifting(n: number, change: 'description' | 'maxProperties'): EventVersion[] {
  const address = (k: number) => ({
    type: 'object',
    properties: Object.fromEntries(
      Array.from({ length: 30 }, (_, p) => [`line${p}`, { type: 'string', maxLength: 40 + (p === 0 ? k : 0) }]),
    ),
    required: ['line0'],
  });
  return Array.from({ length: n }, (_, i) => ({
    version: i + 1,
    schema: {
      type: 'object',
      [change]: change === 'description' ? `version ${i + 1}` : 100 + i,
      properties: {
        id: { type: 'string' },
        address: address(Math.floor(i / 25) % 4),
        total: { type: 'number', minimum: 0 },
      },
      required: ['id'],
    },
  }));
}

/** A history that goes back and forth between two texts. */
function toggling(n: number): EventVersion[] {
  return Array.from({ length: n }, (_, i) => ({
    version: i + 1,
    schema: {
      type: 'object',
      properties: i % 2 ? { id: { type: 'string' }, note: { type: 'string' } } : { id: { type: 'string' } },
    },
  }));
}

function work(versions: EventVersion[]): HistoryTally {
  const tally: HistoryTally = { pairs: 0, comparisons: 0 };
  checkHistory(versions, 'FULL_TRANSITIVE', { tally, keep: 'breaking' });
  return tally;
}

describe('the work of a _TRANSITIVE history', () => {
  // Wall time says little on a shared machine; the number of comparisons made does not change.
  it('compares a sub-schema text with another once, not once per pair of versions', () => {
    const small = work(drifting(100, 'maxProperties'));
    const large = work(drifting(400, 'maxProperties'));
    // Every pair of versions has its own root (n(n-1)/2 of them, each one comparison). Below the
    // roots, two address texts differ in one line: 2 comparisons per ordered pair of the 4 texts,
    // 6 pairs met in 100 versions (each text once, in order), all 12 in 400. Pair by pair it was
    // 2 for every pair of versions with different addresses: 7,500 and 120,000.
    expect(small.pairs).toBe((100 * 99) / 2);
    expect(large.pairs).toBe((400 * 399) / 2);
    const below = (t: HistoryTally) => t.comparisons - t.pairs;
    expect(below(small)).toBe(2 * 6);
    expect(below(large)).toBe(2 * 12);
  }, 120_000);

  it('compares each version with each distinct earlier text once, titles and descriptions aside', () => {
    // At most four texts under the descriptions: at most four pairs per version.
    const described = work(drifting(1000, 'description'));
    expect(described.pairs).toBeLessThanOrEqual(4 * 1000);
    expect(described.comparisons - described.pairs).toBe(2 * 12);
    const small = work(toggling(200));
    const large = work(toggling(2000));
    expect(small.pairs).toBeLessThanOrEqual(2 * 200);
    expect(large.pairs).toBeLessThanOrEqual(2 * 2000);
    expect(large.comparisons).toBeLessThan(12 * small.comparisons);
  }, 120_000);
});
