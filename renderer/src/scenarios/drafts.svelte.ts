import { SvelteMap } from 'svelte/reactivity';

/**
 * Payload texts typed but not saved, because they are not JSON yet. They outlive the form (the
 * dock closes when another sticky is selected), so coming back shows the text as it was left.
 * Keyed by aggregate sticky, scenario slot and part (`when`, `given/0`…); a change to a list's
 * shape moves the drafts along with the scenarios and events they belong to.
 */
const drafts = new SvelteMap<string, string>();

export const draftKey = (stickyId: string, index: number, part: string): string =>
  `${stickyId}\u0000${index}\u0000${part}`;

export function draftOf(key: string): string | undefined {
  return drafts.get(key);
}

export function keepDraft(key: string, text: string): void {
  drafts.set(key, text);
}

export function dropDraft(key: string): void {
  drafts.delete(key);
}

export interface DraftSlot {
  stickyId: string;
  index: number;
  part: string;
}

/**
 * Moves every draft to where its scenario or event went (undefined: it was deleted). Two passes,
 * so that swapped slots do not overwrite each other.
 */
export function remapDrafts(move: (slot: DraftSlot) => DraftSlot | undefined): void {
  const moved: Array<[string, string]> = [];
  for (const [key, text] of [...drafts.entries()]) {
    const [stickyId = '', index = '', part = ''] = key.split('\u0000');
    const to = move({ stickyId, index: Number(index), part });
    const next = to ? draftKey(to.stickyId, to.index, to.part) : undefined;
    if (next === key) continue;
    drafts.delete(key);
    if (next) moved.push([next, text]);
  }
  for (const [key, text] of moved) drafts.set(key, text);
}

/** Whether any payload of the scenario has an unsaved draft (the list marks it). */
export function hasDrafts(stickyId: string, index: number): boolean {
  const prefix = `${stickyId}\u0000${index}\u0000`;
  for (const key of drafts.keys()) if (key.startsWith(prefix)) return true;
  return false;
}
