import { describe, expect, it } from 'vitest';
import { RetryLimiter } from './retry-limiter.js';

const settings = { baseDelayMs: 100, maxDelayMs: 1_000, ratePerSecond: 10, burst: 100 };

describe('RetryLimiter', () => {
  it('doubles the delay of a key per failure up to the cap, and forgets on success', () => {
    const limiter = new RetryLimiter(settings);
    const delays = [1, 2, 3, 4, 5, 6].map(() => limiter.whenToRetry('a', 0));
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(limiter.whenToRetry('b', 0)).toBe(100);
    limiter.forget('a');
    expect(limiter.failures('a')).toBe(0);
    expect(limiter.whenToRetry('a', 0)).toBe(100);
  });

  it('spaces retries over all keys once the global bucket is empty', () => {
    const limiter = new RetryLimiter({ ...settings, baseDelayMs: 1, burst: 2 });
    expect(limiter.whenToRetry('a', 0)).toBe(1);
    expect(limiter.whenToRetry('b', 0)).toBe(1);
    // Bucket empty: 10 per second means the next token is 100 ms away, the one after 200 ms.
    expect(limiter.whenToRetry('c', 0)).toBe(100);
    expect(limiter.whenToRetry('d', 0)).toBe(200);
    // A second later the bucket has refilled to its size.
    expect(limiter.whenToRetry('e', 1_500)).toBe(1);
  });
});
