import { Parser } from '@asyncapi/parser';

/**
 * The official AsyncAPI parser, made once per process (building its rule set takes a second or
 * more). Used by `import asyncapi` to read documents and by the tests to check every export.
 */
let parser: Parser | undefined;

export function asyncApiParser(): Parser {
  parser ??= new Parser();
  return parser;
}

export interface ParserDiagnostic {
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
  /** JSON pointer of the value the diagnostic is about. */
  pointer: string;
  line?: number;
  column?: number;
}

export interface ParsedAsyncApi {
  /** The document as written (before $refs were resolved), when it could be read at all. */
  raw: unknown;
  /** The parsed document's version, e.g. `3.0.0`. */
  version: string | undefined;
  ok: boolean;
  diagnostics: ParserDiagnostic[];
}

const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

/** Parses AsyncAPI text (JSON or YAML). Never throws for bad input: it becomes diagnostics. */
export async function parseAsyncApi(text: string, source?: string): Promise<ParsedAsyncApi> {
  const { document, diagnostics, extras } = await asyncApiParser().parse(text, source ? { source } : {});
  const list: ParserDiagnostic[] = diagnostics.map((d) => ({
    severity: SEVERITY[d.severity] ?? 'error',
    code: String(d.code),
    message: d.message,
    pointer: `/${d.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`,
    ...(d.range ? { line: d.range.start.line + 1, column: d.range.start.character + 1 } : {}),
  }));
  const raw = extras?.document?.data;
  const version = document?.version();
  return { raw, version, ok: document !== undefined && !list.some((d) => d.severity === 'error'), diagnostics: list };
}
