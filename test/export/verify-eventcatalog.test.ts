import { describe, expect, it } from 'vitest';
import { complaints } from '../../scripts/verify-eventcatalog.ts';

// The verify script needs EventCatalog installed and minutes per build, so CI checks only how it
// reads EventCatalog's output (lines as EventCatalog 3.48.4 printed them).
describe('verify-eventcatalog reads EventCatalog output', () => {
  it('counts a complaint about our files, also one glued to a page line', () => {
    const output = [
      '21:42:16   ├─ /docs/services/PaymentsService/1.0.0.mdxWarning: Cant find the schema for PaymentsService 1.0.0',
      ' (+6ms) ',
      '21:42:17 [ERROR] [content] events → OrderPlaced-2.0.0 data does not match collection schema.',
    ].join('\n');
    const { ours, its } = complaints(output);
    expect(ours).toHaveLength(2);
    expect(ours[0]).toContain('Cant find the schema for PaymentsService');
    expect(its).toEqual([]);
  });

  it('does not take a page named for a failure as a complaint', () => {
    expect(
      complaints(
        '21:42:15   ├─ /docs/events/PaymentFailed/1.0.0/index.html (+183ms) \n21:42:15   └─ /docs/events/ErrorRaised/1.0.0.md (+2ms)',
      ),
    ).toEqual({ ours: [], its: [] });
  });

  it("sets EventCatalog's own warnings apart, with the reason, multi-line ones whole", () => {
    const output = [
      '21:48:41 [WARN] [vite] ../../../node_modules/zod/v4/core/util.js (400:0): A comment',
      '',
      '"// Wrapped in a `@__PURE__` IIFE"',
      '',
      'in "../../../node_modules/zod/v4/core/util.js" contains an annotation that Rollup cannot interpret due to the position of the comment. The comment will be removed to avoid issues.',
      '21:53:16 [WARN] [vite] ',
      '(!) Some chunks are larger than 500 kB after minification. Consider:',
      '- Using dynamic import() to code-split the application',
      '21:53:30 [WARN] [build] Could not render `/visualiser/events/OrderPlaced` from route `/visualiser/[type]/[id]` as it conflicts with higher priority route `/visualiser/[type]/[id]`.',
      '21:32:54 [WARN] [eventcatalog-teams-directory-loader] No files found matching "teams/*.(md|mdx)" in directory ".."',
    ].join('\n');
    const { ours, its } = complaints(output);
    expect(ours).toEqual([]);
    expect(its.map((i) => i.why)).toEqual([
      "a comment inside EventCatalog's dependency zod",
      "the size of EventCatalog's own bundles",
      "EventCatalog's visualiser route meets each earlier version of a resource (any catalog with versions)",
      'a board names no people or teams, so the export writes no users/ or teams/',
    ]);
  });
});
