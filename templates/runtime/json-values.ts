/**
 * What JSON can carry. JSON has no Infinity and no NaN (JSON.parse turns 1e400 into Infinity, user
 * code divides by zero), and JSON.stringify writes both as null: stored that way, a value would
 * change silently. Nesting is capped so that no later step (validation, copying, the fingerprint,
 * JSON.stringify) runs out of stack on a hostile body.
 */

/** Deeper than any command or event a team designs; a 1 MiB body can nest far deeper. */
export const MAX_DEPTH = 64;

/** The first thing JSON cannot hold faithfully, as a phrase with its JSON pointer; undefined when all is well. */
export function jsonProblem(value: unknown): string | undefined {
  // Iterative, so the check itself cannot run out of stack.
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const current = item.value;
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return `${where(item.path)} is ${String(current)}, a number JSON cannot hold`;
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    // A cycle (user code can build one) ends here too.
    if (item.depth >= MAX_DEPTH) return `${where(item.path)} is nested deeper than ${MAX_DEPTH} levels`;
    const entries = Array.isArray(current) ? current.map((v, i) => [String(i), v] as const) : Object.entries(current);
    // Reversed, so that the first problem in document order is the one reported.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      stack.push({
        value: child,
        path: `${item.path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        depth: item.depth + 1,
      });
    }
  }
  return undefined;
}

function where(path: string): string {
  return path === '' ? 'the value' : `"${path}"`;
}
