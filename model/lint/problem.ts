export type Severity = 'error' | 'warning' | 'info';

/** One finding of the linter: what is wrong, where, and how to fix it. */
export interface Problem {
  /** Stable id, e.g. `event-no-producer`; documented in docs/lint-rules.md. */
  rule: string;
  severity: Severity;
  /** What is wrong, as a sentence that names the element. */
  message: string;
  /** How to fix it, as a sentence. */
  fix: string;
  /** The element the problem is about (for a link: the link's source element). */
  elementId?: string;
  elementName?: string;
  linkId?: string;
  contextId?: string;
  /** JSON pointer into the board file, when the problem is about one value. */
  pointer?: string;
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
