import { createHash } from 'node:crypto';

/**
 * What identifies a request behind an Idempotency-Key: the command's name and its body as
 * canonical JSON (keys sorted at every level, so the order a client wrote them in does not
 * matter). Stored with the command's outcome, it tells a retry (the same request) from a key
 * reused for another request, which must not be answered as if that request had run.
 */
export function fingerprintOf(command: string, payload: unknown): string {
  return createHash('sha256').update(command).update('\u0000').update(canonicalJson(payload)).digest('base64url');
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, current: unknown) => {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return current;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(current).sort()) {
      // defineProperty, so that a "__proto__" key stays data.
      Object.defineProperty(sorted, key, {
        value: (current as Record<string, unknown>)[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return sorted;
  });
}

/** The answer to a key reused for another request, in words. */
export function reusedKeyMessage(commandId: string): string {
  return `the Idempotency-Key ${JSON.stringify(commandId)} was already used for another request (another command or another body); send a new key for a new request`;
}
