/** The outcome of asking for tokens: granted, or refused with the wait until it would be granted. */
export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** Options of {@link TenantRateLimiter}. */
export interface RateLimiterOptions {
  /** Tokens (lines) added per second; 0 disables the limit. */
  readonly ratePerSecond: number;
  /** Bucket size: the most tokens that can be spent at once. */
  readonly burst: number;
  /** Buckets kept before full (idle) ones are forgotten. @default 10000 */
  readonly maxIdleBuckets?: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * A token bucket per tenant, pure (time is passed in). A request for `n` tokens is granted when the bucket
 * holds at least `min(n, burst)`, and then takes all `n`: a batch larger than the burst is not refused
 * forever, it leaves the bucket in debt, which later requests pay off by waiting.
 */
export class TenantRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimiterOptions) {}

  /** Takes `tokens` from the tenant's bucket at time `nowMs`, or says how long to wait. */
  take(tenant: string, tokens: number, nowMs: number): RateDecision {
    const { ratePerSecond, burst } = this.options;
    if (ratePerSecond <= 0) return { allowed: true };
    const bucket = this.refill(tenant, nowMs);
    const needed = Math.min(tokens, burst);
    if (bucket.tokens >= needed) {
      bucket.tokens -= tokens;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil(((needed - bucket.tokens) * 1000) / ratePerSecond) };
  }

  private refill(tenant: string, nowMs: number): Bucket {
    const { ratePerSecond, burst } = this.options;
    let bucket = this.buckets.get(tenant);
    if (bucket === undefined) {
      this.forgetIdle(nowMs);
      bucket = { tokens: burst, updatedMs: nowMs };
      this.buckets.set(tenant, bucket);
      return bucket;
    }
    // A clock that steps back must not drain the bucket.
    const elapsedMs = Math.max(0, nowMs - bucket.updatedMs);
    bucket.tokens = Math.min(burst, bucket.tokens + (elapsedMs * ratePerSecond) / 1000);
    bucket.updatedMs = Math.max(bucket.updatedMs, nowMs);
    return bucket;
  }

  // A full bucket is the same as no bucket, so forgetting it bounds memory without changing any decision.
  private forgetIdle(nowMs: number): void {
    if (this.buckets.size < (this.options.maxIdleBuckets ?? 10_000)) return;
    const { ratePerSecond, burst } = this.options;
    for (const [tenant, bucket] of this.buckets) {
      const tokens = bucket.tokens + ((nowMs - bucket.updatedMs) * ratePerSecond) / 1000;
      if (tokens >= burst) this.buckets.delete(tenant);
    }
  }
}
