import type { Identity } from './graph.ts';
import type { CompatibilityLevel, EventElement, EventVersion } from './types.ts';

/**
 * The sticky that holds an event's version history: the first of its stickies that has any (the
 * linter reports stickies of one event whose histories disagree). Edits of the history go there.
 */
export function historyOwner(identity: Identity): EventElement | undefined {
  return (identity.stickies as EventElement[]).find((s) => (s.versions ?? []).length > 0);
}

export function versionsOf(identity: Identity): EventVersion[] {
  return historyOwner(identity)?.versions ?? [];
}

export function currentVersion(identity: Identity): EventVersion | undefined {
  const versions = versionsOf(identity);
  return versions[versions.length - 1];
}

/**
 * The level an event's history is held to, everywhere (linter, dock, diff view, exports): the level
 * on the sticky that holds the history, else on another sticky of the event, else BACKWARD.
 */
export function compatibilityOf(identity: Identity): CompatibilityLevel {
  const stickies = identity.stickies as EventElement[];
  return historyOwner(identity)?.compatibility ?? stickies.find((s) => s.compatibility)?.compatibility ?? 'BACKWARD';
}
