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
