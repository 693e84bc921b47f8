import { isAbsolute, resolve } from 'node:path';
import { assertInside } from '../io/confined.ts';

/** A `$ref` that Stormbench will not follow, where it is (the keys leading to it) and why. */
export interface RefusedRef {
  path: string[];
  ref: string;
  reason: string;
}

/**
 * Every `$ref` of a parsed document that would make the importer reach beyond the document's own
 * folder: a URL of any scheme (http, https, file, …), a network path, an absolute path, or a
 * relative one that `..` or a symbolic link carries out of `folder`. Judged on the parsed value,
 * so no YAML spelling (folded scalar, alias, `!!str` tag, escaped key, JSON `\u0024ref`) hides
 * one. Without a folder (text not from a file) only references inside the document are allowed.
 */
export async function refusedRefs(value: unknown, folder: string | undefined): Promise<RefusedRef[]> {
  const refused: RefusedRef[] = [];
  const stack: Array<[unknown, string[]]> = [[value, []]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, child] of entries) {
      if (key === '$ref' && typeof child === 'string') {
        const reason = await refusal(child, folder);
        if (reason !== undefined) refused.push({ path: [...path, key], ref: child, reason });
      } else {
        stack.push([child, [...path, key]]);
      }
    }
  }
  // In the order a person reads the document, not the walk's.
  return refused.sort((a, b) => a.path.join('\0').localeCompare(b.path.join('\0')));
}

// A board keeps only what is inside the document, so that is the advice, for every case.
const INLINE =
  'copy that schema into the document (under components/schemas) and refer to it as "#/components/schemas/…"';
const REMOTE = `Stormbench does not fetch remote references; ${INLINE}`;
const OUTSIDE = `Stormbench reads no file outside the document's folder; ${INLINE}`;

async function refusal(ref: string, folder: string | undefined): Promise<string | undefined> {
  const trimmed = ref.trim();
  if (trimmed.startsWith('#')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[a-z]:[\\/]/i.test(trimmed))
    return `the document refers to ${ref}, and ${REMOTE}`;
  if (/^[\\/]{2}/.test(trimmed)) return `the document refers to ${ref}, a network path, and ${REMOTE}`;
  const file = trimmed.replace(/[#?].*$/s, '');
  if (isAbsolute(file) || /^[a-z]:[\\/]/i.test(file))
    return `the document refers to ${ref}, an absolute path, and ${OUTSIDE}`;
  if (folder === undefined)
    return `the document refers to ${ref}, and a document that is not read from a file may only refer inside itself; ${INLINE}`;
  // The parser decodes %-escapes in paths: `..%2F` must count as the `../` it becomes.
  let decoded = file;
  try {
    decoded = decodeURIComponent(file);
  } catch {
    return `the document refers to ${ref}, which is not a valid reference (a malformed %-escape); write the path plainly`;
  }
  for (const candidate of new Set([file, decoded])) {
    try {
      await assertInside(folder, resolve(folder, candidate));
    } catch {
      return `the document refers to ${ref}, which lies outside the document's folder, and ${OUTSIDE}`;
    }
  }
  return undefined;
}
