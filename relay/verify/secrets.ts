/** Comparing secrets in constant time, whatever their lengths. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Equal texts? Both are hashed first, so neither the length nor the content leaks by timing. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match ? match[1]! : null;
}
