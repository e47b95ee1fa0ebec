import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTimeZone } from './time-zone.js';
import { createTimestampParser } from './timestamp.js';

const reference = Date.UTC(2024, 2, 1, 12, 0, 0);
const utc = createTimestampParser({ zone: createTimeZone('UTC'), reference });
const iso = (s: string): number => Date.parse(s);

describe('createTimestampParser', () => {
  it.each([
    ['2023-01-01T10:00:00Z', iso('2023-01-01T10:00:00Z')],
    ['2023-01-01T10:00:00.123456789Z', iso('2023-01-01T10:00:00.123Z')],
    ['2023-01-01T10:00:00-05:00', iso('2023-01-01T15:00:00Z')],
    ['2023-01-01T10:00:00+0530', iso('2023-01-01T04:30:00Z')],
    ['2015-10-18 18:01:47,978', iso('2015-10-18T18:01:47.978Z')],
    ['2016-09-28 04:30:30,', iso('2016-09-28T04:30:30Z')],
    ['17/06/09 20:10:40', iso('2017-06-09T20:10:40Z')],
    ['081109 203615', iso('2008-11-09T20:36:15Z')],
    ['2005-06-03-15.42.50.675872', iso('2005-06-03T15:42:50.675Z')],
    ['2005.06.03', iso('2005-06-03T00:00:00Z')],
    ['Sun Dec 04 04:47:44 2005', iso('2005-12-04T04:47:44Z')],
    ['10/Oct/2000:13:55:36 -0700', iso('2000-10-10T20:55:36Z')],
    ['Feb 10 06:55:46', iso('2024-02-10T06:55:46Z')],
    ['Dec 10 06:55:46', iso('2023-12-10T06:55:46Z')],
    [
      '03-17 16:13:38.811',
      iso('2024-03-17T16:13:38.811Z') > reference + 2 * 86_400_000 ? iso('2023-03-17T16:13:38.811Z') : 0,
    ],
    ['1117838570', 1117838570000],
    ['1700000000.5', 1700000000500],
    ['1700000000123', 1700000000123],
    ['1700000000123456789', 1700000000123],
    ['01 Jan 2023 12:00:00.123', iso('2023-01-01T12:00:00.123Z')],
    ['2023-01-01 12:00:00.123 UTC', iso('2023-01-01T12:00:00.123Z')],
    ['12/31/2023 11:59:59 PM', iso('2023-12-31T23:59:59Z')],
    ['20230101', iso('2023-01-01T00:00:00Z')],
  ])('%s', (text, expected) => {
    expect(utc(text)).toBe(expected);
  });

  it.each(['hello', 'INFO', '12345', 'node-246', '99-99 99:99:99', 'R02-M1-N0-C:J12-U11'])(
    'rejects %s',
    (text) => {
      expect(utc(text)).toBeUndefined();
    },
  );

  it('reads naive times in the configured zone', () => {
    const paris = createTimestampParser({ zone: createTimeZone('Europe/Paris'), reference });
    expect(paris('2023-07-01 12:00:00')).toBe(iso('2023-07-01T10:00:00Z'));
    expect(paris('2023-01-01 12:00:00')).toBe(iso('2023-01-01T11:00:00Z'));
    expect(paris('2023-07-01T12:00:00Z')).toBe(iso('2023-07-01T12:00:00Z'));
    const fixed = createTimestampParser({ zone: createTimeZone('+02:00'), reference });
    expect(fixed('2023-07-01 12:00:00')).toBe(iso('2023-07-01T10:00:00Z'));
  });

  it('rejects an unknown zone by name', () => {
    expect(() => createTimeZone('Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });
});

describe('createTimestampParser: the minute cache', () => {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  // Minutes near zone changes and near the year-before cut-off (two days after the reference, mid-minute).
  const anyMinute = fc.record({
    year: fc.constantFrom(2005, 2016, 2024),
    month: fc.constantFrom(1, 3, 10, 11, 12),
    day: fc.constantFrom(1, 3, 26, 31),
    hour: fc.constantFrom(0, 1, 2, 3, 12, 23),
    minute: fc.constantFrom(0, 30, 59),
  });
  const cutOff = fc.constant({ year: 2024, month: 1, day: 3, hour: 12, minute: 0 });
  const minute = fc.oneof({ weight: 1, arbitrary: cutOff }, { weight: 3, arbitrary: anyMinute });
  const step = fc.record({
    which: fc.integer({ min: 0, max: 1 }),
    second: fc.constantFrom(0, 7, 30, 31, 59, 60, 61, 99),
    fraction: fc.constantFrom(
      '',
      '.5',
      ',5',
      '.123',
      ',123',
      '-123',
      ':123',
      ' .1',
      '.123456',
      '.9999999999999999999',
    ),
  });
  type Minute = typeof anyMinute extends fc.Arbitrary<infer T> ? T : never;
  const render = (layout: number, m: Minute, second: number, fraction: string): string => {
    const date = `${m.year}-${pad(m.month)}-${pad(m.day)}`;
    const time = `${pad(m.hour)}:${pad(m.minute)}:${pad(second)}${fraction}`;
    const month = MONTHS[m.month - 1]!;
    return [
      `${date} ${time}`,
      `${date}T${time}Z`,
      `${date}T${time}+05:30`,
      `${month} ${pad(m.day)} ${time}`,
      `Sun ${month} ${pad(m.day)} ${time} ${m.year}`,
      `${pad(m.month)}-${pad(m.day)} ${time}`,
      `${date}-${pad(m.hour)}.${pad(m.minute)}.${pad(second)}${fraction.replace(',', '.')}`,
      `${pad(m.day)}/${month}/${m.year}:${time} -0700`,
    ][layout]!;
  };

  it.each(['UTC', '+05:30', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe'])(
    'gives what a fresh parser gives, in %s',
    (zone) => {
      const ctx = { zone: createTimeZone(zone), reference: Date.UTC(2024, 0, 1, 12, 0, 30) };
      const sequence = fc.tuple(
        fc.integer({ min: 0, max: 7 }),
        minute,
        minute,
        fc.array(step, { minLength: 1, maxLength: 12 }),
      );
      fc.assert(
        fc.property(sequence, ([layout, a, b, steps]) => {
          const reused = createTimestampParser(ctx);
          for (const { which, second, fraction } of steps) {
            const text = render(layout, which === 0 ? a : b, second, fraction);
            expect(reused(`[${text}]`, 1, text.length + 1)).toBe(createTimestampParser(ctx)(text));
          }
        }),
        { numRuns: 500 },
      );
    },
  );

  it('reads every second of the minute that holds the year-before cut-off', () => {
    const ctx = { zone: createTimeZone('UTC'), reference: Date.UTC(2024, 0, 1, 12, 0, 30) };
    for (const layout of [3, 5]) {
      const reused = createTimestampParser(ctx);
      for (let second = 0; second < 60; second++) {
        const text = render(layout, { year: 2024, month: 1, day: 3, hour: 12, minute: 0 }, second, '.5');
        expect(reused(text)).toBe(createTimestampParser(ctx)(text));
      }
    }
  });
});
