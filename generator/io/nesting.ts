/**
 * Whether a parsed value nests arrays and objects more than `max` levels deep. Iterative, so that
 * asking never overflows the stack that the recursive walks after it (schema comparison, the
 * AsyncAPI parser) would overflow.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  const deepest = new Map<object, number>();
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > max) return true;
    // YAML aliases make shared (even circular) values: one is walked again only when reached
    // deeper than before, so a cycle counts as the endless depth it is, and stops at `max`.
    if ((deepest.get(node) ?? -1) >= depth) continue;
    deepest.set(node, depth);
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
