/** When a failed key may run again: per-key exponential backoff, capped by a global token bucket. */

/** Settings of {@link RetryLimiter}. */
export interface RetryLimiterSettings {
  /** Delay of a key's first retry, in ms; each further failure doubles it. */
  readonly baseDelayMs: number;
  /** No per-key delay exceeds this. */
  readonly maxDelayMs: number;
  /** Retries per second over all keys (token bucket refill rate). */
  readonly ratePerSecond: number;
  /** Retries allowed at once above the rate (token bucket size). */
  readonly burst: number;
}

/**
 * The retry schedule of the work queue, as client-go's default controller rate limiter: the larger of a per-key
 * exponential delay (so one broken object backs off alone) and a global bucket delay (so a failing dependency
 * does not turn every key into a retry storm). Pure: the caller passes the time.
 */
export class RetryLimiter {
  readonly #failures = new Map<string, number>();
  #tokens: number;
  #refilledAt: number | undefined;

  constructor(private readonly settings: RetryLimiterSettings) {
    this.#tokens = settings.burst;
  }

  /** Records one more failure of `key` and returns how long it must wait before its next attempt. */
  whenToRetry(key: string, nowMs: number): number {
    const failures = (this.#failures.get(key) ?? 0) + 1;
    this.#failures.set(key, failures);
    const exponent = Math.min(failures - 1, 30);
    const perKey = Math.min(this.settings.maxDelayMs, this.settings.baseDelayMs * 2 ** exponent);
    return Math.max(perKey, this.#reserveToken(nowMs));
  }

  /** Failures recorded for `key` since it last succeeded. */
  failures(key: string): number {
    return this.#failures.get(key) ?? 0;
  }

  /** Forgets the failures of `key` (it succeeded, or it is gone). */
  forget(key: string): void {
    this.#failures.delete(key);
  }

  // Takes a token, going into debt when the bucket is empty; the debt is the wait until the token exists.
  #reserveToken(nowMs: number): number {
    const { ratePerSecond, burst } = this.settings;
    if (this.#refilledAt !== undefined) {
      const refill = ((nowMs - this.#refilledAt) / 1000) * ratePerSecond;
      this.#tokens = Math.min(burst, this.#tokens + refill);
    }
    this.#refilledAt = nowMs;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil((-this.#tokens / ratePerSecond) * 1000);
  }
}
