import { dirname } from 'node:path';
import type { Parser } from '@asyncapi/parser';
import { refusedRefs } from '../import/ref-check.ts';
import { readDocument } from '../import/yaml-input.ts';
import { confinedResolver, withRefScope } from './asyncapi-resolver.ts';
import { pointerOf } from '../../model/json-pointer.ts';

/**
 * The official AsyncAPI parser, loaded and made once per process (loading and building its rule
 * set take seconds, so a document refused by the checks before it never pays for them). Used by
 * `import asyncapi` to read documents and by the tests to check every export. It reads `$ref`s
 * only through `confinedResolver`: never the network, never outside the document's folder.
 */
let parser: Promise<Parser> | undefined;

export function asyncApiParser(): Promise<Parser> {
  parser ??= import('@asyncapi/parser').then(
    ({ Parser }) => new Parser({ __unstable: { resolver: confinedResolver() } }),
  );
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

function refused(diagnostic: Omit<ParserDiagnostic, 'severity'>): ParsedAsyncApi {
  return { raw: undefined, version: undefined, ok: false, diagnostics: [{ severity: 'error', ...diagnostic }] };
}

/**
 * Parses AsyncAPI text (JSON or YAML). Never throws for bad input: it becomes diagnostics.
 * `source` is the file's absolute path: relative `$ref`s resolve beside it, and only there.
 */
export async function parseAsyncApi(text: string, source?: string): Promise<ParsedAsyncApi> {
  // Judged before the parser sees a byte: sizes, nesting and aliases (which it would expand
  // without limit), then every `$ref` of the value as it really is, whatever its YAML spelling.
  const read = readDocument(text);
  if (!read.ok) return refused({ code: 'unreadable', message: read.message, pointer: '/', ...(read.position ?? {}) });
  const folder = source !== undefined ? dirname(source) : undefined;
  const [first] = await refusedRefs(read.value, folder);
  if (first)
    return refused({
      code: 'refused-ref',
      message: first.reason,
      pointer: pointerOf(first.path),
      ...(read.locate(first.path) ?? {}),
    });

  const scope = { ...(folder !== undefined ? { folder } : {}), refused: [] as string[] };
  const { document, diagnostics, extras } = await withRefScope(scope, async () =>
    (await asyncApiParser()).parse(text, source ? { source } : {}),
  );
  const list: ParserDiagnostic[] = scope.refused.map((message) => ({
    severity: 'error',
    code: 'refused-ref',
    message,
    pointer: '/',
  }));
  list.push(
    ...diagnostics.map((d) => ({
      severity: SEVERITY[d.severity] ?? 'error',
      code: String(d.code),
      message: d.message,
      pointer: pointerOf(d.path),
      ...(d.range ? { line: d.range.start.line + 1, column: d.range.start.character + 1 } : {}),
    })),
  );
  const raw = extras?.document?.data;
  const version = document?.version();
  return { raw, version, ok: document !== undefined && !list.some((d) => d.severity === 'error'), diagnostics: list };
}
