import { createLogPipeline } from '@loglens/logparse';
import { Level, timestampFromMillis, type LogLine, type RawBatch } from '@loglens/proto';
import { describe, expect, it } from 'vitest';
import { ORIGINAL_TIME_ATTRIBUTE, parseRawBatch, rawBatchId } from './parse-batch.js';
import { DEFAULT_SOURCE_SETTINGS } from './source-settings.js';

const received = Date.UTC(2024, 5, 1, 12);
const policy = { maxAgeMs: 86_400_000, maxSkewMs: 3_600_000 };

function line(text: string, extra: Partial<LogLine> = {}): LogLine {
  return { text, attributes: {}, levelHint: Level.LEVEL_UNSPECIFIED, sourceHint: '', ...extra };
}

function batch(lines: LogLine[]): RawBatch {
  return {
    tenantId: '00000000-0000-0000-0000-000000000001',
    source: 'shop/checkout',
    stream: 'pod-1/app',
    sequence: 7,
    receivedAt: timestampFromMillis(received),
    lines,
  };
}

describe('parseRawBatch', () => {
  const source = () => ({ pipeline: createLogPipeline(), settings: DEFAULT_SOURCE_SETTINGS });

  it('makes one event per record with deterministic ids and joined stack traces', () => {
    const raw = batch([
      line('2024-06-01T11:59:00Z ERROR payment failed for order 17'),
      line('    at charge (pay.js:10)'),
      line('2024-06-01T11:59:01Z INFO payment ok for order 18', { attributes: { pod: 'p1' } }),
    ]);
    const id = rawBatchId(raw);
    const parsed = parseRawBatch(raw, id, source(), policy, received);
    expect(id).toBe('00000000-0000-0000-0000-000000000001:shop/checkout:pod-1/app:7');
    expect(parsed.lines).toBe(3);
    expect(parsed.events.map((e) => [e.id, e.level, e.ts])).toEqual([
      [`${id}/0`, 'error', Date.UTC(2024, 5, 1, 11, 59, 0)],
      [`${id}/1`, 'info', Date.UTC(2024, 5, 1, 11, 59, 1)],
    ]);
    expect(parsed.events[0]?.message).toContain('at charge (pay.js:10)');
    expect(parsed.events[1]?.attributes.pod).toBe('p1');
    expect(parsed.events[0]?.templateId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('merges attributes parsed, shipped and labelled, later ones winning, a __proto__ key kept as data', () => {
    const raw = batch([
      line('{"level":"info","msg":"hello","pod":"from-text","user":"ann","__proto__":"odd"}', {
        attributes: { pod: 'shipped', node: 'n1' },
      }),
    ]);
    const labelled = { ...DEFAULT_SOURCE_SETTINGS, labels: { node: 'labelled' } };
    const [event] = parseRawBatch(raw, 'x', { ...source(), settings: labelled }, policy, received).events;
    expect(Object.getPrototypeOf(event?.attributes)).toBe(Object.prototype);
    expect(Object.entries(event?.attributes ?? {})).toEqual(
      expect.arrayContaining([
        ['pod', 'shipped'],
        ['node', 'labelled'],
        ['user', 'ann'],
        ['__proto__', 'odd'],
      ]),
    );
  });

  it("learns a new source's header from its whole first batch before parsing the first line", () => {
    const texts = [
      '1:M 20 Nov 2026 09:11:26.725 * 37 changes in 300 seconds. Saving...',
      '1423:C 20 Nov 2026 09:11:26.752 * DB saved on disk',
      '1:M 20 Nov 2026 09:11:27.080 * Background saving started by pid 1423',
      '1:M 20 Nov 2026 09:11:28.100 * 17 changes in 300 seconds. Saving...',
    ];
    const { events } = parseRawBatch(batch(texts.map((t) => line(t))), 'x', source(), policy, received);
    expect(events.map((e) => e.message)).toEqual([
      '37 changes in 300 seconds. Saving...',
      'DB saved on disk',
      'Background saving started by pid 1423',
      '17 changes in 300 seconds. Saving...',
    ]);
    expect(events[0]?.templateId).toBe(events[3]?.templateId);
  });

  it('uses the level hint only when the text has none', () => {
    const raw = batch([line('no level here at all', { levelHint: Level.LEVEL_WARN })]);
    expect(parseRawBatch(raw, 'x', source(), policy, received).events[0]?.level).toBe('warn');
  });

  it('clamps a time far from the receive time and keeps the original', () => {
    const raw = batch([
      line('2024-06-01T11:59:00Z INFO fine', { levelHint: Level.LEVEL_ERROR }),
      line('1999-01-01T00:00:00Z INFO ancient'),
    ]);
    const [first, second] = parseRawBatch(raw, 'x', source(), policy, received).events;
    expect(first?.level).toBe('info');
    expect(second?.ts).toBe(received);
    expect(second?.attributes[ORIGINAL_TIME_ATTRIBUTE]).toBe('1999-01-01T00:00:00.000Z');
  });

  it('releases a partial container line at the end of its batch', () => {
    const raw = batch([line('2024-06-01T11:59:00.000000000Z stdout P half a ')]);
    const parsed = parseRawBatch(raw, 'x', source(), policy, received);
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]?.message).toContain('half a');
  });
});
