import { describe, expect, it } from 'vitest';
import { durationFromMillis, durationToMillis } from './duration.js';
import {
  timestampFromDate,
  timestampFromMillis,
  timestampFromNanos,
  timestampToDate,
  timestampToMillis,
  timestampToNanos,
} from './timestamp.js';

describe('timestamp conversions', () => {
  it.each([
    [0, { seconds: 0, nanos: 0 }],
    [1_700_000_000_123, { seconds: 1_700_000_000, nanos: 123_000_000 }],
    [1.5, { seconds: 0, nanos: 1_500_000 }],
    [-1, { seconds: -1, nanos: 999_000_000 }],
  ])('from %d ms', (millis, expected) => {
    expect(timestampFromMillis(millis)).toEqual(expected);
    expect(timestampToMillis(expected)).toBeCloseTo(millis, 6);
  });

  it('keeps nanoseconds exactly', () => {
    const nanos = 1_700_000_000_123_456_789n;
    const timestamp = timestampFromNanos(nanos);
    expect(timestamp).toEqual({ seconds: 1_700_000_000, nanos: 123_456_789 });
    expect(timestampToNanos(timestamp)).toBe(nanos);
    expect(timestampFromNanos(-1n)).toEqual({ seconds: -1, nanos: 999_999_999 });
  });

  it('round-trips a Date', () => {
    const date = new Date('2025-01-02T03:04:05.678Z');
    expect(timestampToDate(timestampFromDate(date))).toEqual(date);
    expect(timestampToDate({ seconds: 0, nanos: 1_999_999 }).getTime()).toBe(1);
  });

  it('rejects non-finite input', () => {
    expect(() => timestampFromMillis(Number.NaN)).toThrow(RangeError);
  });
});

describe('duration conversions', () => {
  it.each([
    [0, { seconds: 0, nanos: 0 }],
    [1500, { seconds: 1, nanos: 500_000_000 }],
    [-1500, { seconds: -1, nanos: -500_000_000 }],
    [-0.5, { seconds: 0, nanos: -500_000 }],
  ])('from %d ms', (millis, expected) => {
    expect(durationFromMillis(millis)).toEqual(expected);
    expect(durationToMillis(expected)).toBe(millis);
  });
});
