import type { JsonSchema } from '../../../model/board/types.ts';

/** A new version of an event being written: not on the board until it is saved. */
export interface Draft {
  version: number;
  schema: JsonSchema;
  examples: unknown[];
  note: string;
  /** ISO date (YYYY-MM-DD), today when the draft was started. */
  date: string;
}

/**
 * What the schema dock remembers while the selection moves: unsaved drafts (by the id of the
 * sticky that holds the event's history, so selecting another sticky loses nothing) and the
 * height the user dragged the dock to.
 */
export class DockMemory {
  #drafts = $state.raw<ReadonlyMap<string, Draft>>(new Map());
  /** JSON text that was not a valid schema when its editor closed, by editor key: it is offered back. */
  #unapplied = new Map<string, string>();
  /** In pixels; 0 keeps the workspace's own height. */
  height = $state(0);

  draft(key: string): Draft | undefined {
    return this.#drafts.get(key);
  }

  setDraft(key: string, draft: Draft): void {
    this.#drafts = new Map(this.#drafts).set(key, draft);
  }

  /** Keeps (or, with undefined, forgets) an editor's unapplied text. */
  keepText(key: string, text: string | undefined): void {
    if (text === undefined) this.#unapplied.delete(key);
    else this.#unapplied.set(key, text);
  }

  keptText(key: string): string | undefined {
    return this.#unapplied.get(key);
  }

  dropDraft(key: string): void {
    const next = new Map(this.#drafts);
    next.delete(key);
    this.#drafts = next;
  }
}

export const dockMemory = new DockMemory();
