import {
  createDatabase,
  ensureDayPartitions,
  runMigrations,
  silentLogger,
  type DatabaseHandle,
  type NewLogEvent,
} from '@loglens/platform';
import { createTestDatabase, type TestDatabase } from '@loglens/testing';

/** A migrated test database with one tenant and day partitions from `firstDay` for `days` days. */
export async function retentionDatabase(
  firstDay: string,
  days: number,
): Promise<{ test: TestDatabase; database: DatabaseHandle; tenantId: string }> {
  const test = await createTestDatabase();
  await runMigrations({ connectionString: test.connectionString, logger: silentLogger() });
  const database = createDatabase({ connectionString: test.connectionString, logger: silentLogger() });
  const { id } = await database.db
    .insertInto('tenants')
    .values({ name: 'acme' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ensureDayPartitions(database.db, firstDay, days);
  return { test, database, tenantId: id };
}

/** Messages that COPY and JSON both escape, to check the archive gives them back exactly. */
export const TRICKY_MESSAGES = [
  'plain',
  'back\\slash and \\\\ two',
  "quote \" and 'single'",
  'new\nline\ttab\rreturn',
  'unicode é ✓ 🚀',
];

/** Inserts `perDay` events per source per day, and the matching minute-volume rows. */
export async function insertEvents(
  database: DatabaseHandle,
  options: { tenantId: string; sources: readonly string[]; days: readonly string[]; perDay: number },
): Promise<number> {
  const events: NewLogEvent[] = [];
  for (const day of options.days) {
    for (const source of options.sources) {
      for (let i = 0; i < options.perDay; i++) {
        const ts = new Date(`${day}T${String(i % 24).padStart(2, '0')}:30:00Z`);
        events.push({
          tenant_id: options.tenantId,
          source,
          ts,
          id: `${source}:${day}:${i}`,
          level: 'info',
          message: TRICKY_MESSAGES[i % TRICKY_MESSAGES.length] ?? '',
          params: JSON.stringify(['a\\b', 42]),
          attributes: JSON.stringify({ pod: 'p-1', note: 'x"y' }),
        });
      }
    }
  }
  for (let i = 0; i < events.length; i += 1000) {
    await database.db
      .insertInto('log_events')
      .values(events.slice(i, i + 1000))
      .execute();
  }
  const volumes = events.map((e) => ({
    tenant_id: e.tenant_id,
    source: e.source,
    minute: e.ts,
    level: e.level,
    template_id: '',
    count: 1,
  }));
  for (let i = 0; i < volumes.length; i += 1000) {
    await database.db
      .insertInto('log_volume_minute')
      .values(volumes.slice(i, i + 1000))
      .onConflict((c) => c.columns(['tenant_id', 'source', 'minute', 'level', 'template_id']).doNothing())
      .execute();
  }
  return events.length;
}

/** Rows per source still in `log_events`. */
export async function rowsPerSource(database: DatabaseHandle): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('log_events')
    .select(['source', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('source')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.source, Number(r.n)]));
}
