import { logVolumePoint, templateVolumePoint, type InfluxPoint } from '@loglens/platform';
import type { EventRow } from '../parse/event-row.js';

interface Bucket {
  readonly kind: 'level' | 'template';
  readonly tenant: string;
  readonly source: string;
  /** The level or the template id. */
  readonly value: string;
  readonly time: number;
  /** The `writer` tag of its points. */
  readonly writer: string;
  count: number;
}

/** Width of a time-series bucket. */
export const BUCKET_MS = 10_000;

/**
 * Running totals of `log_volume` and `template_volume` per 10 s bucket of event time. InfluxDB keeps the last
 * value written for a series and time, so each write carries the bucket's total so far, never an increment:
 * several groups adding to one bucket then end with the right count. Every point is tagged with `writer`,
 * this process: a replica that restarts, or takes a partition over, counts the rest of a bucket in series of
 * its own instead of overwriting the total of the one before, and readers sum over `writer`. The oldest
 * buckets are forgotten beyond `maxBuckets`, which bounds memory. A bucket opened again at or before the
 * newest time forgotten may have been written already, so it is counted in a series of its own (`writer`
 * with a reopening suffix) rather than overwrite that total with a smaller one.
 */
export class VolumeBuckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #dirty = new Set<Bucket>();
  /** The newest bucket time forgotten so far: buckets up to it may have been written before. */
  #forgottenUpTo = -Infinity;
  /** Counts the reopening series; a new one starts once more buckets were forgotten. */
  #reopenings = 0;
  #forgotSinceReopening = false;

  constructor(
    private readonly writer: string,
    private readonly maxBuckets = 100_000,
  ) {}

  /** Counts stored events. */
  add(events: Iterable<EventRow>): void {
    for (const e of events) {
      const time = Math.floor(e.ts / BUCKET_MS) * BUCKET_MS;
      this.#count('level', e.tenantId, e.source, e.level, time);
      this.#count('template', e.tenantId, e.source, e.templateId, time);
    }
    this.#evict();
  }

  /** Points for every bucket changed since the last call, each with its running total. */
  drain(): InfluxPoint[] {
    const points = [...this.#dirty].map((b) => {
      const sample = {
        tenant: b.tenant,
        source: b.source,
        count: b.count,
        time: new Date(b.time),
        writer: b.writer,
      };
      return b.kind === 'level'
        ? logVolumePoint({ ...sample, level: b.value })
        : templateVolumePoint({ ...sample, template: b.value });
    });
    this.#dirty.clear();
    return points;
  }

  get size(): number {
    return this.#buckets.size;
  }

  #count(kind: Bucket['kind'], tenant: string, source: string, value: string, time: number): void {
    const key = `${kind}\u0000${tenant}\u0000${source}\u0000${value}\u0000${time}`;
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { kind, tenant, source, value, time, writer: this.#writerFor(time), count: 0 };
      this.#buckets.set(key, bucket);
    }
    bucket.count++;
    this.#dirty.add(bucket);
  }

  /**
   * This writer for a bucket never forgotten. A reopened one gets the suffix of the current reopening, which
   * changes after every eviction that follows a reopening: a bucket forgotten twice is reopened under two
   * different suffixes, while a run of late events between two evictions shares one series per bucket.
   */
  #writerFor(time: number): string {
    if (time > this.#forgottenUpTo) return this.writer;
    if (this.#forgotSinceReopening) {
      this.#reopenings++;
      this.#forgotSinceReopening = false;
    }
    return `${this.writer}~${this.#reopenings}`;
  }

  #evict(): void {
    for (const [key, bucket] of this.#buckets) {
      if (this.#buckets.size <= this.maxBuckets) return;
      // A dirty bucket stays in #dirty: its total is still written at the next drain.
      this.#buckets.delete(key);
      if (bucket.time > this.#forgottenUpTo) this.#forgottenUpTo = bucket.time;
      this.#forgotSinceReopening = true;
    }
  }
}
