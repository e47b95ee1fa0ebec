import { describe, expect, it } from 'vitest';
import type { EventRow } from '../parse/event-row.js';
import { templateDeltas, volumeDeltas } from './rollup.js';
import { VolumeBuckets } from './volume-buckets.js';

const T = '00000000-0000-0000-0000-000000000001';
function event(
  templateId: string,
  ts: number,
  level: EventRow['level'] = 'info',
  previous?: string,
): EventRow {
  return {
    id: `${templateId}/${ts}`,
    tenantId: T,
    source: 'ns/app',
    ts,
    level,
    templateId,
    template: `template ${templateId}`,
    ...(previous ? { previousTemplateId: previous } : {}),
    message: 'm',
    params: [],
    attributes: {},
  };
}

describe('rollups', () => {
  const events = [
    event('b', 61_000),
    event('a', 5_000, 'error'),
    event('b', 1_000, 'info', 'old'),
    event('b', 2_000),
  ];

  it('sums templates with first and last seen, keeping the previous id, sorted by key', () => {
    expect(templateDeltas(events)).toEqual([
      {
        tenantId: T,
        source: 'ns/app',
        id: 'a',
        template: 'template a',
        count: 1,
        firstSeen: 5_000,
        lastSeen: 5_000,
        previousId: null,
      },
      {
        tenantId: T,
        source: 'ns/app',
        id: 'b',
        template: 'template b',
        count: 3,
        firstSeen: 1_000,
        lastSeen: 61_000,
        previousId: 'old',
      },
    ]);
  });

  it('sums volumes per minute, level and template', () => {
    expect(volumeDeltas(events).map((v) => [v.minute, v.level, v.templateId, v.count])).toEqual([
      [0, 'error', 'a', 1],
      [0, 'info', 'b', 2],
      [60_000, 'info', 'b', 1],
    ]);
  });

  it('writes running totals of 10 s buckets, only for buckets that changed', () => {
    const buckets = new VolumeBuckets('parser-1');
    buckets.add([event('a', 1_000), event('a', 9_999)]);
    const first = buckets.drain();
    expect(first.map((p) => [p.measurement, p.intFields?.count, p.time?.getTime()])).toEqual([
      ['log_volume', 2, 0],
      ['template_volume', 2, 0],
    ]);
    buckets.add([event('a', 5_000), event('a', 10_000)]);
    const second = buckets.drain();
    expect(second.map((p) => [p.measurement, p.intFields?.count, p.time?.getTime()])).toEqual([
      ['log_volume', 3, 0],
      ['template_volume', 3, 0],
      ['log_volume', 1, 10_000],
      ['template_volume', 1, 10_000],
    ]);
    expect(second.every((p) => p.tags?.writer === 'parser-1')).toBe(true);
    expect(buckets.drain()).toEqual([]);
  });

  it('forgets the oldest buckets beyond its bound, still writing their last totals', () => {
    const buckets = new VolumeBuckets('parser-1', 4);
    buckets.add([event('a', 0), event('a', 10_000), event('a', 20_000)]);
    expect(buckets.size).toBe(4);
    expect(buckets.drain().map((p) => p.time?.getTime())).toEqual([0, 0, 10_000, 10_000, 20_000, 20_000]);
  });

  it('counts a bucket opened again after it was forgotten in a series of its own', () => {
    const buckets = new VolumeBuckets('parser-1', 2);
    const totals = () =>
      buckets
        .drain()
        .filter((p) => p.measurement === 'log_volume')
        .map((p) => [p.time?.getTime(), p.tags?.writer, p.intFields?.count]);
    buckets.add([event('a', 0), event('a', 0), event('a', 0)]);
    buckets.add([event('a', 10_000)]);
    expect(totals()).toEqual([
      [0, 'parser-1', 3],
      [10_000, 'parser-1', 1],
    ]);
    // Bucket 0 was forgotten: a late event must not overwrite its total of 3 with 1.
    buckets.add([event('a', 5_000), event('a', 20_000)]);
    expect(totals()).toEqual([
      [0, 'parser-1~1', 1],
      [20_000, 'parser-1', 1],
    ]);
    // Forgotten again and reopened: yet another series, so neither earlier total is overwritten.
    buckets.add([event('a', 30_000)]);
    buckets.add([event('a', 1_000)]);
    expect(totals()).toEqual([
      [30_000, 'parser-1', 1],
      [0, 'parser-1~2', 1],
    ]);
  });
});
