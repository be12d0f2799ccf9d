/**
 * A user's credential as a portal's backend signs it for the relay (HS256 JWT: `sub`, `roles`,
 * `exp`, an hour by default): for the tests and the showcase's stand-in backend. Node's crypto
 * only, so a dev server's config can load it.
 */
import { createHmac } from 'node:crypto';

export function signCredential(
  key: string,
  claims: { sub: string; roles: readonly string[]; exp?: number; aud?: string },
  nowMs = Date.now(),
): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = encode({ alg: 'HS256', typ: 'JWT' });
  const body = encode({
    exp: Math.floor(nowMs / 1000) + 3600,
    iat: Math.floor(nowMs / 1000),
    ...claims,
  });
  const signature = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}
