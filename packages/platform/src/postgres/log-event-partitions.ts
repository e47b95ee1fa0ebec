import { sql, type Kysely } from 'kysely';
import { dayRange, partitionBounds, partitionDay, partitionName, type Day } from './partition-names.js';

// Serialises partition DDL between replicas; any constant works as long as nothing else uses it.
const PARTITION_LOCK_ID = sql.lit(BigInt('7310594114271849011'));

async function partitionExists<DB>(db: Kysely<DB>, name: string): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`
    select exists (
      select 1 from pg_class where relname = ${name} and relnamespace = current_schema()::regnamespace
    ) as present`.execute(db);
  return rows[0]?.present === true;
}

/**
 * Creates the `log_events_YYYYMMDD` partitions for `days` UTC days from `fromDay`, skipping those that exist,
 * and returns the names it created. Idempotent and safe to call from several replicas at once.
 *
 * @example
 * await ensureDayPartitions(db, new Date(), 3); // today, tomorrow, the day after
 */
export async function ensureDayPartitions<DB>(
  db: Kysely<DB>,
  fromDay: Date | string,
  days: number,
): Promise<string[]> {
  const created: string[] = [];
  for (const day of dayRange(fromDay, days)) {
    const name = partitionName(day);
    // Cheap check first: creating a partition locks the parent table, so only do it when needed.
    if (await partitionExists(db, name)) continue;
    const { from, to } = partitionBounds(day);
    const made = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${PARTITION_LOCK_ID})`.execute(trx);
      if (await partitionExists(trx, name)) return false;
      // The name comes from a validated day, never from input text, so it is safe as an identifier.
      await sql`create table ${sql.id(name)} partition of log_events
        for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(trx);
      return true;
    });
    if (made) created.push(name);
  }
  return created;
}

/** Drops the partition of one UTC day with its rows (archive it first); returns whether it existed. */
export async function dropDayPartition<DB>(db: Kysely<DB>, day: Date | string): Promise<boolean> {
  const name = partitionName(day);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${PARTITION_LOCK_ID})`.execute(trx);
    if (!(await partitionExists(trx, name))) return false;
    await sql`drop table ${sql.id(name)}`.execute(trx);
    return true;
  });
}

/** The days that have a `log_events` partition, oldest first. */
export async function listDayPartitions<DB>(db: Kysely<DB>): Promise<Day[]> {
  const { rows } = await sql<{ name: string }>`
    select child.relname as name
    from pg_inherits
    join pg_class child on child.oid = pg_inherits.inhrelid
    join pg_class parent on parent.oid = pg_inherits.inhparent
    where parent.relname = 'log_events' and parent.relnamespace = current_schema()::regnamespace`.execute(db);
  return rows
    .map((r) => partitionDay(r.name))
    .filter((d): d is Day => d !== undefined)
    .sort();
}
