import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, createPostgresApiKeyStore, runMigrations, silentLogger } from '@loglens/platform';
import { createTestDatabase, type TestDatabase } from '@loglens/testing';
import { main } from '../src/main.js';

async function run(args: readonly string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (line: string) => out.push(line);
  console.error = (line: string) => err.push(line);
  try {
    return { code: await main(['node', 'loglens', ...args]), out, err };
  } finally {
    console.log = log;
    console.error = error;
  }
}

describe('loglens admin', () => {
  let db: TestDatabase;
  let url: string[];
  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations({ connectionString: db.connectionString, logger: silentLogger() });
    url = ['--database-url', db.connectionString];
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates a tenant and a key that authenticates, lists it, and revokes it', async () => {
    expect((await run(['admin', 'tenant', 'create', 'acme', ...url])).out[0]).toMatch(
      /^created tenant acme \(/,
    );
    const created = await run(['admin', 'key', 'create', '--tenant', 'acme', '--name', 'shipper', ...url]);
    expect(created.code).toBe(0);
    const key = created.out[0]!;
    expect(key).toMatch(/^llk_[0-9a-f]{16}_/);
    const keyId = key.split('_')[1]!;

    const database = createDatabase({ connectionString: db.connectionString, logger: silentLogger() });
    try {
      const store = createPostgresApiKeyStore(database.db);
      expect(await store.resolve(key)).toMatchObject({ keyId });

      const listed = await run(['admin', 'key', 'list', '--tenant', 'acme', ...url]);
      expect(listed.out).toHaveLength(2);
      expect(listed.out[1]).toMatch(new RegExp(`^${keyId}\tshipper\t`));
      expect(listed.out.join('\n')).not.toContain(key);

      expect((await run(['admin', 'key', 'revoke', keyId, ...url])).out).toEqual([`revoked key ${keyId}`]);
      expect(await store.resolve(key)).toBeUndefined();
    } finally {
      await database.close();
    }
  });

  it('fails with exit code 1 and a clear message for unknown tenants, duplicates and unknown keys', async () => {
    expect((await run(['admin', 'tenant', 'create', 'dup', ...url])).code).toBe(0);
    const dup = await run(['admin', 'tenant', 'create', 'dup', ...url]);
    expect(dup).toMatchObject({ code: 1, err: ['loglens: tenant "dup" already exists'] });
    const unknown = await run(['admin', 'key', 'create', '--tenant', 'nobody', ...url]);
    expect(unknown).toMatchObject({ code: 1, err: ['loglens: tenant "nobody" not found'] });
    const revoke = await run(['admin', 'key', 'revoke', '0123456789abcdef', ...url]);
    expect(revoke).toMatchObject({ code: 1, err: ['loglens: no active key 0123456789abcdef'] });
  });
});
