import type { PlayEntry, PlayRefusal } from '../../../contract/play.ts';
import type { WatchBatch } from './log-watch.ts';
import type { PlayIndex } from './play-map.ts';

/** The timeline a snapshot can hand out; older entries still count, but are no longer listed. */
const KEEP_ENTRIES = 5000;
const KEEP_REFUSALS = 100;

/** What play has seen so far: the timeline, counts by sticky, the last refusals. */
export class PlayTally {
  #entries: PlayEntry[] = [];
  #refusals: PlayRefusal[] = [];
  readonly #counts = new Map<string, number>();
  readonly #policyCommands = new Set<string>();

  /** Adds what a poll found; true when there was anything. */
  add(batch: WatchBatch, index: PlayIndex): boolean {
    if (batch.entries.length === 0 && batch.refusals.length === 0 && batch.commands.length === 0) return false;
    for (const entry of batch.entries) {
      for (const id of index.eventStickies(entry.context, entry.type)) this.#bump(id);
      // A policy fired once per command it issued, however many events that command appended.
      if (entry.policy && !this.#policyCommands.has(entry.commandId)) {
        this.#policyCommands.add(entry.commandId);
        for (const id of index.policyStickies(entry.policy.type)) this.#bump(id);
      }
    }
    for (const command of batch.commands)
      for (const id of index.commandStickies(command.contextId, command.command)) this.#bump(id);
    this.#entries.push(...batch.entries);
    if (this.#entries.length > KEEP_ENTRIES) this.#entries = this.#entries.slice(-KEEP_ENTRIES);
    this.#refusals = [...this.#refusals, ...batch.refusals].slice(-KEEP_REFUSALS);
    // A refusal is settled once a command of the same kind was carried out after it.
    for (const done of batch.commands) {
      for (const r of this.#refusals)
        if (!r.cleared && r.contextId === done.contextId && r.command === done.command && r.at <= done.at)
          r.cleared = true;
    }
    return true;
  }

  entriesAfter(position: number): PlayEntry[] {
    const i = this.#entries.findIndex((e) => e.position > position);
    return i < 0 ? [] : this.#entries.slice(i);
  }

  get refusals(): PlayRefusal[] {
    return [...this.#refusals];
  }

  get counts(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  #bump(id: string): void {
    this.#counts.set(id, (this.#counts.get(id) ?? 0) + 1);
  }
}
