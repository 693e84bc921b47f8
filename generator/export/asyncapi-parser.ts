import { Parser } from '@asyncapi/parser';
import { pointerOf } from '../../model/json-pointer.ts';

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

// A `$ref` to an http(s) address, in JSON or YAML spelling.
const REMOTE_REF = /["']?\$ref["']?\s*:\s*["']?(https?:\/\/[^"'\s,}]+)/i;

/** Parses AsyncAPI text (JSON or YAML). Never throws for bad input: it becomes diagnostics. */
export async function parseAsyncApi(text: string, source?: string): Promise<ParsedAsyncApi> {
  // The parser would fetch remote references; a document a user imports must not make the
  // workbench reach out to addresses it names.
  const remote = REMOTE_REF.exec(text);
  if (remote) {
    const before = text.slice(0, remote.index);
    const line = before.split('\n').length;
    return {
      raw: undefined,
      version: undefined,
      ok: false,
      diagnostics: [{
        severity: 'error',
        code: 'remote-ref',
        message: `the document refers to ${remote[1]}, and Stormbench does not fetch remote references; inline that schema, or save it beside the document and refer to it by a relative path`,
        pointer: '/',
        line,
        column: remote.index - before.lastIndexOf('\n'),
      }],
    };
  }
  const { document, diagnostics, extras } = await asyncApiParser().parse(text, source ? { source } : {});
  const list: ParserDiagnostic[] = diagnostics.map((d) => ({
    severity: SEVERITY[d.severity] ?? 'error',
    code: String(d.code),
    message: d.message,
    pointer: pointerOf(d.path),
    ...(d.range ? { line: d.range.start.line + 1, column: d.range.start.character + 1 } : {}),
  }));
  const raw = extras?.document?.data;
  const version = document?.version();
  return { raw, version, ok: document !== undefined && !list.some((d) => d.severity === 'error'), diagnostics: list };
}
