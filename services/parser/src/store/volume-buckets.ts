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
 * several groups adding to one bucket then end with the right count. Every point is tagged with `writer`,
 * this process: a replica that restarts, or takes a partition over, counts the rest of a bucket in series of
 * its own instead of overwriting the total of the one before, and readers sum over `writer`. The oldest
 * buckets are forgotten beyond `maxBuckets` (a late event for a forgotten bucket restarts its total in this
 * writer's series), which bounds memory.
 */
export class VolumeBuckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #dirty = new Set<Bucket>();

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
        writer: this.writer,
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
