import { SvelteMap } from 'svelte/reactivity';

/**
 * Payload texts typed but not saved, because they are not JSON yet. They outlive the form (the
 * dock closes when another sticky is selected), so coming back shows the text as it was left.
 * Keyed by aggregate sticky, scenario slot and part; a change to the list's shape drops a
 * sticky's drafts, since their slots no longer mean the same scenario.
 */
const drafts = new SvelteMap<string, string>();

export const draftKey = (stickyId: string, index: number, part: string): string => `${stickyId}\u0000${index}\u0000${part}`;

export function draftOf(key: string): string | undefined {
  return drafts.get(key);
}

export function keepDraft(key: string, text: string): void {
  drafts.set(key, text);
}

export function dropDraft(key: string): void {
  drafts.delete(key);
}

export function dropDraftsOf(stickyId: string): void {
  for (const key of [...drafts.keys()]) if (key.startsWith(`${stickyId}\u0000`)) drafts.delete(key);
}

/** Whether any payload of the scenario has an unsaved draft (the list marks it). */
export function hasDrafts(stickyId: string, index: number): boolean {
  const prefix = `${stickyId}\u0000${index}\u0000`;
  for (const key of drafts.keys()) if (key.startsWith(prefix)) return true;
  return false;
}
