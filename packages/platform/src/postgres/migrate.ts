import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { createDatabase } from './create-database.js';
import type { PostgresLogger } from './logger.js';
import { MIGRATIONS } from './migrations/index.js';

/** What a migration run did. */
export interface MigrationOutcome {
  /** Names of the migrations this call applied, in order; empty when the schema was already current. */
  readonly applied: string[];
}

/** A migration failed; with transactional DDL, everything this run applied was rolled back. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly code = 'MIGRATION_FAILED';
  constructor(
    message: string,
    /** The migration that failed, when the failure was inside one. */
    readonly migration: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Serves migrations from an in-code record, so bundles and compiled builds need no migrations folder. */
export function recordMigrationProvider(migrations: Readonly<Record<string, Migration>>): MigrationProvider {
  return { getMigrations: () => Promise.resolve({ ...migrations }) };
}

/**
 * Brings the schema to the latest migration and returns what ran.
 *
 * Safe with several replicas at once: kysely's Migrator takes a session-level `pg_advisory_lock` on a
 * dedicated connection before it reads which migrations already ran, and runs them in one transaction, so
 * the second caller waits, then finds nothing to do. Give it a database whose `statement_timeout` is
 * 0 or long enough for the slowest migration and for the wait on the lock.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Readonly<Record<string, Migration>> = MIGRATIONS,
): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: recordMigrationProvider(migrations) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new MigrationError(
      failed ? `migration ${failed} failed: ${reason}` : `migrations failed: ${reason}`,
      failed,
      { cause: error },
    );
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** Options of {@link runMigrations}. */
export interface RunMigrationsOptions {
  readonly connectionString: string;
  readonly logger: PostgresLogger;
}

/** Connects, migrates to the latest schema and disconnects: what `loglens migrate` runs. */
export async function runMigrations(options: RunMigrationsOptions): Promise<MigrationOutcome> {
  const { logger } = options;
  // No statement timeout: a migration may rewrite a big table, and waiting on another replica's lock is fine.
  const handle = createDatabase({
    connectionString: options.connectionString,
    pool: { max: 2, statementTimeoutMs: 0, applicationName: 'loglens-migrate' },
    logger,
  });
  try {
    const outcome = await migrateToLatest(handle.db);
    if (outcome.applied.length === 0) logger.info({}, 'schema already up to date');
    for (const name of outcome.applied) logger.info({ migration: name }, 'migration applied');
    return outcome;
  } catch (err) {
    logger.error({ err }, 'migration failed');
    throw err;
  } finally {
    await handle.close();
  }
}
