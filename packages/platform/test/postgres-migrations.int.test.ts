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

  it('moves the per-minute rows of templates generalised before 0003 to the template they became', async () => {
    const { connectionString } = await freshDatabase();
    const handle = open(connectionString);
    const { '0003-template-lineage': lineage, ...before } = MIGRATIONS;
    expect(lineage).toBeDefined();
    await migrateToLatest(handle.db, before);
    const { rows } = await sql<{
      id: string;
    }>`insert into tenants (name) values ('acme') returning id`.execute(handle.db);
    const tenant = rows[0]!.id;
    // a → b → c in one source; the same id `a` is live in another source.
    await sql`insert into templates (tenant_id, source, id, template, first_seen, last_seen, count, superseded_by)
      values (${tenant}, 's', 'a', 'x 1', now(), now(), 2, 'b'), (${tenant}, 's', 'b', 'x <*>', now(), now(), 3, 'c'),
        (${tenant}, 's', 'c', '<*> <*>', now(), now(), 4, null), (${tenant}, 'other', 'a', 'x 1', now(), now(), 1, null)`.execute(
      handle.db,
    );
    await sql`insert into log_volume_minute (tenant_id, source, minute, level, template_id, count)
      values (${tenant}, 's', '2024-05-01T10:00Z', 'info', 'a', 2), (${tenant}, 's', '2024-05-01T10:00Z', 'info', 'b', 1),
        (${tenant}, 's', '2024-05-01T10:01Z', 'info', 'b', 2), (${tenant}, 's', '2024-05-01T10:01Z', 'info', 'c', 4),
        (${tenant}, 'other', '2024-05-01T10:00Z', 'info', 'a', 1)`.execute(handle.db);

    expect(await migrateToLatest(handle.db)).toEqual({ applied: ['0003-template-lineage'] });
    const after = await sql<{ source: string; minute: Date; template_id: string; count: string }>`
      select source, minute, template_id, count from log_volume_minute order by source, minute`.execute(
      handle.db,
    );
    expect(after.rows.map((r) => [r.source, r.minute.toISOString(), r.template_id, Number(r.count)])).toEqual(
      [
        ['other', '2024-05-01T10:00:00.000Z', 'a', 1],
        ['s', '2024-05-01T10:00:00.000Z', 'c', 3],
        ['s', '2024-05-01T10:01:00.000Z', 'c', 6],
      ],
    );
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
