import { describe, expect, it } from 'vitest';
import { TenantRateLimiter } from './rate-limiter.js';

describe('TenantRateLimiter', () => {
  const limiter = () => new TenantRateLimiter({ ratePerSecond: 100, burst: 200 });

  it.each([
    // [tokens already taken at t=0, request at t, tokens requested, expected]
    { taken: 0, at: 0, tokens: 200, allowed: true },
    { taken: 200, at: 0, tokens: 1, retryAfterMs: 10 },
    { taken: 200, at: 10, tokens: 1, allowed: true },
    { taken: 200, at: 500, tokens: 60, retryAfterMs: 100 },
    { taken: 200, at: 2_000, tokens: 200, allowed: true },
    { taken: 150, at: 0, tokens: 100, retryAfterMs: 500 },
  ])('after $taken taken, $tokens at $at ms', ({ taken, at, tokens, allowed, retryAfterMs }) => {
    const l = limiter();
    if (taken > 0) expect(l.take('acme', taken, 0)).toEqual({ allowed: true });
    expect(l.take('acme', tokens, at)).toEqual(
      allowed ? { allowed: true } : { allowed: false, retryAfterMs },
    );
  });

  it('keeps one bucket per tenant', () => {
    const l = limiter();
    expect(l.take('a', 200, 0).allowed).toBe(true);
    expect(l.take('a', 1, 0).allowed).toBe(false);
    expect(l.take('b', 200, 0).allowed).toBe(true);
  });

  it('lets a batch larger than the burst through a full bucket, then makes the debt wait', () => {
    const l = limiter();
    expect(l.take('a', 500, 0)).toEqual({ allowed: true });
    // 300 tokens of debt plus 1 needed: 3.01 s at 100/s.
    expect(l.take('a', 1, 0)).toEqual({ allowed: false, retryAfterMs: 3_010 });
    expect(l.take('a', 1, 3_010).allowed).toBe(true);
  });

  it('never limits with a rate of 0', () => {
    const l = new TenantRateLimiter({ ratePerSecond: 0, burst: 1 });
    for (let i = 0; i < 10; i++) expect(l.take('a', 1_000_000, 0).allowed).toBe(true);
  });

  it('does not drain when the clock steps back', () => {
    const l = limiter();
    expect(l.take('a', 100, 1_000).allowed).toBe(true);
    expect(l.take('a', 100, 500).allowed).toBe(true);
    expect(l.take('a', 1, 500).allowed).toBe(false);
  });

  it('forgets idle tenants without changing decisions', () => {
    const l = new TenantRateLimiter({ ratePerSecond: 100, burst: 200, maxIdleBuckets: 2 });
    expect(l.take('a', 200, 0).allowed).toBe(true);
    expect(l.take('b', 200, 0).allowed).toBe(true);
    expect(l.take('c', 200, 10_000).allowed).toBe(true);
    expect(l.take('a', 200, 10_000).allowed).toBe(true);
    expect(l.take('c', 1, 10_000).allowed).toBe(false);
  });
});
