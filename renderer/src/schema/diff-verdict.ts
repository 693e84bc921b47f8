import type { CompatibilityLevel } from '../../../model/board/types.ts';
import type { Difference } from '../../../model/schema/compare.ts';

export type VerdictKind = 'keeps' | 'breaks' | 'review';

/** A difference's verdict as the diff view shows it: a word and an icon, so not by colour alone. */
export interface Verdict {
  kind: VerdictKind;
  icon: string;
  text: string;
}

export function verdictOf(d: Difference, level: CompatibilityLevel): Verdict {
  // The engine counts an undecidable change as breaking; a person should look before calling it that.
  if (d.needsReview) return { kind: 'review', icon: '?', text: 'needs review' };
  if (level === 'NONE') return { kind: 'keeps', icon: '✓', text: 'no level to keep (NONE)' };
  return d.compatible
    ? { kind: 'keeps', icon: '✓', text: `keeps ${level}` }
    : { kind: 'breaks', icon: '✗', text: `breaks ${level}` };
}

/** One line over a report: how many differences and what they do to the level. */
export function summaryOf(differences: readonly Difference[], level: CompatibilityLevel): string {
  if (differences.length === 0) return 'No differences: both versions accept the same payloads.';
  const count = `${differences.length} difference${differences.length === 1 ? '' : 's'}`;
  if (level === 'NONE') return `${count}; the event's level is NONE, so none of them breaks it.`;
  const counts = { keeps: 0, breaks: 0, review: 0 };
  for (const d of differences) counts[verdictOf(d, level).kind]++;
  const parts = [
    counts.breaks > 0 ? `${counts.breaks} break${counts.breaks === 1 ? 's' : ''} ${level}` : '',
    counts.review > 0 ? `${counts.review} need${counts.review === 1 ? 's' : ''} review` : '',
    counts.keeps > 0 ? `${counts.keeps} keep${counts.keeps === 1 ? 's' : ''} it` : '',
  ].filter(Boolean);
  return `${count}: ${parts.join(', ')}.`;
}

/** The engine's refusal, with the version it is about in place of "old"/"new". */
export function refusalOf(message: string, from: number, to: number): string {
  return message
    .replace(/^The old schema/, `The schema of version ${from}`)
    .replace(/^The new schema/, `The schema of version ${to}`);
}
