import {
  dropDayPartition,
  listDayPartitions,
  partitionName,
  type DatabaseHandle,
  type Day,
  type Logger,
} from '@loglens/platform';
import type { PoolClient } from 'pg';
import { archiveDay, type DayArchive } from './archive-day.js';
import type { ArchiveTarget } from './archive-target.js';
import { planRetention } from './retention-rules.js';
import { deleteExpiredSourceRows } from './source-deletes.js';
import type { SourceRetentions } from './source-retentions.js';

// One replica at a time runs the job; any constant works as long as nothing else uses it.
const RETENTION_LOCK_ID = '7310594114271849012';

/** What one run did. */
export interface RetentionReport {
  /** False when another replica was running the job, so this one did nothing. */
  readonly ran: boolean;
  readonly archived: readonly DayArchive[];
  /** Days whose partition was dropped after its archive was verified. */
  readonly droppedPartitions: readonly Day[];
  /** Days past retention kept because no archive target is configured. */
  readonly keptWithoutArchive: readonly Day[];
  /** Rows of sources with a shorter retention deleted ahead of their partition. */
  readonly deletedRows: number;
  readonly archivedRows: number;
  readonly archivedBytes: number;
}

/** Options of {@link createRetentionJob}. */
export interface RetentionJobOptions {
  readonly database: DatabaseHandle;
  /** Where days go before they are dropped; without one, no partition is dropped. */
  readonly target: ArchiveTarget | undefined;
  readonly sourceRetentions: SourceRetentions;
  readonly defaultRetentionMs: number;
  /** Time between runs of `start()`. */
  readonly intervalMs: number;
  /** Rows per delete statement. @default 5000 */
  readonly deleteBatchSize?: number;
  readonly logger: Logger;
  /** The clock; tests move it. @default () => new Date() */
  readonly now?: () => Date;
}

/** The retention job: `runOnce()` for one pass, `start()`/`stop()` to run it every interval. */
export interface RetentionJob {
  runOnce(): Promise<RetentionReport>;
  start(): void;
  stop(): Promise<void>;
}

const SKIPPED: RetentionReport = {
  ran: false,
  archived: [],
  droppedPartitions: [],
  keptWithoutArchive: [],
  deletedRows: 0,
  archivedRows: 0,
  archivedBytes: 0,
};

async function countRows(client: PoolClient, day: Day): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`select count(*) as n from "${partitionName(day)}"`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Archives and drops the day partitions of `log_events` past the longest retention, and deletes earlier the rows
 * of sources with a shorter one (see `planRetention`). Days go oldest first and the run stops at the first
 * failure, so a day is never dropped unless its archive was read back complete.
 */
export function createRetentionJob(options: RetentionJobOptions): RetentionJob {
  const log = options.logger.child({ component: 'retention' });
  const now = options.now ?? (() => new Date());
  const { db, pool } = options.database;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function pass(client: PoolClient): Promise<RetentionReport> {
    const at = now();
    const sourceRetentions = await options.sourceRetentions();
    const days = await listDayPartitions(db);
    const plan = planRetention({
      now: at,
      days,
      defaultMs: options.defaultRetentionMs,
      sourceRetentions,
    });
    // Shorter retentions first, so an archive never holds rows kept past their own source's retention.
    const deletedRows = await deleteExpiredSourceRows(db, {
      now: at,
      sourceRetentions,
      defaultMs: options.defaultRetentionMs,
      longestMs: plan.longestMs,
      shortestCutoff: plan.shortestCutoff,
      oldest: days[0] === undefined ? at : new Date(`${days[0]}T00:00:00Z`),
      batchSize: options.deleteBatchSize ?? 5_000,
    });
    if (deletedRows > 0) log.info({ deletedRows }, 'expired rows of shorter-retention sources deleted');
    const archived: DayArchive[] = [];
    const dropped: Day[] = [];
    const { target } = options;
    if (!target && plan.dropDays.length > 0) {
      log.warn({ days: plan.dropDays }, 'no archive target configured: partitions past retention are kept');
    }
    for (const day of target ? plan.dropDays : []) {
      const archive = await archiveDay(pool, day, target!);
      archived.push(archive);
      // Rows written into the day after the COPY would be lost with the partition: keep it for the next run.
      const present = await countRows(client, day);
      if (present !== archive.rows) {
        log.warn(
          { day, archived: archive.rows, present },
          'rows arrived during the archive; the day is kept',
        );
        break;
      }
      await dropDayPartition(db, day);
      dropped.push(day);
      log.info({ ...archive, target: target!.location }, 'day archived and dropped');
    }
    return {
      ran: true,
      archived,
      droppedPartitions: dropped,
      keptWithoutArchive: target ? [] : plan.dropDays,
      deletedRows,
      archivedRows: archived.reduce((n, a) => n + a.rows, 0),
      archivedBytes: archived.reduce((n, a) => n + a.bytes, 0),
    };
  }

  async function runOnce(): Promise<RetentionReport> {
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        `select pg_try_advisory_lock(${RETENTION_LOCK_ID}) as locked`,
      );
      if (rows[0]?.locked !== true) return SKIPPED;
      try {
        return await pass(client);
      } finally {
        await client.query(`select pg_advisory_unlock(${RETENTION_LOCK_ID})`);
      }
    } finally {
      client.release();
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) => log.error({ err: error }, 'retention run failed; retrying next interval'))
        .finally(() => schedule(options.intervalMs));
    }, delayMs);
  }

  return {
    runOnce,
    start() {
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
