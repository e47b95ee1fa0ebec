import { Level } from '@loglens/proto';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { filterFromFlags, parseLevels, parseTime } from './filter-flags.js';

const NOW = Date.UTC(2024, 4, 1, 12);

describe('filter flags', () => {
  it('reads durations ago and RFC 3339 times', () => {
    expect(parseTime('15m', NOW, '--since')).toEqual({ seconds: NOW / 1000 - 900, nanos: 0 });
    expect(parseTime('2024-05-01T10:00:00.5+02:00', NOW, '--since')).toEqual({
      seconds: Date.UTC(2024, 4, 1, 8) / 1000,
      nanos: 500_000_000,
    });
    expect(() => parseTime('yesterday', NOW, '--since')).toThrow(UsageError);
    expect(() => parseTime('15', NOW, '--since')).toThrow(/--since "15"/);
  });

  it('reads repeated and comma-separated levels', () => {
    expect(parseLevels(['error,WARN', 'fatal'])).toEqual([
      Level.LEVEL_ERROR,
      Level.LEVEL_WARN,
      Level.LEVEL_FATAL,
    ]);
    expect(() => parseLevels(['loud'])).toThrow(/unknown level "loud"/);
  });

  it('builds the LogFilter, leaving the time range unset without --since and --until', () => {
    expect(filterFromFlags({ source: 'ns/app', grep: 'x', trace: 't', template: 'tp' }, NOW)).toEqual({
      source: 'ns/app',
      levels: [],
      timeRange: undefined,
      templateId: 'tp',
      traceId: 't',
      text: 'x',
    });
    expect(filterFromFlags({ until: '1h' }, NOW).timeRange).toEqual({
      start: undefined,
      end: { seconds: NOW / 1000 - 3600, nanos: 0 },
    });
  });
});
