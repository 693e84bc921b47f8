import type { ResponseMode } from '../model/board/types.ts';

/**
 * What generation tells the page, the CLI and the host: the one definition of these shapes, which
 * the generator fills in, the host sends and the renderer shows.
 */

/** What a write does to one file of a service. */
export type FileStatus = 'new' | 'changed' | 'unchanged' | 'kept' | 'removed' | 'orphan';

/**
 * Something that stops generation or needs a person, with the sticky (or context frame) it comes
 * from, so the dialog can take the user there.
 */
export interface GenerateIssue {
  message: string;
  elementId?: string;
}

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
