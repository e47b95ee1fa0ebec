import type { NatsConnection } from 'nats';
import { fileDescriptorSet } from '@loglens/proto';
import {
  closeNats,
  connectNats,
  createDatabase,
  createGrpcServer,
  createPostgresApiKeyStore,
  createTelemetry,
  ensureTopology,
  topologyFromSettings,
  type ConfigOf,
  type DatabaseHandle,
  type GrpcServer,
  type Logger,
  type Module,
  type ModuleDefinition,
  type ServerTlsOptions,
} from '@loglens/platform';
import type { serveSettings } from './serve-config.js';

/** What every module of `loglens serve` is built from. */
export interface ServeContext {
  readonly config: ConfigOf<typeof serveSettings>;
  readonly logger: Logger;
}

/** The shared PostgreSQL pool. */
export interface PostgresModule extends Module {
  readonly database: DatabaseHandle;
}

/** The shared NATS connection, with the topology provisioned. */
export interface NatsModule extends Module {
  connection(): NatsConnection;
}

/** The shared gRPC server; services register on it before it starts. */
export interface GrpcModule extends Module {
  readonly server: GrpcServer;
}

/** A module this one depends on, as built by the runner (dependencies always start first). */
export function dependency<T extends Module>(started: ReadonlyMap<string, Module>, name: string): T {
  const module = started.get(name);
  if (!module) throw new Error(`module ${name} has not started`);
  return module as T;
}

function tlsOptions(config: ServeContext['config']): ServerTlsOptions | undefined {
  const { grpcTlsCert: cert, grpcTlsKey: key, grpcTlsClientCa: ca } = config;
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) {
    throw new Error('LOGLENS_GRPC_TLS_CERT and LOGLENS_GRPC_TLS_KEY must be set together');
  }
  return {
    cert: { file: cert },
    key: { file: key },
    ...(ca ? { ca: { file: ca }, requireClientCert: true } : {}),
  };
}

const postgres: ModuleDefinition<ServeContext> = {
  name: 'postgres',
  internal: true,
  create({ config, logger }): PostgresModule {
    const database = createDatabase({
      connectionString: config.postgresUrl,
      logger: logger.child({ component: 'postgres' }),
    });
    return {
      database,
      start: async () => {
        await database.pool.query('select 1');
      },
      stop: () => database.close(),
    };
  },
};

const nats: ModuleDefinition<ServeContext> = {
  name: 'nats',
  create({ config, logger }): NatsModule {
    let nc: NatsConnection | undefined;
    const log = logger.child({ component: 'nats' });
    return {
      connection: () => {
        if (!nc) throw new Error('NATS is not connected');
        return nc;
      },
      async start() {
        nc = await connectNats({ servers: config.natsUrl, name: 'loglens', logger: log });
        const report = await ensureTopology(await nc.jetstreamManager(), topologyFromSettings(config));
        log.info(
          { actions: report.actions.filter((a) => a.outcome !== 'unchanged') },
          'topology provisioned',
        );
      },
      stop: async () => {
        if (nc) await closeNats(nc);
      },
    };
  },
};

const metrics: ModuleDefinition<ServeContext> = {
  name: 'metrics',
  create({ config, logger }): Module {
    let shutdown: (() => Promise<void>) | undefined;
    return {
      async start() {
        const telemetry = await createTelemetry({
          serviceName: 'loglens',
          metricsHost: config.metricsHost,
          metricsPort: config.metricsPort,
        });
        shutdown = () => telemetry.shutdown();
        logger.info({ port: telemetry.metricsPort }, 'metrics served on /metrics');
      },
      stop: async () => shutdown?.(),
    };
  },
};

const grpc: ModuleDefinition<ServeContext> = {
  name: 'grpc',
  dependsOn: ['postgres'],
  create({ config, logger }, started): GrpcModule {
    const { database } = dependency<PostgresModule>(started, 'postgres');
    const log = logger.child({ component: 'grpc' });
    const server = createGrpcServer({
      host: config.grpcHost,
      port: config.grpcPort,
      apiKeys: createPostgresApiKeyStore(database.db, { logger: log }),
      logger: log,
      tls: tlsOptions(config),
      fileDescriptorSet: fileDescriptorSet(),
      shutdownTimeoutMs: config.shutdownTimeout,
    });
    return {
      server,
      async start() {
        const { port } = await server.start();
        log.info({ host: config.grpcHost, port }, 'gRPC server listening');
      },
      stop: () => server.stop(),
    };
  },
};

/**
 * Every module `loglens serve` knows, in no particular order: the runner orders them by dependency.
 * Services (ingest, parser, query, ...) add their definitions here as they are built.
 */
export const MODULES: readonly ModuleDefinition<ServeContext>[] = [postgres, nats, metrics, grpc];
