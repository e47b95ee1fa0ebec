import { ensureDayPartitions, type DatabaseHandle, type EventLevel } from '@loglens/platform';

/** 2024-05-01T10:00:00Z in epoch microseconds, the start of the seeded data. */
export const T0 = BigInt(Date.UTC(2024, 4, 1, 10)) * 1000n;
export const SECOND = 1_000_000n;
export const MINUTE = 60n * SECOND;

/** Whole epoch seconds of epoch microseconds. */
export function seconds(us: bigint): number {
  return Number(us / SECOND);
}

/** A stored event to insert; `tsUs` is epoch microseconds. */
export interface SeedEvent {
  readonly id: string;
  readonly source?: string;
  readonly tsUs: bigint;
  readonly level?: EventLevel;
  readonly message: string;
  readonly templateId?: string;
  readonly traceId?: string;
  readonly params?: string[];
  readonly attributes?: Record<string, string>;
}

function isoMicros(us: bigint): string {
  const ms = us / 1000n;
  return `${new Date(Number(ms)).toISOString().slice(0, -1)}${String(us % 1000n).padStart(3, '0')}Z`;
}

/** Inserts events of a tenant the way the parser stores them: the rows and the per-minute rollup. */
export async function seedEvents(
  database: DatabaseHandle,
  tenantId: string,
  events: readonly SeedEvent[],
): Promise<void> {
  const days = new Set(events.map((e) => isoMicros(e.tsUs).slice(0, 10)));
  for (const day of days) await ensureDayPartitions(database.db, day, 1);
  for (let i = 0; i < events.length; i += 500) {
    const slice = events.slice(i, i + 500);
    await database.db
      .insertInto('log_events')
      .values(
        slice.map((e) => ({
          tenant_id: tenantId,
          source: e.source ?? 'shop/checkout',
          ts: isoMicros(e.tsUs),
          id: e.id,
          level: e.level ?? 'info',
          template_id: e.templateId ?? null,
          message: e.message,
          params: JSON.stringify(e.params ?? []),
          attributes: JSON.stringify(e.attributes ?? {}),
          trace_id: e.traceId ?? null,
        })),
      )
      .execute();
  }
  for (const e of events) {
    const minute = new Date(Math.floor(Number(e.tsUs / 1000n) / 60_000) * 60_000);
    await database.pool.query(
      `insert into log_volume_minute (tenant_id, source, minute, level, template_id, count)
       values ($1, $2, $3, $4, $5, 1)
       on conflict (tenant_id, source, minute, level, template_id)
       do update set count = log_volume_minute.count + 1`,
      [tenantId, e.source ?? 'shop/checkout', minute, e.level ?? 'info', e.templateId ?? ''],
    );
  }
}

/** Inserts a template row of a tenant. */
export async function seedTemplate(
  database: DatabaseHandle,
  tenantId: string,
  template: {
    id: string;
    source?: string;
    text: string;
    count: number;
    firstUs: bigint;
    lastUs: bigint;
    /** The template the miner generalised this one into. */
    supersededBy?: string;
  },
): Promise<void> {
  await database.db
    .insertInto('templates')
    .values({
      tenant_id: tenantId,
      source: template.source ?? 'shop/checkout',
      id: template.id,
      template: template.text,
      first_seen: isoMicros(template.firstUs),
      last_seen: isoMicros(template.lastUs),
      count: template.count,
      superseded_by: template.supersededBy ?? null,
    })
    .execute();
}
