import { createTestDatabase, type TestDatabase } from '@loglens/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, UnavailableError } from '../src/errors/index.js';
import { hashApiKey } from '../src/grpc/index.js';
import {
  TenantExistsError,
  TenantNotFoundError,
  createDatabase,
  createPostgresApiKeyStore,
  migrateToLatest,
  type DatabaseHandle,
} from '../src/postgres/index.js';

let database: TestDatabase;
let handle: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDatabase({ connectionString: database.connectionString });
  await migrateToLatest(handle.db);
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
});

async function lastUsed(keyId: string): Promise<Date | null> {
  const row = await handle.db
    .selectFrom('api_keys')
    .select('last_used_at')
    .where('id', '=', keyId)
    .executeTakeFirst();
  return row?.last_used_at ?? null;
}

describe('PostgreSQL API key store', () => {
  it('creates a tenant and a key that resolves to it', async () => {
    const store = createPostgresApiKeyStore(handle.db);
    const tenant = await store.createTenant('acme');
    const { keyId, key } = await store.createKey(tenant.id, 'ci');

    expect(await store.resolve(key)).toEqual({ tenantId: tenant.id, keyId });
    expect(await store.listKeys(tenant.id)).toEqual([
      {
        keyId,
        tenantId: tenant.id,
        name: 'ci',
        createdAt: expect.any(Date) as Date,
        revokedAt: null,
        lastUsedAt: expect.any(Date) as Date,
      },
    ]);
  });

  it('stores the hash, never the key', async () => {
    const store = createPostgresApiKeyStore(handle.db);
    const tenant = await store.createTenant('hash-check');
    const { keyId, key } = await store.createKey(tenant.id, 'ci');
    const row = await handle.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', keyId)
      .executeTakeFirstOrThrow();
    expect(row.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key.slice(keyId.length + 5));
  });

  it('turns away wrong, malformed, unknown and revoked keys', async () => {
    const store = createPostgresApiKeyStore(handle.db);
    const tenant = await store.createTenant('globex');
    const { keyId, key } = await store.createKey(tenant.id, 'deploy');
    const other = await store.createKey(tenant.id, 'other');

    const lastChar = key.endsWith('A') ? 'B' : 'A';
    expect(await store.resolve(key.slice(0, -1) + lastChar)).toBeUndefined();
    // The right key id with another key's secret.
    expect(await store.resolve(`llk_${keyId}_${other.key.slice(-43)}`)).toBeUndefined();
    expect(await store.resolve('llk_ffffffffffffffff_' + 'a'.repeat(43))).toBeUndefined();
    expect(await store.resolve('')).toBeUndefined();
    expect(await store.resolve('Bearer nonsense')).toBeUndefined();

    expect(await store.revokeKey(keyId)).toBe(true);
    expect(await store.revokeKey(keyId)).toBe(false);
    expect(await store.resolve(key)).toBeUndefined();
    expect(await store.resolve(other.key)).toEqual({ tenantId: tenant.id, keyId: other.keyId });
    const listed = await store.listKeys(tenant.id);
    expect(listed.find((k) => k.keyId === keyId)?.revokedAt).toBeInstanceOf(Date);
  });

  it('records use at most once per interval per key', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const store = createPostgresApiKeyStore(handle.db, { now: () => clock, touchIntervalMs: 60_000 });
    const tenant = await store.createTenant('initech');
    const { keyId, key } = await store.createKey(tenant.id, 'ci');
    expect(await lastUsed(keyId)).toBeNull();

    await store.resolve(key);
    expect(await lastUsed(keyId)).toEqual(new Date(clock));
    const first = clock;

    clock += 59_000;
    await store.resolve(key);
    expect(await lastUsed(keyId)).toEqual(new Date(first));

    clock += 1_000;
    await store.resolve(key);
    expect(await lastUsed(keyId)).toEqual(new Date(clock));

    // Another replica (a second store) that sees a recent last_used_at leaves it alone.
    const replica = createPostgresApiKeyStore(handle.db, { now: () => clock + 30_000 });
    await replica.resolve(key);
    expect(await lastUsed(keyId)).toEqual(new Date(clock));
  });

  it('reports duplicate tenants and unknown tenants with domain errors', async () => {
    const store = createPostgresApiKeyStore(handle.db);
    await store.createTenant('umbrella');
    await expect(store.createTenant('umbrella')).rejects.toBeInstanceOf(TenantExistsError);
    await expect(store.createTenant('umbrella')).rejects.toBeInstanceOf(ConflictError);
    await expect(store.createKey('00000000-0000-4000-8000-000000000000', 'x')).rejects.toBeInstanceOf(
      TenantNotFoundError,
    );
    await expect(store.createKey('not-a-uuid', 'x')).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.listKeys('not-a-uuid')).toEqual([]);
  });

  it('answers UnavailableError, not "unknown key", when the database is unreachable', async () => {
    const store = createPostgresApiKeyStore(handle.db);
    const tenant = await store.createTenant('down-check');
    const { key } = await store.createKey(tenant.id, 'ci');
    const gone = createDatabase({ connectionString: database.connectionString });
    await gone.close();
    await expect(createPostgresApiKeyStore(gone.db).resolve(key)).rejects.toBeInstanceOf(UnavailableError);
  });
});
