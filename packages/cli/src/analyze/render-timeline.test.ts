import { describe, expect, it } from 'vitest';
import { formatSpan } from './render-timeline.js';

describe('formatSpan', () => {
  it.each([
    [60_000, '1m'],
    [7_200_000, '2h'],
    [90 * 60_000, '1.5h'],
    [13_312 * 60_000, '9.2d'],
    [500, '500ms'],
  ])('%d ms is %s', (ms, want) => {
    expect(formatSpan(ms)).toBe(want);
  });
});
