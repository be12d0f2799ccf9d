/** Requests per second per client address: a token bucket each, refilled continuously. */
export class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst = perSecond * 2,
  ) {}

  /** Takes one request from the client's bucket; false when it is empty. */
  take(client: string, now: number): boolean {
    let bucket = this.buckets.get(client);
    if (!bucket) {
      if (this.buckets.size > 10_000) this.forgetFull(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(client, bucket);
    }
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond,
    );
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens--;
    return true;
  }

  /** Seconds until the client has a request again. */
  retryAfter(client: string): number {
    const bucket = this.buckets.get(client);
    return bucket ? Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond)) : 1;
  }

  /** Clients whose buckets have refilled are the same as new ones: forget them. */
  private forgetFull(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond >= this.burst) {
        this.buckets.delete(client);
      }
    }
  }
}
