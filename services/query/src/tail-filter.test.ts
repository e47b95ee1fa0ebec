import { Level, LogEvent } from '@loglens/proto';
import { describe, expect, it } from 'vitest';
import { matchesFilter } from './event-matcher.js';
import { normalizeFilter, Violations } from './log-filter.js';
import { TailBuffer } from './tail-buffer.js';

// A live event at 2024-05-01T10:00:00.120Z.
const event = (overrides: Partial<LogEvent> = {}): LogEvent =>
  LogEvent.fromPartial({
    source: 'ns/app',
    time: { seconds: 1_714_557_600, nanos: 120_000_000 },
    level: Level.LEVEL_INFO,
    text: 'Hello, "world"',
    ...overrides,
  });

describe('filters and the tail', () => {
  it('normalises a filter and collects every violation', () => {
    const violations = new Violations();
    const filter = normalizeFilter(
      {
        source: 'ns/app',
        levels: [Level.LEVEL_ERROR, Level.LEVEL_UNSPECIFIED],
        templateId: '',
        traceId: 'AB'.repeat(16),
        text: 'x'.repeat(2000),
      },
      'filter',
      violations,
    );
    expect(filter).toMatchObject({ source: 'ns/app', levels: ['error'], traceId: 'ab'.repeat(16) });
    expect(violations.list.map((v) => v.field)).toEqual(['filter.text']);
  });
  it('matches live events like the SQL does', () => {
    expect(matchesFilter({ text: 'WORLD', levels: ['info'] }, event())).toBe(true);
    expect(matchesFilter({ levels: ['error'] }, event())).toBe(false);
    expect(matchesFilter({ startUs: 1_714_557_600_120_001n }, event())).toBe(false);
    expect(matchesFilter({ source: 'ns/other' }, event())).toBe(false);
  });
  it('bounds the tail buffer and counts what it drops', () => {
    const buffer = new TailBuffer(2);
    buffer.offer([event({ id: 'a' }), event({ id: 'b' }), event({ id: 'c' })]);
    const taken = buffer.take(10);
    expect([taken.events.map((e) => e.id), taken.droppedCount]).toEqual([['a', 'b'], 1]);
    expect(buffer.idle).toBe(true);
  });
});
