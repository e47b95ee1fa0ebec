import type { Database } from '@loglens/platform';
import { sql, type Kysely } from 'kysely';
import { retentionOf } from './retention-rules.js';

/** Inputs of {@link deleteExpiredSourceRows}. */
export interface SourceDeleteOptions {
  readonly now: Date;
  readonly sourceRetentions: ReadonlyMap<string, number>;
  readonly defaultMs: number;
  /** Sources with this retention or more are left to the partition drops. */
  readonly longestMs: number;
  /** Only sources with rows older than this are considered. */
  readonly shortestCutoff: Date;
  /** Start of the oldest day partition: nothing older exists. */
  readonly oldest: Date;
  /** Rows per delete statement, so no statement holds locks or runs for long. */
  readonly batchSize: number;
}

/**
 * Deletes the rows of sources whose retention is shorter than the longest one, in bounded batches, and returns
 * how many went. The sources with old rows are found in the minute volume rollup (written in the same
 * transaction as the events, indexed by time), so no partition has to be scanned to find them.
 */
export async function deleteExpiredSourceRows(
  db: Kysely<Database>,
  options: SourceDeleteOptions,
): Promise<number> {
  const pairs = await db
    .selectFrom('log_volume_minute')
    .select(['tenant_id', 'source'])
    .distinct()
    .where('minute', '<', options.shortestCutoff)
    .where('minute', '>=', options.oldest)
    .execute();
  let deleted = 0;
  for (const { tenant_id: tenant, source } of pairs) {
    const retention = retentionOf(source, options.sourceRetentions, options.defaultMs);
    if (retention >= options.longestMs) continue;
    const cutoff = new Date(options.now.getTime() - retention);
    for (;;) {
      // (ts, id) is the primary key; the inner select walks the (tenant_id, source, ts) index.
      const result = await sql`
        delete from log_events where (ts, id) in (
          select ts, id from log_events
          where tenant_id = ${tenant} and source = ${source} and ts < ${cutoff}
          limit ${options.batchSize})`.execute(db);
      const count = Number(result.numAffectedRows ?? 0n);
      deleted += count;
      if (count < options.batchSize) break;
    }
  }
  return deleted;
}
