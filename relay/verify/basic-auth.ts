/** HTTP basic auth, as Postmark sends it (`https://user:password@relay/webhooks/postmark`). */
import { sameSecret } from './secrets.js';
import { ACCEPTED, refused, type Verdict } from './verdict.js';

export function verifyBasicAuth(
  expected: string | null,
  header: string | undefined,
  what: string,
): Verdict {
  if (!expected) return refused(`the ${what} webhook is not set up (its basic auth setting)`);
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header ?? '');
  if (!match) return refused('no basic auth');
  const given = Buffer.from(match[1]!, 'base64').toString('utf8');
  return sameSecret(given, expected) ? ACCEPTED : refused('wrong basic auth');
}
