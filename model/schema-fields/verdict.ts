import type { CompatibilityLevel, EventVersion } from '../board/types.ts';
import { checkHistory, SchemaInputError, type HistoryStep } from '../schema/compare.ts';

export type DraftVerdict =
  | { ok: true; steps: HistoryStep[]; compatible: boolean; breaking: number; differences: number }
  | { ok: false; message: string };

/**
 * The verdict on a new version before it is saved: its steps in the history the event's level
 * checks (the version before it, or every earlier one for the _TRANSITIVE levels). Breaks between
 * older versions are left out: they are the linter's report, not this version's doing.
 */
export function draftVerdict(versions: readonly EventVersion[], draft: EventVersion, level: CompatibilityLevel): DraftVerdict {
  try {
    const { steps } = checkHistory([...versions, draft], level);
    const mine = steps.filter((s) => s.to === draft.version);
    const all = mine.flatMap((s) => s.report.differences);
    return { ok: true, steps: mine, compatible: mine.every((s) => s.report.compatible), breaking: all.filter((d) => !d.compatible).length, differences: all.length };
  } catch (error) {
    if (error instanceof SchemaInputError) return { ok: false, message: error.message };
    throw error;
  }
}
