import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { PostgresLogger } from './logger.js';
import type { Database } from './schema.js';

/** Connection pool settings; every field has a default. */
export interface PoolOptions {
  /** Most connections open at once. @default 10 */
  readonly max?: number;
  /** Close a connection idle this long. @default 10000 */
  readonly idleTimeoutMs?: number;
  /** Give up acquiring a new connection after this long. @default 5000 */
  readonly connectionTimeoutMs?: number;
  /** Server-side `statement_timeout` of every connection; 0 disables it. @default 30000 */
  readonly statementTimeoutMs?: number;
  /** `application_name`, shown in `pg_stat_activity`. @default "loglens" */
  readonly applicationName?: string;
}

/** Options of {@link createDatabase}. */
export interface DatabaseOptions {
  /** `postgres://user:password@host:port/database?sslmode=...` */
  readonly connectionString: string;
  readonly pool?: PoolOptions;
  /** Receives errors of idle connections (a restarted server, a dropped network). */
  readonly logger?: PostgresLogger;
}

/** A typed query builder and the pool under it (for COPY and other raw pg use). */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly pool: pg.Pool;
  /** Closes every connection; safe to call more than once. */
  close(): Promise<void>;
}

/** The pool settings with their defaults filled in. */
export function resolvePoolOptions(options: PoolOptions = {}): Required<PoolOptions> {
  return {
    max: options.max ?? 10,
    idleTimeoutMs: options.idleTimeoutMs ?? 10_000,
    connectionTimeoutMs: options.connectionTimeoutMs ?? 5_000,
    statementTimeoutMs: options.statementTimeoutMs ?? 30_000,
    applicationName: options.applicationName ?? 'loglens',
  };
}

/** Opens a pg pool and a `Kysely<Database>` over it; connections are made lazily on first use. */
export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  const settings = resolvePoolOptions(options.pool);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: settings.max,
    idleTimeoutMillis: settings.idleTimeoutMs,
    connectionTimeoutMillis: settings.connectionTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    application_name: settings.applicationName,
  });
  // Without a listener, an error on an idle connection is an unhandled 'error' event and kills the process.
  pool.on('error', (err) => {
    options.logger?.warn({ err }, 'idle PostgreSQL connection failed');
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    async close() {
      await db.destroy();
      // Kysely ends the pool only if it ever used it.
      if (!pool.ended) await pool.end();
    },
  };
}
