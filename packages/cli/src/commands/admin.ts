import type { Command } from 'commander';
import {
  createDatabase,
  createLogger,
  createPostgresApiKeyStore,
  loadConfig,
  NotFoundError,
  urlSetting,
  type ApiKeyStore,
  type DatabaseHandle,
} from '@loglens/platform';
import { describe } from './catalog.js';

const adminSettings = {
  postgresUrl: urlSetting('LOGLENS_POSTGRES_URL', ['postgres', 'postgresql'], {
    default: 'postgres://postgres@127.0.0.1:5432/loglens',
    doc: 'PostgreSQL connection string.',
  }),
};

interface DatabaseOption {
  readonly databaseUrl?: string;
}

/** Opens the database named by `--database-url` or `LOGLENS_POSTGRES_URL`, runs `work`, and closes it. */
async function withStore<T>(
  options: DatabaseOption,
  work: (store: ApiKeyStore, database: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const env = options.databaseUrl
    ? { ...process.env, LOGLENS_POSTGRES_URL: options.databaseUrl }
    : process.env;
  const { postgresUrl } = loadConfig(adminSettings, env);
  const logger = createLogger({ name: 'loglens-admin', level: 'warn' });
  const database = createDatabase({ connectionString: postgresUrl, logger, pool: { max: 2 } });
  try {
    return await work(createPostgresApiKeyStore(database.db, { logger }), database);
  } finally {
    await database.close();
  }
}

async function tenantIdByName(database: DatabaseHandle, name: string): Promise<string> {
  const row = await database.db
    .selectFrom('tenants')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`tenant ${JSON.stringify(name)} not found`);
  return row.id;
}

function withDatabaseOption(command: Command): Command {
  return command.option(
    '--database-url <url>',
    'PostgreSQL connection string (overrides LOGLENS_POSTGRES_URL)',
  );
}

function isoOrDash(date: Date | null): string {
  return date === null ? '-' : date.toISOString();
}

/** `loglens admin`: tenants and their API keys, straight in PostgreSQL. */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description(describe('admin'));
  const tenant = admin.command('tenant').description('manage tenants');
  const key = admin.command('key').description('manage API keys');

  withDatabaseOption(tenant.command('create <name>').description('create a tenant')).action(
    async (name: string, options: DatabaseOption) => {
      const created = await withStore(options, (store) => store.createTenant(name));
      console.log(`created tenant ${created.name} (${created.id})`);
    },
  );

  withDatabaseOption(
    key
      .command('create')
      .description('create an API key for a tenant and print it (it is shown only once)')
      .requiredOption('--tenant <name>', 'the tenant the key belongs to')
      .option('--name <name>', 'what the key is for', 'default'),
  ).action(async (options: DatabaseOption & { tenant: string; name: string }) => {
    const created = await withStore(options, async (store, database) =>
      store.createKey(await tenantIdByName(database, options.tenant), options.name),
    );
    console.error(
      `created key ${created.keyId} for tenant ${options.tenant}; store it now, it is not shown again:`,
    );
    console.log(created.key);
  });

  withDatabaseOption(key.command('revoke <keyId>').description('revoke an API key by its id')).action(
    async (keyId: string, options: DatabaseOption) => {
      const revoked = await withStore(options, (store) => store.revokeKey(keyId));
      if (!revoked) throw new NotFoundError(`no active key ${keyId}`);
      console.log(`revoked key ${keyId}`);
    },
  );

  withDatabaseOption(
    key
      .command('list')
      .description("list a tenant's API keys (ids and metadata, never the keys)")
      .requiredOption('--tenant <name>', 'the tenant'),
  ).action(async (options: DatabaseOption & { tenant: string }) => {
    const keys = await withStore(options, async (store, database) =>
      store.listKeys(await tenantIdByName(database, options.tenant)),
    );
    console.log(['KEY ID', 'NAME', 'CREATED', 'LAST USED', 'REVOKED'].join('\t'));
    for (const k of keys) {
      console.log(
        [k.keyId, k.name, k.createdAt.toISOString(), isoOrDash(k.lastUsedAt), isoOrDash(k.revokedAt)].join(
          '\t',
        ),
      );
    }
  });
}
