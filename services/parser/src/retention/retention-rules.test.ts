import { describe, expect, it } from 'vitest';
import { archiveName, parseRetention, planRetention, retentionOf } from './retention-rules.js';

const DAY = 86_400_000;

describe('parseRetention', () => {
  it.each([
    ['7d', 7 * DAY],
    ['2w', 14 * DAY],
    ['1d12h', 1.5 * DAY],
    ['90m', 5_400_000],
    ['500ms', 500],
  ])('reads %s', (text, ms) => expect(parseRetention(text)).toBe(ms));

  it.each(['', '7', 'd', '7 d', '1y', '-1d'])('rejects %j', (text) => {
    expect(parseRetention(text)).toBeUndefined();
  });
});

describe('planRetention', () => {
  const days = ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05'];

  it('drops the days entirely older than the longest retention, oldest first', () => {
    const plan = planRetention({
      now: new Date('2024-03-06T12:00:00Z'),
      days: [...days].reverse(),
      defaultMs: 2 * DAY,
      sourceRetentions: new Map([
        ['shop/checkout', 1 * DAY],
        ['shop/audit', 3 * DAY],
      ]),
    });
    expect(plan.longestMs).toBe(3 * DAY);
    // Cutoff 2024-03-03T12:00Z: days ending at or before it go.
    expect(plan.dropDays).toEqual(['2024-03-01', '2024-03-02']);
    expect(plan.shortestCutoff).toEqual(new Date('2024-03-05T12:00:00Z'));
  });

  it('drops a day that ends exactly at the cutoff and keeps the next', () => {
    const plan = planRetention({
      now: new Date('2024-03-04T00:00:00Z'),
      days,
      defaultMs: 2 * DAY,
      sourceRetentions: new Map(),
    });
    expect(plan.dropDays).toEqual(['2024-03-01']);
  });

  it('uses the default for sources without a LogSource', () => {
    const retentions = new Map([['shop/checkout', DAY]]);
    expect(retentionOf('shop/checkout', retentions, 7 * DAY)).toBe(DAY);
    expect(retentionOf('other/app', retentions, 7 * DAY)).toBe(7 * DAY);
  });
});

describe('archiveName', () => {
  it('names one file per day, with a suffix for a later copy', () => {
    expect(archiveName('2024-03-01')).toBe('log_events-20240301.jsonl.gz');
    expect(archiveName('2024-03-01', 2)).toBe('log_events-20240301-2.jsonl.gz');
  });
});
