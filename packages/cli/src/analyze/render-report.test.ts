import { describe, expect, it } from 'vitest';
import { timeRange } from './render-report.js';

describe('timeRange', () => {
  it.each([
    [
      'the same day: the end is a time',
      '2026-11-20T09:00:03Z',
      '2026-11-20T11:59:50Z',
      '2026-11-20 09:00:03 → 11:59:50',
    ],
    [
      'another day: the end has its date',
      '2005-12-04T17:43:08Z',
      '2005-12-05T11:06:52Z',
      '2005-12-04 17:43:08 → 12-05 11:06:52',
    ],
    [
      'another year: the end is whole',
      '2015-12-31T23:59:00Z',
      '2016-01-01T00:01:00Z',
      '2015-12-31 23:59:00 → 2016-01-01 00:01:00',
    ],
  ])('%s', (_name, start, end, want) => {
    expect(timeRange(Date.parse(start), Date.parse(end))).toBe(want);
  });
});
