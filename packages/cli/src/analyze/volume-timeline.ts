import type { Level } from '@loglens/logparse';

type LevelCounts = Partial<Record<Level, number>>;

/** Line counts per level in consecutive time buckets. */
export interface VolumeTimeline {
  readonly start: number;
  readonly bucketMs: number;
  readonly buckets: readonly Readonly<LevelCounts>[];
  /** Lines whose stray timestamps lie outside the buckets (a 1970 line in a log of today), when there are any. */
  readonly outside?: number;
}

const MINUTE = 60_000;
/** Share of the lines that may be left out as strays at the ends of the time range. */
const STRAY_SHARE = 0.01;
/** Leaving the strays out must shrink the range at least this much. */
const STRAY_SHRINK = 10;

/**
 * Counts lines per minute and level in buckets kept sparse (a log with a gap of a year holds two runs of
 * them, not a year of empty ones), at most `maxTracked`: past that the width doubles and pairs merge, so
 * memory stays bounded however long the log is. The timeline built from them leaves out a few lines with
 * stray timestamps (at most 1% of the lines, at the ends) when that shrinks its range tenfold or more, so one
 * line stamped 1970 by a clock not yet set does not squeeze the hours of the log into one column.
 */
export class VolumeTimelineBuilder {
  private bucketMs = MINUTE;
  private counts = new Map<number, LevelCounts>();
  private lines = 0;

  constructor(
    private readonly maxBuckets = 2048,
    private readonly maxTracked = 65_536,
  ) {}

  /** Counts one line at `timestamp` (epoch ms). */
  add(timestamp: number, level: Level): void {
    const key = Math.floor(timestamp / this.bucketMs) * this.bucketMs;
    let bucket = this.counts.get(key);
    if (!bucket) {
      bucket = {};
      this.counts.set(key, bucket);
    }
    bucket[level] = (bucket[level] ?? 0) + 1;
    this.lines++;
    if (this.counts.size > this.maxTracked) this.coarsen();
  }

  /** The timeline so far, or undefined when no line had a timestamp. */
  build(): VolumeTimeline | undefined {
    if (this.counts.size === 0) return undefined;
    const keys = [...this.counts.keys()].sort((a, b) => a - b);
    const sizes = keys.map((k) => total(this.counts.get(k) as LevelCounts));
    const { lo, hi, outside } = strayEnds(keys, sizes, this.lines, this.bucketMs);
    let width = this.bucketMs;
    while ((keys[hi]! - keys[lo]!) / width + 1 > this.maxBuckets) width *= 2;
    const start = Math.floor(keys[lo]! / width) * width;
    const buckets: LevelCounts[] = Array.from(
      { length: Math.floor((keys[hi]! - start) / width) + 1 },
      () => ({}),
    );
    for (let i = lo; i <= hi; i++) {
      addCounts(buckets[Math.floor((keys[i]! - start) / width)]!, this.counts.get(keys[i]!) as LevelCounts);
    }
    return { start, bucketMs: width, buckets, ...(outside > 0 ? { outside } : {}) };
  }

  private coarsen(): void {
    this.bucketMs *= 2;
    const merged = new Map<number, LevelCounts>();
    for (const [key, counts] of this.counts) {
      const wide = Math.floor(key / this.bucketMs) * this.bucketMs;
      const into = merged.get(wide);
      if (into) addCounts(into, counts);
      else merged.set(wide, { ...counts });
    }
    this.counts = merged;
  }
}

function total(counts: LevelCounts): number {
  let n = 0;
  for (const v of Object.values(counts)) n += v;
  return n;
}

function addCounts(into: LevelCounts, counts: LevelCounts): void {
  for (const [level, n] of Object.entries(counts) as [Level, number][]) into[level] = (into[level] ?? 0) + n;
}

/**
 * The bucket range [lo, hi] to show: the narrowest that leaves out at most 1% of the lines at its two ends,
 * if it is at least ten times narrower than the whole; else the whole.
 */
function strayEnds(
  keys: readonly number[],
  sizes: readonly number[],
  lines: number,
  bucketMs: number,
): { lo: number; hi: number; outside: number } {
  const whole = { lo: 0, hi: keys.length - 1, outside: 0 };
  const budget = Math.floor(lines * STRAY_SHARE);
  if (budget === 0) return whole;
  const span = (lo: number, hi: number): number => keys[hi]! - keys[lo]! + bucketMs;
  let best = whole;
  // Two pointers: as more lines are left out on the left, fewer may be on the right.
  let hi = keys.length - 1;
  let after = 0;
  while (hi > 0 && after + sizes[hi]! <= budget) after += sizes[hi--]!;
  let before = 0;
  for (let lo = 0; lo <= hi && before <= budget; lo++) {
    while (after > budget - before) after -= sizes[++hi]!;
    if (span(lo, hi) < span(best.lo, best.hi)) best = { lo, hi, outside: before + after };
    before += sizes[lo]!;
  }
  return span(0, keys.length - 1) >= STRAY_SHRINK * span(best.lo, best.hi) ? best : whole;
}
