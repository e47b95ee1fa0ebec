import { sql } from 'kysely';
import type { DatabaseHandle } from '@loglens/platform';
import type { StoredFigures, StoredFiguresReader } from '../status/source-figures.js';

/**
 * Stored figures from the `templates` table: a template not generalised into another carries the count of
 * every line mined into it and its ancestors, so their sum is the source's line count. Sources are summed
 * over tenants, as a LogSource configures its source for every tenant that ships it.
 */
export function postgresStoredFigures(database: DatabaseHandle): StoredFiguresReader {
  return {
    async figuresOf(sources) {
      const figures = new Map<string, StoredFigures>();
      if (sources.length === 0) return figures;
      const rows = await database.db
        .selectFrom('templates')
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
