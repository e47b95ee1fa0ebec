import { logVolumePoint, templateVolumePoint, type InfluxPoint } from '@loglens/platform';
import type { EventRow } from '../parse/event-row.js';

interface Bucket {
  readonly kind: 'level' | 'template';
  readonly tenant: string;
  readonly source: string;
  /** The level or the template id. */
  readonly value: string;
  readonly time: number;
  count: number;
}

/** Width of a time-series bucket. */
export const BUCKET_MS = 10_000;

/**
 * Running totals of `log_volume` and `template_volume` per 10 s bucket of event time. InfluxDB keeps the last
 * value written for a series and time, so each write carries the bucket's total so far, never an increment:
 * several groups adding to one bucket then end with the right count. The oldest buckets are forgotten beyond
 * `maxBuckets` (a late event for a forgotten bucket restarts its total), which bounds memory.
 */
export class VolumeBuckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #dirty = new Set<Bucket>();

  constructor(private readonly maxBuckets = 100_000) {}

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
      const sample = { tenant: b.tenant, source: b.source, count: b.count, time: new Date(b.time) };
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
      bucket = { kind, tenant, source, value, time, count: 0 };
      this.#buckets.set(key, bucket);
    }
    bucket.count++;
    this.#dirty.add(bucket);
  }

  #evict(): void {
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size <= this.maxBuckets) return;
      this.#buckets.delete(key);
    }
  }
}
