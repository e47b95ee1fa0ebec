import type { Level } from '@loglens/logparse';

/** Line counts per level in consecutive time buckets. */
export interface VolumeTimeline {
  readonly start: number;
  readonly bucketMs: number;
  readonly buckets: readonly Readonly<Partial<Record<Level, number>>>[];
}

const MINUTE = 60_000;

/**
 * Counts lines per minute and level. When the log spans more buckets than `maxBuckets`, the bucket width
 * doubles (pairs merge), so memory stays bounded however long the log is.
 */
export class VolumeTimelineBuilder {
  private start: number | undefined;
  private bucketMs = MINUTE;
  private buckets: Partial<Record<Level, number>>[] = [];

  constructor(private readonly maxBuckets = 2048) {}

  /** Counts one line at `timestamp` (epoch ms). */
  add(timestamp: number, level: Level): void {
    if (this.start === undefined) this.start = Math.floor(timestamp / MINUTE) * MINUTE;
    if (timestamp < this.start) this.prepend(timestamp);
    let index = Math.floor((timestamp - this.start) / this.bucketMs);
    while (index >= this.maxBuckets) {
      this.coarsen();
      index = Math.floor((timestamp - this.start) / this.bucketMs);
    }
    while (this.buckets.length <= index) this.buckets.push({});
    const bucket = this.buckets[index] as Partial<Record<Level, number>>;
    bucket[level] = (bucket[level] ?? 0) + 1;
  }

  /** The timeline so far, or undefined when no line had a timestamp. */
  build(): VolumeTimeline | undefined {
    if (this.start === undefined) return undefined;
    return { start: this.start, bucketMs: this.bucketMs, buckets: this.buckets };
  }

  // Out-of-order lines earlier than the first one shift the origin back by whole buckets.
  private prepend(timestamp: number): void {
    const start = this.start as number;
    let shift = Math.ceil((start - timestamp) / this.bucketMs);
    while (this.buckets.length + shift > this.maxBuckets) {
      this.coarsen();
      shift = Math.ceil(((this.start as number) - timestamp) / this.bucketMs);
    }
    this.start = (this.start as number) - shift * this.bucketMs;
    this.buckets = [...Array.from({ length: shift }, () => ({})), ...this.buckets];
  }

  private coarsen(): void {
    const merged: Partial<Record<Level, number>>[] = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const out: Partial<Record<Level, number>> = { ...this.buckets[i] };
      for (const [level, n] of Object.entries(this.buckets[i + 1] ?? {}) as [Level, number][]) {
        out[level] = (out[level] ?? 0) + n;
      }
      merged.push(out);
    }
    this.buckets = merged;
    this.bucketMs *= 2;
  }
}
