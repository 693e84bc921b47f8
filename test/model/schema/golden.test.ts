import { describe, expect, it } from 'vitest';
import { compareSchemas, type Policy } from '../../../model/schema/compare.ts';
import { DIFFERENCE_TYPES } from '../../../model/schema/messages.ts';
import { GOLDEN, type Verdicts } from './golden.ts';

/**
 * The golden suite: schema pairs with the differences and verdicts the rules call for, written by
 * hand in test/golden/schema/*.json. Verdicts are checked under BACKWARD, FORWARD and FULL (and
 * their _TRANSITIVE twins), under the lenient policy and, where a case says so, the strict one.
 */
const found = (oldSchema: unknown, newSchema: unknown, policy: Policy) =>
  compareSchemas(oldSchema, newSchema, { policy })
    .differences.map((d) => `${d.type} ${d.path}`)
    .sort();

describe('golden schema pairs', () => {
  for (const { file, cases } of GOLDEN) {
    describe(file, () => {
      for (const c of cases) {
        it(c.name, () => {
          for (const policy of ['lenient', 'strict'] as const) {
            const want: Verdicts = policy === 'strict' && c.strict ? c.strict : c;
            expect(found(c.old, c.new, policy), `${policy} differences`).toEqual(
              [...(want.differences ?? c.differences)].sort(),
            );
            const verdict = (
              mode: Parameters<typeof compareSchemas>[2] extends infer O
                ? O extends { mode?: infer M }
                  ? M
                  : never
                : never,
            ) => compareSchemas(c.old, c.new, { mode, policy }).compatible;
            expect(verdict('BACKWARD'), `${policy} BACKWARD`).toBe(want.backward);
            expect(verdict('BACKWARD_TRANSITIVE'), `${policy} BACKWARD_TRANSITIVE`).toBe(want.backward);
            expect(verdict('FORWARD'), `${policy} FORWARD`).toBe(want.forward);
            expect(verdict('FORWARD_TRANSITIVE'), `${policy} FORWARD_TRANSITIVE`).toBe(want.forward);
            expect(verdict('FULL'), `${policy} FULL`).toBe(want.full);
            expect(verdict('FULL_TRANSITIVE'), `${policy} FULL_TRANSITIVE`).toBe(want.full);
            expect(verdict('NONE'), `${policy} NONE`).toBe(true);
          }
          const review = compareSchemas(c.old, c.new)
            .differences.filter((d) => d.needsReview)
            .map((d) => d.path);
          expect(review).toEqual(c.needsReview ?? []);
        });
      }
    });
  }

  it('has at least 150 pairs', () => {
    expect(GOLDEN.reduce((n, g) => n + g.cases.length, 0)).toBeGreaterThanOrEqual(150);
  });

  it('covers every difference type the engine can report', () => {
    const covered = new Set(
      GOLDEN.flatMap((g) =>
        g.cases.flatMap((c) => [...c.differences, ...(c.strict?.differences ?? [])].map((d) => d.split(' ')[0])),
      ),
    );
    expect(DIFFERENCE_TYPES.filter((t) => !covered.has(t))).toEqual([]);
  });

  it('reports no type outside the documented list', () => {
    const known = new Set(DIFFERENCE_TYPES);
    const reported = GOLDEN.flatMap((g) =>
      g.cases.flatMap((c) => found(c.old, c.new, 'strict').map((d) => d.split(' ')[0]!)),
    );
    expect(reported.filter((t) => !known.has(t))).toEqual([]);
  });
});
