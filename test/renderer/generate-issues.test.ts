import { describe, expect, it } from 'vitest';
import { issueTargets, issueText, showLabel } from '../../renderer/src/generate/issues.ts';
import type { GenerateIssue } from '../../contract/generate.ts';

const twice: GenerateIssue = {
  source: 'generator',
  code: 'command-with-two-aggregates',
  severity: 'error',
  elementIds: ['cmd-place-order', 'agg-order-1', 'agg-invoice'],
  contextId: 'sales',
  message: 'the command "Place order" is handled by two aggregates (Order and Invoice); a command has one handler',
};
const gap: GenerateIssue = {
  source: 'lint',
  code: 'event-version-gap',
  severity: 'error',
  elementIds: ['evt-order-placed'],
  contextId: 'sales',
  elementName: 'Order placed',
  message: 'The event "Order placed" has versions numbered 1, 5.',
  fix: 'Number the versions 1, 2, 3 … in order.',
};
const orphan: GenerateIssue = {
  source: 'generator',
  code: 'user-file-orphaned',
  severity: 'warning',
  elementIds: [],
  contextId: 'shipping',
  message: 'src/projections/pick-list.ts: no longer on the board',
};
const names = (id: string) => ({ sales: 'Sales', shipping: 'Shipping' })[id];

describe('issues in the generate dialog', () => {
  it("go to exactly their stickies, else to their context's frame, else nowhere", () => {
    expect(issueTargets(twice)).toEqual(['cmd-place-order', 'agg-order-1', 'agg-invoice']);
    expect(issueTargets(orphan)).toEqual(['shipping']);
    expect(issueTargets({ ...orphan, contextId: undefined } as GenerateIssue)).toEqual([]);
    expect([twice, gap, orphan].map(showLabel)).toEqual([
      'Show the 3 stickies on the board',
      'Show on the board',
      'Show the context on the board',
    ]);
  });

  it("read as sentences; a planner's refusal names its context, a lint error and a to-do do not", () => {
    expect(issueText(twice, names)).toBe(
      'Sales: The command "Place order" is handled by two aggregates (Order and Invoice); a command has one handler',
    );
    expect(issueText(gap, names)).toBe(
      'The event "Order placed" has versions numbered 1, 5. Number the versions 1, 2, 3 … in order.',
    );
    expect(issueText(orphan, names)).toBe('src/projections/pick-list.ts: no longer on the board');
  });
});
