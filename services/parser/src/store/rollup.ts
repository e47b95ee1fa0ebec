import type { EventLevel } from '@loglens/platform';
import type { EventRow } from '../parse/event-row.js';

/** What a group of events adds to one `templates` row. */
export interface TemplateDelta {
  readonly tenantId: string;
  readonly source: string;
  readonly id: string;
  readonly template: string;
  readonly count: number;
  /** Epoch ms of the earliest and latest event. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly previousId: string | null;
}

/** What a group of events adds to one `log_volume_minute` row. */
export interface VolumeDelta {
  readonly tenantId: string;
  readonly source: string;
  /** Epoch ms of the minute's start. */
  readonly minute: number;
  readonly level: EventLevel;
  readonly templateId: string;
  readonly count: number;
}

const MINUTE_MS = 60_000;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Sums events per template. The result is sorted by key, so concurrent transactions lock rows in the same
 * order and cannot deadlock one another.
 */
export function templateDeltas(events: Iterable<EventRow>): TemplateDelta[] {
  const byKey = new Map<string, Mutable<TemplateDelta>>();
  for (const e of events) {
    const key = `${e.tenantId}\u0000${e.source}\u0000${e.templateId}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.count++;
      if (e.ts < seen.firstSeen) seen.firstSeen = e.ts;
      if (e.ts > seen.lastSeen) seen.lastSeen = e.ts;
      seen.previousId ??= e.previousTemplateId ?? null;
      continue;
    }
    byKey.set(key, {
      tenantId: e.tenantId,
      source: e.source,
      id: e.templateId,
      template: e.template,
      count: 1,
      firstSeen: e.ts,
      lastSeen: e.ts,
      previousId: e.previousTemplateId ?? null,
    });
  }
  return [...byKey.values()].sort((a, b) =>
    compareKeys([a.tenantId, a.source, a.id], [b.tenantId, b.source, b.id]),
  );
}

/** Sums events per (tenant, source, minute, level, template), sorted by key like {@link templateDeltas}. */
export function volumeDeltas(events: Iterable<EventRow>): VolumeDelta[] {
  const byKey = new Map<string, Mutable<VolumeDelta>>();
  for (const e of events) {
    const minute = Math.floor(e.ts / MINUTE_MS) * MINUTE_MS;
    const key = `${e.tenantId}\u0000${e.source}\u0000${minute}\u0000${e.level}\u0000${e.templateId}`;
    const seen = byKey.get(key);
    if (seen) seen.count++;
    else
      byKey.set(key, {
        tenantId: e.tenantId,
        source: e.source,
        minute,
        level: e.level,
        templateId: e.templateId,
        count: 1,
      });
  }
  const sortKey = (d: VolumeDelta): string[] => [
    d.tenantId,
    d.source,
    String(d.minute).padStart(16, '0'),
    d.level,
    d.templateId,
  ];
  return [...byKey.values()].sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
}
