import type { CompatibilityLevel, EventVersion } from '../board/types.ts';
import { draftNote } from '../json-schema/draft-note.ts';
import { compareSchemas, SchemaInputError, type HistoryStep } from '../schema/compare.ts';

export type DraftVerdict =
  /** `notes`: how a version without `$schema` was read, when not as 2020-12 (draftNote). */
  | { ok: true; steps: HistoryStep[]; compatible: boolean; breaking: number; differences: number; notes: string[] }
  | { ok: false; message: string };

/**
 * The verdict on a new version before it is saved: its steps in the history the event's level
 * checks (the version before it, or every earlier one for the _TRANSITIVE levels). Breaks between
 * older versions are left out: they are the linter's report, not this version's doing.
 */
export function draftVerdict(
  versions: readonly EventVersion[],
  draft: EventVersion,
  level: CompatibilityLevel,
): DraftVerdict {
  try {
    // Only the draft's own steps are compared: the dock recomputes this on every edit, and the
    // earlier steps of a long _TRANSITIVE history would cost far more than the draft's (checked by
    // bench/app-schema.ts).
    const earlier = level.endsWith('_TRANSITIVE') ? versions : versions.slice(-1);
    const mine: HistoryStep[] = earlier.map((from) => ({
      from: from.version,
      to: draft.version,
      report: compareSchemas(from.schema, draft.schema, { mode: level, policy: 'lenient' }),
    }));
    const all = mine.flatMap((s) => s.report.differences);
    const notes = new Map<number, string>();
    for (const s of mine) {
      for (const [version, reading] of [
        [s.from, s.report.drafts.old],
        [s.to, s.report.drafts.new],
      ] as const) {
        const note = draftNote(reading);
        if (note !== undefined) notes.set(version, `Version ${version} is ${note}.`);
      }
    }
    return {
      ok: true,
      steps: mine,
      compatible: mine.every((s) => s.report.compatible),
      breaking: all.filter((d) => !d.compatible).length,
      differences: all.length,
      notes: [...notes.values()],
    };
  } catch (error) {
    if (error instanceof SchemaInputError) return { ok: false, message: error.message };
    throw error;
  }
}
