import type { ElementKind } from './types.ts';

/**
 * The link grammar of a design-level board (docs/board-format.md, "Link"): which arrows mean
 * something, and what they say. Any other arrow may be drawn; the linter reports it.
 */
export const GRAMMAR: ReadonlyArray<{ from: ElementKind; to: ElementKind | '*'; reads: string }> = [
  { from: 'actor', to: 'command', reads: 'issues' },
  { from: 'readModel', to: 'actor', reads: 'informs' },
  { from: 'command', to: 'aggregate', reads: 'is handled by' },
  { from: 'command', to: 'externalSystem', reads: 'is handled by' },
  { from: 'aggregate', to: 'event', reads: 'emits' },
  { from: 'externalSystem', to: 'event', reads: 'emits' },
  { from: 'event', to: 'policy', reads: 'triggers' },
  { from: 'policy', to: 'command', reads: 'issues' },
  { from: 'event', to: 'readModel', reads: 'updates' },
  { from: 'hotspot', to: '*', reads: 'is about' },
];

/** What an arrow from one kind to another reads as, or undefined when the grammar has no such arrow. */
export function linkReading(from: ElementKind, to: ElementKind): string | undefined {
  return GRAMMAR.find((rule) => rule.from === from && (rule.to === to || rule.to === '*'))?.reads;
}

/** The kinds an arrow from `from` may point to, for a fix-it sentence. */
export function allowedTargets(from: ElementKind): Array<ElementKind | '*'> {
  return GRAMMAR.filter((rule) => rule.from === from).map((rule) => rule.to);
}
