import { describe, expect, it } from 'vitest';
import { eventTime } from './event-time.js';

const policy = { maxAgeMs: 86_400_000, maxSkewMs: 3_600_000 };
const received = Date.UTC(2024, 5, 1, 12);

describe('eventTime', () => {
  it.each([
    ['the parsed time first', received - 1000, received - 2000, { ms: received - 1000 }],
    ['the line time without a parsed one', undefined, received - 2000, { ms: received - 2000 }],
    ['the receive time without either', undefined, undefined, { ms: received }],
    [
      'a time too old is clamped',
      received - 2 * 86_400_000,
      undefined,
      { ms: received, clampedFrom: received - 2 * 86_400_000 },
    ],
    [
      'a time too far ahead is clamped',
      received + 7_200_000,
      undefined,
      { ms: received, clampedFrom: received + 7_200_000 },
    ],
    ['within the skew stays', received + 600_000, undefined, { ms: received + 600_000 }],
  ])('%s', (_, parsed, line, expected) => {
    expect(eventTime(parsed, line, received, policy)).toEqual(expected);
  });
});
