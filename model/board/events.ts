import type { Identity } from './graph.ts';
import type { CompatibilityLevel, EventElement, EventVersion, JsonSchema } from './types.ts';

/**
 * One rule, for every reader (linter, dock, diff view, exports, generator, CLI), for which sticky
 * of an event holds its history and which level that history is held to. Stickies of one event
 * that disagree are reported by the event-versions-conflict rule, not resolved silently here.
 */

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
 * The sticky whose level applies: the one that holds the history when it names a level, else the
 * first other sticky of the event that names one; undefined when none does (BACKWARD then).
 */
export function levelHolder(identity: Identity): EventElement | undefined {
  const owner = historyOwner(identity);
  if (owner?.compatibility !== undefined) return owner;
  return (identity.stickies as EventElement[]).find((s) => s.compatibility !== undefined);
}

/** The level an event's history is held to, everywhere: the level holder's, else BACKWARD. */
export function compatibilityOf(identity: Identity): CompatibilityLevel {
  return levelHolder(identity)?.compatibility ?? 'BACKWARD';
}

/** Stickies of the event that name a level other than the one that applies. */
export function levelConflicts(identity: Identity): EventElement[] {
  const level = compatibilityOf(identity);
  return (identity.stickies as EventElement[]).filter(
    (s) => s.compatibility !== undefined && s.compatibility !== level,
  );
}

/** A version as code is generated from it: its examples are always a list. */
export interface CodeVersion {
  version: number;
  schema: JsonSchema;
  examples: unknown[];
}

/**
 * The versions the generated service knows of an event: its history; or, for an event with no
 * history yet, one version 1 with an open empty payload, so that the service still compiles (the
 * event-no-schema rule tells the user so).
 */
export function codeVersionsOf(identity: Identity): CodeVersion[] {
  const versions = versionsOf(identity);
  if (versions.length === 0) return [{ version: 1, schema: { type: 'object', properties: {} }, examples: [] }];
  return versions.map((v) => ({ version: v.version, schema: v.schema, examples: v.examples ?? [] }));
}
