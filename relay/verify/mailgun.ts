/**
 * Mailgun's webhook signature: hex HMAC-SHA256 of timestamp + token with the webhook signing key.
 * Each token is accepted once within the timestamp window; a replay gets 401.
 */
import { createHmac } from 'node:crypto';
import { sameSecret } from './secrets.js';
import { ACCEPTED, isFresh, refused, secondsToMs, type Verdict } from './verdict.js';

export class MailgunVerifier {
  /** Tokens seen, with when they may be forgotten (their timestamp is out of window by then). */
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly signingKey: string | null,
    private readonly windowMs: number,
  ) {}

  verify(payload: unknown, now: number): Verdict {
    if (!this.signingKey) {
      return refused('the Mailgun webhook is not set up (SENDKIT_MAILGUN_SIGNING_KEY)');
    }
    const signature = (payload as { signature?: unknown } | null)?.signature;
    const { timestamp, token, signature: digest } = (signature ?? {}) as Record<string, unknown>;
    if (typeof token !== 'string' || typeof digest !== 'string' || token.length > 200) {
      return refused('no Mailgun signature');
    }
    const at = secondsToMs(timestamp);
    if (!isFresh(at, now, this.windowMs)) return refused('timestamp out of window');
    const expected = createHmac('sha256', this.signingKey)
      .update(`${String(timestamp)}${token}`)
      .digest('hex');
    if (!sameSecret(digest.toLowerCase(), expected)) return refused('bad Mailgun signature');
    this.forgetOld(now);
    if (this.tokens.has(token)) return refused('replayed Mailgun token');
    this.tokens.set(token, at + this.windowMs);
    return ACCEPTED;
  }

  private forgetOld(now: number): void {
    for (const [token, until] of this.tokens) {
      if (until >= now) break;
      this.tokens.delete(token);
    }
  }
}
