import { describeReadError } from '../io/fs-errors.ts';
import { MAX_DOCUMENT_BYTES } from '../io/limits.ts';
import { readTextCapped } from '../io/read-text.ts';
import { parseAsyncApi, type ParserDiagnostic } from '../export/asyncapi-parser.ts';
import { asyncApiToBoard, type ImportResult } from './to-board.ts';

export type ImportOutcome = ({ ok: true } & ImportResult) | { ok: false; message: string };

/**
 * Reads AsyncAPI files (JSON or YAML, 2.x or 3.0) with the official parser and turns them into one
 * board. A file the parser rejects stops the import with its first diagnostics, one per line.
 * `path` must be absolute: its folder is the only place the document's `$ref`s may read from.
 */
export async function importAsyncApiFiles(
  files: ReadonlyArray<{ path: string; label: string }>,
  boardName?: string,
): Promise<ImportOutcome> {
  const documents: Array<{ raw: unknown; source: string }> = [];
  for (const { path, label } of files) {
    let text: string;
    try {
      text = await readTextCapped(path, MAX_DOCUMENT_BYTES, 'an AsyncAPI document');
    } catch (error) {
      return { ok: false, message: describeReadError(error, label) };
    }
    const parsed = await parseAsyncApi(text, path);
    if (!parsed.ok) return { ok: false, message: describeRejection(label, parsed.diagnostics) };
    const version = String((parsed.raw as { asyncapi?: unknown }).asyncapi ?? '');
    if (!/^(2|3)\./.test(version))
      return { ok: false, message: `${label}: AsyncAPI ${version} is not supported; give a 2.x or 3.0 document.` };
    documents.push({ raw: parsed.raw, source: label });
  }
  return { ok: true, ...asyncApiToBoard(documents, boardName) };
}

export function describeRejection(label: string, diagnostics: readonly ParserDiagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const shown = (errors.length > 0 ? errors : diagnostics).slice(0, 3);
  if (shown.length === 0) return `${label}: is not an AsyncAPI document the parser can read.`;
  const lines = shown.map(
    (d) =>
      `${label}${d.line !== undefined ? `:${d.line}:${d.column}` : ''}: ${withoutStack(d.message)}${d.pointer !== '/' ? ` (at ${d.pointer})` : ''}`,
  );
  if (errors.length > shown.length) lines.push(`… and ${errors.length - shown.length} more.`);
  return lines.join('\n');
}

/** The parser's message on one line, without the stack it appends when something inside it threw. */
function withoutStack(message: string): string {
  return message
    .replace(/,?\s*stack:[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
