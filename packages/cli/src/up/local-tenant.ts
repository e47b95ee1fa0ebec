import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiKeyStore, DatabaseHandle } from '@loglens/platform';

/** The tenant `loglens up` creates, and the API key it keeps for the local user. */
export interface LocalCredentials {
  readonly tenant: string;
  readonly apiKey: string;
  /** True when this run created the tenant and key. */
  readonly created: boolean;
}

const TENANT = 'local';
const KEY_FILE = 'api-key';

async function readKey(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Makes sure the local tenant exists and that `dataDir/api-key` holds a key that still works, creating both
 * on first use. Keys are stored hashed in PostgreSQL, so the file (mode 0600) is the only copy of the key.
 */
export async function ensureLocalCredentials(
  store: ApiKeyStore,
  database: DatabaseHandle,
  dataDir: string,
): Promise<LocalCredentials> {
  const file = join(dataDir, KEY_FILE);
  const saved = await readKey(file);
  if (saved && (await store.resolve(saved))) return { tenant: TENANT, apiKey: saved, created: false };

  const existing = await database.db
    .selectFrom('tenants')
    .select('id')
    .where('name', '=', TENANT)
    .executeTakeFirst();
  const tenantId = existing?.id ?? (await store.createTenant(TENANT)).id;
  const { key } = await store.createKey(tenantId, 'loglens up');
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return { tenant: TENANT, apiKey: key, created: true };
}
