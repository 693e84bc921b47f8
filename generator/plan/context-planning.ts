import type { BoardGraph, Identity } from '../../model/board/graph.ts';
import type { Board, Element } from '../../model/board/types.ts';
import { toIdentifier } from '../../model/names/identifiers.ts';
import type { GeneratorIssueCode, GeneratorIssue } from '../../contract/generate.ts';
import { needsPerson, refusal } from '../issues.ts';
import type { CommandPlan, EventPlan } from './service-plan.ts';

/**
 * The state of planning one context's service, shared by the planners of its parts (events.ts,
 * aggregates.ts, scenarios.ts, read-models.ts, policies.ts, collisions.ts): what was planned so
 * far, and what was found on the way, each finding with the stickies it is about.
 */
export class ContextPlanning {
  readonly board: Board;
  readonly graph: BoardGraph;
  readonly contextId: string;
  readonly identities: readonly Identity[];
  /** Planned events by identity key: this context's, then those of others that its parts read. */
  readonly events = new Map<string, EventPlan>();
  /** Planned commands by identity key, in the order the aggregates reach them. */
  readonly commands = new Map<string, CommandPlan>();
  readonly errors: GeneratorIssue[] = [];
  readonly notes: GeneratorIssue[] = [];
  readonly #said = new Set<string>();

  constructor(board: Board, graph: BoardGraph, contextId: string) {
    this.board = board;
    this.graph = graph;
    this.contextId = contextId;
    this.identities = [...graph.identities()];
  }

  /** This context's identities of one kind. */
  ofKind(kind: Element['kind']): Identity[] {
    return this.identities.filter((i) => i.kind === kind && i.contextId === this.contextId);
  }

  /** The name code gives a context, to tell apart the events of other contexts. */
  contextPascal(id: string): string {
    return toIdentifier(this.board.contexts.find((c) => c.id === id)?.name ?? id).pascal || 'Other';
  }

  /** Whether the identity's name can become code; if not, the generation is refused. */
  named(identity: Identity, what: string): boolean {
    const problem = identity.identifier.problem;
    if (problem) {
      const first = identity.stickies[0]!;
      this.refuse(
        'name-cannot-become-code',
        stickyIds(identity),
        `${what} ${JSON.stringify(first.name)} (${first.id}): ${problem.message}; rename it`,
      );
    }
    return !problem;
  }

  refuse(code: GeneratorIssueCode, elementIds: readonly string[], message: string): void {
    // The same part can be reached more than once (an event read by several parts); one report is enough.
    const key = JSON.stringify([code, elementIds, message]);
    if (this.#said.has(key)) return;
    this.#said.add(key);
    this.errors.push(refusal(code, elementIds, message, this.contextId));
  }

  note(code: GeneratorIssueCode, elementIds: readonly string[], message: string): void {
    this.notes.push(needsPerson(code, elementIds, message, this.contextId));
  }
}

export function stickyIds(identity: Identity): string[] {
  return identity.stickies.map((s) => s.id);
}

/** The items without repeats (by value), in their first order. */
export function unique<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
