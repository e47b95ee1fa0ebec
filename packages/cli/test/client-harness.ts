import { createIngestModule, loadIngestConfig } from '@loglens/ingest';
import {
  createDatabase,
  createGrpcServer,
  createPostgresApiKeyStore,
  ensureDayPartitions,
  loadConfig,
  parseTargets,
  runMigrations,
  silentLogger,
  startModules,
  type ApiKeyStore,
  type DatabaseHandle,
  type RunningModules,
} from '@loglens/platform';
import { IngestServiceService, RawBatch } from '@loglens/proto';
import { createTestDatabase, natsUrl, uniquePrefix, type TestDatabase } from '@loglens/testing';
import type { JetStreamManager, NatsConnection } from 'nats';
import { main } from '../src/main.js';
import { MODULES } from '../src/serve/modules.js';
import { serveSettings } from '../src/serve/serve-config.js';

/** `loglens serve --target=...` on a fresh database, with a tenant and its key. */
export interface ServedStack {
  readonly prefix: string;
  readonly address: string;
  readonly testDb: TestDatabase;
  readonly database: DatabaseHandle;
  readonly store: ApiKeyStore;
  readonly tenantId: string;
  readonly key: string;
  stop(): Promise<void>;
}

/** Starts `targets` (by default the ingest and query modules) through the `serve` module table. */
export async function startStack(targets = 'ingest,query'): Promise<ServedStack> {
  const testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.connectionString, logger: silentLogger() });
  const database = createDatabase({ connectionString: testDb.connectionString, logger: silentLogger() });
  const store = createPostgresApiKeyStore(database.db);
  const tenantId = (await store.createTenant('acme')).id;
  const { key } = await store.createKey(tenantId, 'cli');
  const prefix = uniquePrefix();
  const config = loadConfig(serveSettings, {
    LOGLENS_POSTGRES_URL: testDb.connectionString,
    LOGLENS_NATS_URL: natsUrl(),
    LOGLENS_NATS_PREFIX: prefix,
    LOGLENS_GRPC_HOST: '127.0.0.1',
    LOGLENS_GRPC_PORT: '0',
  });
  const running: RunningModules = await startModules(
    parseTargets(targets, MODULES),
    MODULES,
    { config, logger: silentLogger() },
    silentLogger(),
  );
  const grpc = running.get('grpc') as unknown as { server: { port: number } };
  return {
    prefix,
    address: `127.0.0.1:${grpc.server.port}`,
    testDb,
    database,
    store,
    tenantId,
    key,
    async stop() {
      await running.stop();
      await database.close();
      await testDb.drop();
    },
  };
}

/** A second ingest server with `env` settings (e.g. a tight rate limit), on the stack's NATS. */
export async function startIngestServer(
  store: ApiKeyStore,
  nc: NatsConnection,
  prefix: string,
  env: Record<string, string>,
): Promise<{ address: string; stop(): Promise<void> }> {
  const server = createGrpcServer({ host: '127.0.0.1', port: 0, apiKeys: store, logger: silentLogger() });
  const module = createIngestModule(loadIngestConfig(env), {
    connection: () => nc,
    natsPrefix: prefix,
    register: (handlers) => server.addService(IngestServiceService, handlers),
    logger: silentLogger(),
  });
  await module.start();
  const { port } = await server.start();
  return { address: `127.0.0.1:${port}`, stop: () => server.stop() };
}

/** Runs `loglens ...args` in this process with `LOGLENS_API_KEY` set, capturing console output. */
export async function run(
  args: readonly string[],
  apiKey: string,
  onLine: (line: string) => void = () => undefined,
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  const previousKey = process.env.LOGLENS_API_KEY;
  console.log = (line: string) => {
    out.push(line);
    onLine(line);
  };
  console.error = (line: string) => err.push(line);
  process.env.LOGLENS_API_KEY = apiKey;
  try {
    return { code: await main(['node', 'loglens', ...args]), out, err };
  } finally {
    console.log = log;
    console.error = error;
    if (previousKey === undefined) delete process.env.LOGLENS_API_KEY;
    else process.env.LOGLENS_API_KEY = previousKey;
  }
}

/** Every raw batch stored in the stack's LOGS_RAW, oldest first. */
export async function rawBatches(jsm: JetStreamManager, prefix: string): Promise<RawBatch[]> {
  const stream = `${prefix}LOGS_RAW`;
  const { state } = await jsm.streams.info(stream);
  const batches: RawBatch[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    batches.push(RawBatch.decode((await jsm.streams.getMessage(stream, { seq })).data));
  }
  return batches;
}

/** Inserts parsed events and a template the way the parser stores them. */
export async function seedParsed(
  database: DatabaseHandle,
  tenantId: string,
  startMs: number,
  count: number,
): Promise<void> {
  await ensureDayPartitions(database.db, new Date(startMs), 1);
  const rows = Array.from({ length: count }, (_, i) => ({
    tenant_id: tenantId,
    source: 'shop/checkout',
    ts: new Date(startMs + i * 1000).toISOString(),
    id: `seed/${i}`,
    level: i % 10 === 0 ? ('error' as const) : ('info' as const),
    template_id: 'tpl-order',
    message: i % 10 === 0 ? `order ${i} failed: card "declined", retry` : `order ${i} ok`,
    params: JSON.stringify([String(i)]),
  }));
  await database.db.insertInto('log_events').values(rows).execute();
  await database.db
    .insertInto('templates')
    .values({
      tenant_id: tenantId,
      source: 'shop/checkout',
      id: 'tpl-order',
      template: 'order <*> ok',
      first_seen: new Date(startMs).toISOString(),
      last_seen: new Date(startMs + (count - 1) * 1000).toISOString(),
      count,
    })
    .execute();
  for (const level of ['info', 'error'] as const) {
    const n = rows.filter((r) => r.level === level).length;
    await database.db
      .insertInto('log_volume_minute')
      .values({
        tenant_id: tenantId,
        source: 'shop/checkout',
        minute: new Date(startMs).toISOString(),
        level,
        template_id: 'tpl-order',
        count: n,
      })
      .execute();
  }
}
