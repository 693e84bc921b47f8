import type { Identity } from './graph.ts';
import type { CompatibilityLevel, EventElement, EventVersion } from './types.ts';

/**
 * The version history of an event identity: the `versions` of the first of its stickies that has
 * any (the linter reports stickies of one event whose histories disagree).
 */
export function versionsOf(identity: Identity): EventVersion[] {
  for (const sticky of identity.stickies) {
    const versions = (sticky as EventElement).versions;
    if (versions && versions.length > 0) return versions;
  }
  return [];
}

export function currentVersion(identity: Identity): EventVersion | undefined {
  const versions = versionsOf(identity);
  return versions[versions.length - 1];
}

export function compatibilityOf(identity: Identity): CompatibilityLevel {
  for (const sticky of identity.stickies) {
    const level = (sticky as EventElement).compatibility;
    if (level) return level;
  }
  return 'BACKWARD';
}
