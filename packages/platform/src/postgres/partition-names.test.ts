import { describe, expect, it } from 'vitest';
import { addDays, dayRange, partitionBounds, partitionDay, partitionName, toDay } from './partition-names.js';

describe('day partitions', () => {
  it.each([
    [new Date('2025-03-09T23:59:59.999Z'), '2025-03-09'],
    [new Date('2025-03-10T00:00:00.000Z'), '2025-03-10'],
    [new Date('2025-03-10T01:30:00+02:00'), '2025-03-09'],
    ['2024-02-29', '2024-02-29'],
  ])('takes the UTC day of %s', (input, day) => {
    expect(toDay(input)).toBe(day);
  });

  it.each(['2023-02-29', '2025-13-01', '2025-1-1', '20250101', 'yesterday', ''])('rejects %j', (bad) => {
    expect(() => toDay(bad)).toThrow(RangeError);
  });

  it('rejects invalid and out-of-range dates', () => {
    expect(() => toDay(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => toDay(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
  });

  it('names partitions after the day', () => {
    expect(partitionName('2025-01-31')).toBe('log_events_20250131');
    expect(partitionName(new Date('2025-01-31T12:00:00Z'))).toBe('log_events_20250131');
  });

  it.each([
    ['log_events_20250131', '2025-01-31'],
    ['log_events_20250230', undefined],
    ['log_events_2025013', undefined],
    ['log_events', undefined],
    ['templates', undefined],
  ])('reads the day back from %s', (name, day) => {
    expect(partitionDay(name)).toBe(day);
  });

  it('crosses months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(dayRange('2024-12-30', 3)).toEqual(['2024-12-30', '2024-12-31', '2025-01-01']);
    expect(dayRange('2024-12-30', 0)).toEqual([]);
    expect(() => dayRange('2024-12-30', -1)).toThrow(RangeError);
  });

  it('bounds a day from midnight UTC to the next midnight', () => {
    expect(partitionBounds('2024-12-31')).toEqual({
      from: '2024-12-31 00:00:00+00',
      to: '2025-01-01 00:00:00+00',
    });
  });
});
