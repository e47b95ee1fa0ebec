import { createTestDatabase, type TestDatabase } from '@loglens/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  dropDayPartition,
  ensureDayPartitions,
  listDayPartitions,
  migrateToLatest,
  type DatabaseHandle,
  type NewLogEvent,
} from '../src/postgres/index.js';

let database: TestDatabase;
let handle: DatabaseHandle;
const TENANT = '00000000-0000-4000-8000-000000000001';

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDatabase({ connectionString: database.connectionString });
  await migrateToLatest(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

function event(id: string, ts: string): NewLogEvent {
  return { tenant_id: TENANT, source: 's', ts, id, level: 'info', message: id };
}

async function partitionOf(id: string): Promise<string | undefined> {
  const { rows } = await sql<{ partition: string }>`
    select tableoid::regclass::text as partition from log_events where id = ${id}`.execute(handle.db);
  return rows[0]?.partition;
}

describe('log_events day partitions', () => {
  it('creates missing days only, so repeated calls are no-ops', async () => {
    expect(await ensureDayPartitions(handle.db, '2024-12-30', 3)).toEqual([
      'log_events_20241230',
      'log_events_20241231',
      'log_events_20250101',
    ]);
    expect(await ensureDayPartitions(handle.db, '2024-12-30', 3)).toEqual([]);
    expect(await ensureDayPartitions(handle.db, '2024-12-31', 3)).toEqual(['log_events_20250102']);
    expect(await listDayPartitions(handle.db)).toEqual([
      '2024-12-30',
      '2024-12-31',
      '2025-01-01',
      '2025-01-02',
    ]);
  });

  it('survives replicas creating the same days at once', async () => {
    const others = [0, 1, 2].map(() => createDatabase({ connectionString: database.connectionString }));
    try {
      const created = await Promise.all(others.map((o) => ensureDayPartitions(o.db, '2025-02-01', 5)));
      expect(created.flat().sort()).toEqual([
        'log_events_20250201',
        'log_events_20250202',
        'log_events_20250203',
        'log_events_20250204',
        'log_events_20250205',
      ]);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });

  it('routes a row to the partition of its UTC day, bounds included and excluded', async () => {
    await handle.db
      .insertInto('log_events')
      .values([
        event('first-instant', '2024-12-31T00:00:00.000Z'),
        event('last-instant', '2024-12-31T23:59:59.999Z'),
        // 00:30 in +01:00 is still the 31st in UTC.
        event('offset', '2025-01-01T00:30:00+01:00'),
        event('next-day', '2025-01-01T00:00:00.000Z'),
      ])
      .execute();
    expect(await partitionOf('first-instant')).toBe('log_events_20241231');
    expect(await partitionOf('last-instant')).toBe('log_events_20241231');
    expect(await partitionOf('offset')).toBe('log_events_20241231');
    expect(await partitionOf('next-day')).toBe('log_events_20250101');
  });

  it('refuses rows of a day without a partition', async () => {
    await expect(
      handle.db.insertInto('log_events').values(event('orphan', '2030-06-01T12:00:00Z')).execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('drops one day with its rows and leaves the others', async () => {
    expect(await dropDayPartition(handle.db, '2024-12-31')).toBe(true);
    expect(await dropDayPartition(handle.db, '2024-12-31')).toBe(false);
    expect(await partitionOf('last-instant')).toBeUndefined();
    expect(await partitionOf('next-day')).toBe('log_events_20250101');
    expect(await listDayPartitions(handle.db)).not.toContain('2024-12-31');
    // A dropped day can be created again.
    expect(await ensureDayPartitions(handle.db, '2024-12-31', 1)).toEqual(['log_events_20241231']);
  });
});
