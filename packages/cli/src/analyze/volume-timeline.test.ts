import { describe, expect, it } from 'vitest';
import { VolumeTimelineBuilder } from './volume-timeline.js';

const MIN = 60_000;

describe('VolumeTimelineBuilder', () => {
  it('counts per minute and level', () => {
    const t = new VolumeTimelineBuilder();
    t.add(10 * MIN + 5, 'info');
    t.add(10 * MIN + 50_000, 'error');
    t.add(12 * MIN, 'info');
    expect(t.build()).toEqual({
      start: 10 * MIN,
      bucketMs: MIN,
      buckets: [{ info: 1, error: 1 }, {}, { info: 1 }],
    });
  });

  it('doubles the bucket width instead of growing past its bound', () => {
    const t = new VolumeTimelineBuilder(4);
    for (let m = 0; m < 10; m++) t.add(m * MIN, 'info');
    const built = t.build()!;
    expect(built.buckets.length).toBeLessThanOrEqual(4);
    expect(built.bucketMs).toBe(4 * MIN);
    expect(built.buckets.reduce((s, b) => s + (b.info ?? 0), 0)).toBe(10);
  });

  it('keeps lines that arrive earlier than the first one', () => {
    const t = new VolumeTimelineBuilder();
    t.add(5 * MIN, 'info');
    t.add(3 * MIN, 'warn');
    expect(t.build()).toEqual({ start: 3 * MIN, bucketMs: MIN, buckets: [{ warn: 1 }, {}, { info: 1 }] });
  });

  it('is empty without timestamps', () => {
    expect(new VolumeTimelineBuilder().build()).toBeUndefined();
  });
});
