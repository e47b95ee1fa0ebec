import { createTestDatabase, type TestDatabase } from '@loglens/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  ensureDayPartitions,
  migrateToLatest,
  type DatabaseHandle,
} from '../src/postgres/index.js';

let database: TestDatabase;
let handle: DatabaseHandle;
let tenantId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDatabase({ connectionString: database.connectionString });
  await migrateToLatest(handle.db);
  tenantId = (
    await handle.db.insertInto('tenants').values({ name: 'acme' }).returning('id').executeTakeFirstOrThrow()
  ).id;
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

describe('tables round-trip through the typed schema', () => {
  it('tenants: generated id and creation time, unique name', async () => {
    const row = await handle.db
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', tenantId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ id: tenantId, name: 'acme', created_at: expect.any(Date) as Date });
    await expect(handle.db.insertInto('tenants').values({ name: 'acme' }).execute()).rejects.toMatchObject({
      code: '23505',
    });
  });

  it('api_keys: stores a hash, rejects anything that is not SHA-256 hex', async () => {
    const hash = 'a'.repeat(64);
    await handle.db
      .insertInto('api_keys')
      .values({ id: 'k1', tenant_id: tenantId, hash, name: 'ci' })
      .execute();
    const row = await handle.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', 'k1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      tenant_id: tenantId,
      hash,
      name: 'ci',
      revoked_at: null,
      last_used_at: null,
    });
    await expect(
      handle.db
        .insertInto('api_keys')
        .values({ id: 'k2', tenant_id: tenantId, hash: 'llk_raw', name: 'x' })
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('sources: jsonb config, one per tenant and name', async () => {
    const config = { format: 'json', paths: ['/var/log/*.log'], multiline: null };
    await handle.db
      .insertInto('sources')
      .values({ tenant_id: tenantId, name: 'checkout', config: JSON.stringify(config) })
      .execute();
    const row = await handle.db.selectFrom('sources').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({
      tenant_id: tenantId,
      name: 'checkout',
      config,
      created_at: expect.any(Date) as Date,
    });
    await expect(
      handle.db.insertInto('sources').values({ tenant_id: tenantId, name: 'checkout' }).execute(),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('templates: bigint count reads as a string, jsonb params as an array', async () => {
    const seen = new Date('2025-01-02T03:04:05.678Z');
    await handle.db
      .insertInto('templates')
      .values({
        tenant_id: tenantId,
        source: 'checkout',
        id: 't-1',
        template: 'user <*> logged in from <*>',
        first_seen: seen,
        last_seen: seen,
        count: 9_007_199_254_740_993n,
        params: JSON.stringify([{ type: 'id' }, { type: 'ipv4' }]),
        previous_id: 't-0',
      })
      .execute();
    const row = await handle.db.selectFrom('templates').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({
      tenant_id: tenantId,
      source: 'checkout',
      id: 't-1',
      template: 'user <*> logged in from <*>',
      first_seen: seen,
      last_seen: seen,
      count: '9007199254740993',
      params: [{ type: 'id' }, { type: 'ipv4' }],
      previous_id: 't-0',
      superseded_by: null,
    });
  });

  it('log_events: idempotent insert on (ts, id), level constrained', async () => {
    const ts = new Date('2025-01-02T10:00:00.123Z');
    await ensureDayPartitions(handle.db, ts, 1);
    const event = {
      tenant_id: tenantId,
      source: 'checkout',
      ts,
      id: 'msg-1:0',
      level: 'error' as const,
      template_id: 't-1',
      message: 'user 42 logged in from 10.0.0.1',
      params: JSON.stringify(['42', '10.0.0.1']),
      attributes: JSON.stringify({ pod: 'checkout-7f9c', attempt: 2 }),
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    };
    for (let i = 0; i < 2; i++) {
      await handle.db
        .insertInto('log_events')
        .values(event)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const rows = await handle.db.selectFrom('log_events').selectAll().execute();
    expect(rows).toEqual([
      { ...event, params: ['42', '10.0.0.1'], attributes: { pod: 'checkout-7f9c', attempt: 2 } },
    ]);
    await expect(
      handle.db
        .insertInto('log_events')
        .values({ ...event, id: 'msg-1:1', level: 'loud' as 'info' })
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('model_snapshots: upsert by owner and key', async () => {
    const upsert = (version: number, data: unknown) =>
      handle.db
        .insertInto('model_snapshots')
        .values({ owner: 'parser', key: 'acme/checkout', version, data: JSON.stringify(data) })
        .onConflict((oc) =>
          oc.columns(['owner', 'key']).doUpdateSet((eb) => ({
            version: eb.ref('excluded.version'),
            data: eb.ref('excluded.data'),
            updated_at: new Date(),
          })),
        )
        .execute();
    await upsert(1, { clusters: [] });
    await upsert(2, { clusters: [{ id: 't-1' }] });
    const rows = await handle.db.selectFrom('model_snapshots').selectAll().execute();
    expect(rows).toEqual([
      {
        owner: 'parser',
        key: 'acme/checkout',
        version: 2,
        data: { clusters: [{ id: 't-1' }] },
        updated_at: expect.any(Date) as Date,
      },
    ]);
  });
});
