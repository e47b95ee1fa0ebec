import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '@loglens/platform';
import { Level, levelFromName } from '@loglens/proto';
import type { MicrosRange } from './log-filter.js';
import { timestampAt } from './log-event-query.js';

/** A template's key inside a tenant. */
export interface TemplateKey {
  readonly source: string;
  readonly id: string;
}

/** `source` and `id` joined into one map key. */
export function templateKey(key: TemplateKey): string {
  return `${key.source}\u0000${key.id}`;
}

/** Rollup rows of a time range: whole minutes touched by [start, end). */
export function minuteRange<O>(
  query: SelectQueryBuilder<Database, 'log_volume_minute', O>,
  range: MicrosRange,
): SelectQueryBuilder<Database, 'log_volume_minute', O> {
  let q = query;
  if (range.startUs !== undefined) {
    q = q.where('minute', '>=', sql<Date>`date_trunc('minute', ${timestampAt(range.startUs)})`);
  }
  if (range.endUs !== undefined) q = q.where('minute', '<', timestampAt(range.endUs));
  return q;
}

/** The most common level of each template's lines in the range, from the per-minute rollup. */
export async function dominantLevels(
  db: Kysely<Database>,
  tenantId: string,
  keys: readonly TemplateKey[],
  range: MicrosRange,
): Promise<Map<string, Level>> {
  const levels = new Map<string, Level>();
  if (keys.length === 0) return levels;
  const rows = await minuteRange(
    db
      .selectFrom('log_volume_minute')
      .select(['source', 'template_id', 'level', sql<string>`sum(count)::text`.as('n')])
      .where('tenant_id', '=', tenantId)
      .where('template_id', 'in', [...new Set(keys.map((k) => k.id))])
      .where('source', 'in', [...new Set(keys.map((k) => k.source))]),
    range,
  )
    .groupBy(['source', 'template_id', 'level'])
    .execute();
  const best = new Map<string, number>();
  for (const row of rows) {
    const key = templateKey({ source: row.source, id: row.template_id });
    const count = Number(row.n);
    if (count > (best.get(key) ?? -1)) {
      best.set(key, count);
      levels.set(key, levelFromName(row.level));
    }
  }
  return levels;
}

/** The level of a template, or LEVEL_UNSPECIFIED when the rollup has no line of it in the range. */
export function levelOf(levels: ReadonlyMap<string, Level>, key: TemplateKey): Level {
  return levels.get(templateKey(key)) ?? Level.LEVEL_UNSPECIFIED;
}
