import { createTestDatabase, type TestDatabase } from '@loglens/testing';
import { sql, type Migration } from 'kysely';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  MigrationError,
  createDatabase,
  migrateToLatest,
  runMigrations,
  type DatabaseHandle,
} from '../src/postgres/index.js';

const logger = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  return database;
}

function open(connectionString: string): DatabaseHandle {
  const handle = createDatabase({ connectionString, pool: { max: 2 } });
  cleanups.unshift(() => handle.close());
  return handle;
}

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(handle.db);
  return rows.map((r) => r.name);
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('migrations', () => {
  it('applies the foundation once, then does nothing', async () => {
    const { connectionString } = await freshDatabase();
    const handle = open(connectionString);

    expect(await migrateToLatest(handle.db)).toEqual({ applied: Object.keys(MIGRATIONS) });
    expect(await migrateToLatest(handle.db)).toEqual({ applied: [] });

    expect(await tableNames(handle)).toEqual(
      expect.arrayContaining([
        'api_keys',
        'log_events',
        'model_snapshots',
        'sources',
        'templates',
        'tenants',
      ]),
    );
    const { rows } = await sql<{ kind: string }>`
      select partstrat as kind from pg_partitioned_table
      where partrelid = 'log_events'::regclass`.execute(handle.db);
    expect(rows).toEqual([{ kind: 'r' }]);
  });

  it('lets two replicas migrate at once: one applies, the other waits and finds nothing to do', async () => {
    const { connectionString } = await freshDatabase();
    const outcomes = await Promise.all([
      migrateToLatest(open(connectionString).db),
      migrateToLatest(open(connectionString).db),
      migrateToLatest(open(connectionString).db),
    ]);
    expect(outcomes.flatMap((o) => o.applied)).toEqual(Object.keys(MIGRATIONS));
  });

  it('runMigrations connects, migrates and returns what it applied', async () => {
    const { connectionString } = await freshDatabase();
    expect(await runMigrations({ connectionString, logger })).toEqual({ applied: Object.keys(MIGRATIONS) });
    expect(await runMigrations({ connectionString, logger })).toEqual({ applied: [] });
  });

  it('names the failing migration and rolls the whole run back', async () => {
    const { connectionString } = await freshDatabase();
    const handle = open(connectionString);
    const broken: Migration = {
      async up(db) {
        await sql`create table this_is_rolled_back (id int)`.execute(db);
        await sql`select * from no_such_table`.execute(db);
      },
    };

    const failure = await migrateToLatest(handle.db, { ...MIGRATIONS, '9999-broken': broken }).catch(
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).migration).toBe('9999-broken');
    expect((failure as MigrationError).message).toContain('no_such_table');
    // Transactional DDL: the foundation that ran before the failure is gone too.
    expect(await tableNames(handle)).not.toContain('tenants');
    expect(await tableNames(handle)).not.toContain('this_is_rolled_back');
  });
});
