import { sql } from 'kysely';
import type { DatabaseHandle } from '@loglens/platform';
import type { StoredFigures, StoredFiguresReader } from '../status/source-figures.js';

/**
 * Stored figures from the `templates` table: a template not generalised into another carries the count of
 * every line mined into it and its ancestors, so their sum is the source's line count. Sources are summed
 * over tenants, as a LogSource configures its source for every tenant that ships it, or over the tenants
 * named in `tenants` only (a backend shared by several clusters, each shipping as its own tenant).
 */
export function postgresStoredFigures(
  database: DatabaseHandle,
  tenants: readonly string[] = [],
): StoredFiguresReader {
  return {
    async figuresOf(sources) {
      const figures = new Map<string, StoredFigures>();
      if (sources.length === 0) return figures;
      let query = database.db.selectFrom('templates');
      if (tenants.length > 0) {
        query = query.where('tenant_id', 'in', (db) =>
          db
            .selectFrom('tenants')
            .select('id')
            .where('name', 'in', [...tenants]),
        );
      }
      const rows = await query
        .select([
          'source',
          sql<string>`coalesce(sum(count), 0)::text`.as('lines'),
          sql<string>`count(*)::text`.as('templates'),
          sql<Date | null>`max(last_seen)`.as('last_seen'),
        ])
        .where('source', 'in', [...sources])
        .where('superseded_by', 'is', null)
        .groupBy('source')
        .execute();
      for (const row of rows) {
        figures.set(row.source, {
          lines: Number(row.lines),
          templates: Number(row.templates),
          lastLineTime: row.last_seen ?? undefined,
        });
      }
      return figures;
    },
  };
}
