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

  it('merges tracked buckets past its bound, counting every line', () => {
    const t = new VolumeTimelineBuilder(2048, 8);
    for (let m = 0; m < 100; m++) t.add(m * MIN, m % 2 ? 'info' : 'warn');
    const built = t.build()!;
    expect(built.bucketMs).toBe(16 * MIN);
    expect(built.buckets.reduce((s, b) => s + (b.info ?? 0) + (b.warn ?? 0), 0)).toBe(100);
  });

  it('keeps lines that arrive earlier than the first one', () => {
    const t = new VolumeTimelineBuilder();
    t.add(5 * MIN, 'info');
    t.add(3 * MIN, 'warn');
    expect(t.build()).toEqual({ start: 3 * MIN, bucketMs: MIN, buckets: [{ warn: 1 }, {}, { info: 1 }] });
  });

  it('leaves out a few lines with stray timestamps that would stretch the range tenfold', () => {
    const t = new VolumeTimelineBuilder();
    const hour = Date.UTC(2026, 10, 20, 9);
    for (let s = 0; s < 600; s++) t.add(hour + s * 6_000, 'info');
    t.add(1_000, 'info'); // a clock not yet set
    t.add(hour + 30 * MIN, 'error');
    const built = t.build()!;
    expect([built.start, built.bucketMs, built.buckets.length, built.outside]).toEqual([hour, MIN, 60, 1]);
    expect(built.buckets.reduce((s, b) => s + (b.info ?? 0) + (b.error ?? 0), 0)).toBe(601);
  });

  it('keeps a quiet tail that is real activity (the range shrinks less than tenfold without it)', () => {
    const t = new VolumeTimelineBuilder();
    for (let m = 0; m < 1000; m++) t.add(m * MIN, 'info');
    t.add(1500 * MIN, 'warn');
    const built = t.build()!;
    expect(built.outside).toBeUndefined();
    expect(built.start).toBe(0);
    expect(built.buckets.length * built.bucketMs).toBeGreaterThan(1500 * MIN);
  });

  it('is empty without timestamps', () => {
    expect(new VolumeTimelineBuilder().build()).toBeUndefined();
  });
});
