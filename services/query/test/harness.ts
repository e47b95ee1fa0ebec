import type { ClientReadableStream, ServiceError } from '@grpc/grpc-js';
import {
  createDatabase,
  createGrpcClient,
  createGrpcServer,
  createPostgresApiKeyStore,
  runMigrations,
  silentLogger,
  type ApiKeyStore,
  type DatabaseHandle,
  type GrpcServer,
} from '@loglens/platform';
import {
  ExportLogsRequest,
  GetTemplateRequest,
  GetVolumeRequest,
  ListTemplatesRequest,
  QueryLogsRequest,
  QueryServiceClient,
  QueryServiceService,
  TailRequest,
  type DeepPartial,
  type ExportLogsResponse,
  type GetTemplateResponse,
  type GetVolumeResponse,
  type ListTemplatesResponse,
  type QueryLogsResponse,
  type TailResponse,
} from '@loglens/proto';
import { createTestDatabase, uniquePrefix, type TestDatabase } from '@loglens/testing';
import type { NatsConnection } from 'nats';
import { createQueryHandlers, loadQueryConfig } from '../src/index.js';

export * from './seed.js';

/** A migrated test database with two tenants and a key each. */
export interface Fixture {
  readonly testDb: TestDatabase;
  readonly database: DatabaseHandle;
  readonly store: ApiKeyStore;
  readonly tenants: { readonly acme: Tenant; readonly other: Tenant };
  close(): Promise<void>;
}

/** A tenant and one of its API keys. */
export interface Tenant {
  readonly id: string;
  readonly key: string;
}

/** Creates the database, migrates it and makes tenants `acme` and `other`. */
export async function createFixture(): Promise<Fixture> {
  const testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.connectionString, logger: silentLogger() });
  const database = createDatabase({ connectionString: testDb.connectionString, logger: silentLogger() });
  const store = createPostgresApiKeyStore(database.db);
  const tenant = async (name: string): Promise<Tenant> => {
    const { id } = await store.createTenant(name);
    return { id, key: (await store.createKey(id, 'test')).key };
  };
  const tenants = { acme: await tenant('acme'), other: await tenant('other') };
  return {
    testDb,
    database,
    store,
    tenants,
    async close() {
      await database.close();
      await testDb.drop();
    },
  };
}

/** A QueryService on its own gRPC server on a free port. */
export interface RunningQuery {
  readonly address: string;
  client(apiKey: string): QueryServiceClient;
  stop(): Promise<void>;
}

/**
 * Serves QueryService over the fixture's database; `env` holds `LOGLENS_QUERY_*` overrides. Only Tail uses
 * NATS: without `connection` a call that needs it fails loudly.
 */
export async function startQuery(options: {
  readonly fixture: Fixture;
  readonly connection?: () => NatsConnection;
  readonly natsPrefix?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly now?: () => number;
}): Promise<RunningQuery> {
  const server: GrpcServer = createGrpcServer({
    host: '127.0.0.1',
    port: 0,
    apiKeys: options.fixture.store,
    logger: silentLogger(),
    shutdownTimeoutMs: 2_000,
  });
  server.addService(
    QueryServiceService,
    createQueryHandlers({
      db: options.fixture.database.db,
      connection:
        options.connection ??
        (() => {
          throw new Error('this test started QueryService without NATS');
        }),
      natsPrefix: options.natsPrefix ?? uniquePrefix(),
      config: loadQueryConfig(options.env ?? {}),
      ...(options.now === undefined ? {} : { now: options.now }),
    }),
  );
  const { port } = await server.start();
  const address = `127.0.0.1:${port}`;
  const clients: QueryServiceClient[] = [];
  return {
    address,
    client(apiKey) {
      const client = createGrpcClient(QueryServiceClient, address, { apiKey, deadlineMs: 30_000 });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const c of clients) c.close();
      await server.stop();
    },
  };
}

function unary<Res>(
  call: (callback: (error: ServiceError | null, response: Res) => void) => unknown,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    call((error, response) => (error ? reject(error) : resolve(response)));
  });
}

/** Promise forms of the unary methods. */
export function api(client: QueryServiceClient) {
  return {
    queryLogs: (request: DeepPartial<QueryLogsRequest>) =>
      unary<QueryLogsResponse>((cb) => client.queryLogs(QueryLogsRequest.fromPartial(request), cb)),
    listTemplates: (request: DeepPartial<ListTemplatesRequest>) =>
      unary<ListTemplatesResponse>((cb) =>
        client.listTemplates(ListTemplatesRequest.fromPartial(request), cb),
      ),
    getTemplate: (request: DeepPartial<GetTemplateRequest>) =>
      unary<GetTemplateResponse>((cb) => client.getTemplate(GetTemplateRequest.fromPartial(request), cb)),
    getVolume: (request: DeepPartial<GetVolumeRequest>) =>
      unary<GetVolumeResponse>((cb) => client.getVolume(GetVolumeRequest.fromPartial(request), cb)),
    exportLogs: (request: DeepPartial<ExportLogsRequest>) =>
      collect(client.exportLogs(ExportLogsRequest.fromPartial(request))),
    tail: (request: DeepPartial<TailRequest>) => client.tail(TailRequest.fromPartial(request)),
  };
}

/** Every message of a server stream, or the stream's error. */
export async function collect<T>(stream: ClientReadableStream<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item as T);
  return items;
}

/** The bytes of an export, concatenated. */
export function exportText(chunks: readonly ExportLogsResponse[]): string {
  return Buffer.concat(chunks.map((c) => c.chunk)).toString('utf8');
}

/** The ServiceError a call failed with; fails the test when it succeeded. */
export async function failure(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail, it succeeded');
}

/** Reads Tail responses until `enough` says so. */
export function readTail(stream: ClientReadableStream<TailResponse>): {
  responses: TailResponse[];
  until(enough: (responses: TailResponse[]) => boolean): Promise<void>;
} {
  const responses: TailResponse[] = [];
  let check = (): void => undefined;
  stream.on('data', (response: TailResponse) => {
    responses.push(response);
    check();
  });
  stream.on('error', () => undefined);
  return {
    responses,
    until: (enough) =>
      new Promise((resolve) => {
        check = () => {
          if (enough(responses)) resolve();
        };
        check();
      }),
  };
}
