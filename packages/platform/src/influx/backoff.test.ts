import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs, retryDelayMs } from './backoff.js';

const settings = { baseMs: 100, maxMs: 1_000 };

describe('backoff', () => {
  it.each([
    [1, 50, 100],
    [2, 100, 200],
    [3, 200, 400],
    [4, 400, 800],
    [5, 500, 1_000],
    [50, 500, 1_000],
  ])('attempt %i waits between %i and %i ms', (attempt, low, high) => {
    expect(backoffDelayMs(attempt, settings, () => 0)).toBe(low);
    expect(backoffDelayMs(attempt, settings, () => 1)).toBe(high);
    const sample = backoffDelayMs(attempt, settings);
    expect(sample).toBeGreaterThanOrEqual(low);
    expect(sample).toBeLessThanOrEqual(high);
  });

  it('jitters: many writers do not retry in lockstep', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(4, settings)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it.each([
    ['0', 0],
    ['3', 3_000],
    [' 120 ', 120_000],
    ['Wed, 01 Jan 2025 00:00:07 GMT', 7_000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
    ['soon', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %j ms', (header, expected) => {
    expect(parseRetryAfterMs(header, now)).toBe(expected);
  });

  it('prefers the server delay, capped, over the backoff', () => {
    expect(retryDelayMs(1, 700, settings, () => 0)).toBe(700);
    expect(retryDelayMs(1, 60_000, settings, () => 0)).toBe(1_000);
    expect(retryDelayMs(1, 0, settings, () => 0)).toBe(0);
    expect(retryDelayMs(3, undefined, settings, () => 0)).toBe(200);
  });
});
