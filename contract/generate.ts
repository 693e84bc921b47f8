import type { ResponseMode } from '../model/board/types.ts';
import type { Severity } from '../model/lint/problem.ts';

/**
 * What generation tells the page, the CLI and the host: the one definition of these shapes, which
 * the generator fills in, the host sends and the renderer shows.
 */

/** What a write does to one file of a service. */
export type FileStatus = 'new' | 'changed' | 'unchanged' | 'kept' | 'removed' | 'orphan';

/** The generator's own issue codes; stable, so tests, the page and scripts can rely on them. */
export type GeneratorIssueCode =
  // Refusals: nothing is generated until they are fixed.
  | 'board-without-context'
  | 'no-context-chosen'
  | 'unknown-context'
  | 'name-cannot-become-code'
  | 'aggregate-id-field-invalid'
  | 'command-with-two-aggregates'
  | 'scenario-event-unknown'
  | 'scenario-command-not-handled'
  | 'name-collision'
  | 'file-collision'
  | 'package-name-invalid'
  | 'package-name-missing'
  | 'service-folder-shared'
  // Needs a person: the service is generated, and this is left to them.
  | 'upcaster-needs-person'
  | 'command-without-aggregate'
  | 'policy-without-trigger'
  | 'scenario-pending'
  | 'new-command-rule-added'
  | 'new-command-without-rule'
  | 'policy-issues-new-command'
  | 'user-file-orphaned';

interface IssueBase {
  /** `error` stops generation; `warning` is left to a person after the run. */
  severity: Severity;
  /**
   * Exactly the stickies the issue is about, so the dialog can take the user there without
   * reading the sentence. Empty when it is about no sticky (then see contextId).
   */
  elementIds: string[];
  /** The bounded context it was found in; its frame is where to look when no sticky is named. */
  contextId?: string;
  /** What is wrong or left to do, as a sentence for a person. */
  message: string;
  /** How to fix it, when said apart from the message. */
  fix?: string;
}

/** A lint error that stops generation; its code is the lint rule's id (docs/lint-rules.md). */
export interface LintIssue extends IssueBase {
  source: 'lint';
  code: string;
  /** The element's name as the linter gives it, for a terminal, where ids cannot be clicked. */
  elementName?: string;
}

/** What planning or writing a service found. */
export interface GeneratorIssue extends IssueBase {
  source: 'generator';
  code: GeneratorIssueCode;
}

/** Something that stops generation or needs a person, with the stickies it is about. */
export type GenerateIssue = LintIssue | GeneratorIssue;

export interface ServicePreview {
  context: string;
  contextName: string;
  packageName: string;
  responseMode: ResponseMode;
  /** The service's folder, relative to the board folder, with `/`. */
  folder: string;
  files: Array<{ path: string; owner: 'generated' | 'user'; status: FileStatus }>;
  /** What will need a person after the run (upcasters, pending scenarios, new commands in your rules). */
  needsPerson: GenerateIssue[];
}

export interface GeneratePreview {
  /** The output folder, relative to the board folder. */
  out: string;
  /** Why nothing can be generated yet: the board's lint errors and the planner's refusals. */
  problems: GenerateIssue[];
  services: ServicePreview[];
}

export interface GeneratedService {
  context: string;
  contextName: string;
  packageName: string;
  folder: string;
  /** The folder as a path on this machine, for a terminal. */
  path: string;
  written: number;
  unchanged: number;
  kept: string[];
  removed: string[];
  orphans: string[];
  /** The commands that build, test and start the service, from the board folder. */
  run: string[];
  needsPerson: GenerateIssue[];
}

export type GenerateOutcome = { ok: true; service: GeneratedService } | { ok: false; problems: GenerateIssue[] };
