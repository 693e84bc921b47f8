import { timingSafeEqual } from 'node:crypto';

/** Compares a presented token with a secret in constant time, so timing tells nothing of it. */
export function sameSecret(presented: string, secret: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
