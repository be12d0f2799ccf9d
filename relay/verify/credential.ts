/**
 * Who acts on a shared delivery: a credential the portal's backend signs for its user, never a
 * user object a page sends. A JSON Web Token signed with HMAC-SHA256 under the relay's key
 * (`SENDKIT_RELAY_JWT_KEY`), whose payload names the user (`sub`) and their roles (`roles`), and
 * expires (`exp`, seconds). The header must say `HS256`: `none`, another algorithm or a key id
 * is refused, so a token can never choose how it is checked.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role, User } from '../../src/index.js';
import { ROLES } from '../../src/rules/index.js';

/** Longest token read (a portal's backend signs a few hundred bytes). */
const MAX_TOKEN_LENGTH = 8_192;
/** Clocks of the portal's backend and the relay may differ a little. */
const LEEWAY_S = 30;

export interface CredentialSettings {
  /** The HMAC key; null: no credential is accepted (actions are off). */
  readonly key: string | null;
  /** When set, a token's `aud` must name it. */
  readonly audience: string | null;
}

export type CredentialReading =
  { readonly ok: true; readonly user: User } | { readonly ok: false; readonly reason: string };

const refusal = (reason: string): CredentialReading => ({ ok: false, reason });

function decodePart(part: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The user a token names, once its signature, algorithm, times and audience hold. */
export function verifyCredential(
  token: string,
  settings: CredentialSettings,
  nowMs: number,
): CredentialReading {
  if (settings.key === null) return refusal('this relay takes no user credentials (no key is set)');
  if (token.length > MAX_TOKEN_LENGTH) return refusal('the credential is too long');
  const parts = token.split('.');
  if (parts.length !== 3) return refusal('the credential is not a signed token');
  const [head, body, signature] = parts as [string, string, string];
  const header = decodePart(head);
  if (!header || header['alg'] !== 'HS256' || 'kid' in header || 'jku' in header || 'jwk' in header)
    return refusal('the credential must be signed with HS256');
  const expected = createHmac('sha256', settings.key).update(`${head}.${body}`).digest();
  const given = /^[A-Za-z0-9_-]+$/.test(signature) ? Buffer.from(signature, 'base64url') : null;
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected))
    return refusal('the credential’s signature does not hold');
  const payload = decodePart(body);
  if (!payload) return refusal('the credential’s payload is not an object');
  const now = nowMs / 1000;
  const { sub, roles, exp, nbf, aud } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp))
    return refusal('the credential has no expiry');
  if (exp + LEEWAY_S < now) return refusal('the credential has expired');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf - LEEWAY_S > now))
    return refusal('the credential is not valid yet');
  if (settings.audience !== null) {
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(settings.audience))
      return refusal('the credential is for another audience');
  }
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > 256)
    return refusal('the credential names no user (sub)');
  if (
    !Array.isArray(roles) ||
    roles.length > 64 ||
    !roles.every((role) => typeof role === 'string')
  )
    return refusal('the credential’s roles are not a list of names');
  // Roles of other applications may share the token: only the kit's own are kept.
  const known = [...new Set(roles.filter((role): role is Role => ROLES.includes(role as Role)))];
  return { ok: true, user: Object.freeze({ name: sub, roles: Object.freeze(known) }) };
}
