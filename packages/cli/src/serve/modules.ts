import type { ServiceDefinition } from '@grpc/grpc-js';
import type { NatsConnection } from 'nats';
import { createIngestModule, loadIngestConfig } from '@loglens/ingest';
import { createOperatorModule, loadOperatorConfig } from '@loglens/operator';
import { createParserModule, loadParserConfig } from '@loglens/parser';
import { fileDescriptorSet, IngestServiceService, QueryServiceService } from '@loglens/proto';
import { createQueryModule, loadQueryConfig } from '@loglens/query';
import {
  closeNats,
  connectNats,
  createDatabase,
  createGrpcServer,
  createInfluxWriter,
  createPostgresApiKeyStore,
  createTelemetry,
  ensureTopology,
  topologyFromSettings,
  type ConfigOf,
  type DatabaseHandle,
  type GrpcServer,
  type InfluxWriter,
  type Logger,
  type Module,
  type ModuleDefinition,
  type ServerTlsOptions,
  type ServiceHandlers,
  UnavailableError,
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

/** The shared InfluxDB writer; `undefined` when `LOGLENS_INFLUX_URL` is not set. */
export interface InfluxModule extends Module {
  readonly writer: InfluxWriter | undefined;
}

/**
 * The shared gRPC server. Its service table is fixed before it listens (grpc-js and the platform server
 * take services only before `start`), yet service modules start after it; so the table holds every
 * service of {@link GRPC_SERVICES} from the start, and a service module `provide`s the implementation
 * when it starts. Until then the service answers UNAVAILABLE and reports NOT_SERVING to health checks.
 */
export interface GrpcModule extends Module {
  readonly server: GrpcServer;
  /** Serves `definition` (one of {@link GRPC_SERVICES}) with `handlers` from now on. */
  provide<S extends ServiceDefinition>(definition: S, handlers: ServiceHandlers<S>): void;
}

/** The gRPC services `loglens serve` can host, each provided by the module of the same name. */
export const GRPC_SERVICES: ReadonlyMap<string, ServiceDefinition> = new Map<string, ServiceDefinition>([
  ['ingest', IngestServiceService],
  ['query', QueryServiceService],
]);

type AnyHandler = (input: unknown, ctx: unknown) => unknown;

function serviceName(definition: ServiceDefinition): string {
  const [first] = Object.values(definition);
  return first?.path.split('/')[1] ?? '';
}

// Handlers that forward each call to the implementation a module provides later.
function lateBound<S extends ServiceDefinition>(
  definition: S,
  current: () => Readonly<Record<string, AnyHandler>> | undefined,
): ServiceHandlers<S> {
  const name = serviceName(definition);
  const forward =
    (method: string): AnyHandler =>
    (input, ctx) => {
      const handler = current()?.[method];
      if (handler === undefined) throw new UnavailableError(`${name} is not served by this process`);
      return handler(input, ctx);
    };
  return Object.fromEntries(Object.keys(definition).map((m) => [m, forward(m)])) as ServiceHandlers<S>;
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

const influx: ModuleDefinition<ServeContext> = {
  name: 'influx',
  internal: true,
  create({ config, logger }): InfluxModule {
    const writer =
      config.influxUrl === undefined
        ? undefined
        : createInfluxWriter({
            url: config.influxUrl,
            token: config.influxToken ?? '',
            org: config.influxOrg,
            bucket: config.influxBucket,
            logger: logger.child({ component: 'influx' }),
          });
    return {
      writer,
      start: () => Promise.resolve(),
      stop: async () => writer?.close(),
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
    const provided = new Map<ServiceDefinition, Readonly<Record<string, AnyHandler>>>();
    for (const definition of GRPC_SERVICES.values()) {
      server.addService(
        definition,
        lateBound(definition, () => provided.get(definition)),
      );
    }
    return {
      server,
      provide(definition, handlers) {
        if (![...GRPC_SERVICES.values()].includes(definition)) {
          throw new Error(`${serviceName(definition)} is not in GRPC_SERVICES`);
        }
        provided.set(definition, handlers as unknown as Readonly<Record<string, AnyHandler>>);
        server.setServing(serviceName(definition), true);
      },
      async start() {
        const { port } = await server.start();
        for (const definition of GRPC_SERVICES.values()) {
          if (!provided.has(definition)) server.setServing(serviceName(definition), false);
        }
        log.info({ host: config.grpcHost, port }, 'gRPC server listening');
      },
      stop: () => server.stop(),
    };
  },
};

const ingest: ModuleDefinition<ServeContext> = {
  name: 'ingest',
  dependsOn: ['nats', 'grpc'],
  create({ config, logger }, started): Module {
    const natsModule = dependency<NatsModule>(started, 'nats');
    const grpcModule = dependency<GrpcModule>(started, 'grpc');
    return createIngestModule(loadIngestConfig(), {
      connection: () => natsModule.connection(),
      natsPrefix: config.natsPrefix,
      register: (handlers) => grpcModule.provide(IngestServiceService, handlers),
      logger,
    });
  },
};

const parser: ModuleDefinition<ServeContext> = {
  name: 'parser',
  dependsOn: ['postgres', 'nats', 'influx'],
  create({ config, logger }, started): Module {
    const natsModule = dependency<NatsModule>(started, 'nats');
    return createParserModule(loadParserConfig(), {
      connection: () => natsModule.connection(),
      natsPrefix: config.natsPrefix,
      database: dependency<PostgresModule>(started, 'postgres').database,
      influx: dependency<InfluxModule>(started, 'influx').writer,
      logger,
    });
  },
};

const query: ModuleDefinition<ServeContext> = {
  name: 'query',
  dependsOn: ['postgres', 'nats', 'grpc'],
  create({ config, logger }, started): Module {
    const natsModule = dependency<NatsModule>(started, 'nats');
    const grpcModule = dependency<GrpcModule>(started, 'grpc');
    return createQueryModule(loadQueryConfig(), {
      db: dependency<PostgresModule>(started, 'postgres').database.db,
      connection: () => natsModule.connection(),
      natsPrefix: config.natsPrefix,
      register: (handlers) => grpcModule.provide(QueryServiceService, handlers),
      logger,
    });
  },
};

// Internal so that `all` (a laptop, no cluster) leaves it out; a Deployment names it: --target=operator.
const operator: ModuleDefinition<ServeContext> = {
  name: 'operator',
  internal: true,
  dependsOn: ['nats'],
  create({ config, logger }, started): Module {
    const natsModule = dependency<NatsModule>(started, 'nats');
    // Its own pool, opened lazily and not a dependency: reconciling never waits for PostgreSQL, which only
    // supplies the lines and templates of LogSource statuses.
    const database = createDatabase({
      connectionString: config.postgresUrl,
      pool: { max: 2 },
      logger: logger.child({ component: 'postgres' }),
    });
    const module = createOperatorModule(loadOperatorConfig(), {
      connection: () => natsModule.connection(),
      natsPrefix: config.natsPrefix,
      database,
      logger,
    });
    return {
      ...module,
      stop: async () => {
        await module.stop();
        await database.close();
      },
    };
  },
};

/**
 * Every module `loglens serve` knows, in no particular order: the runner orders them by dependency.
 * Services (ingest, parser, query, ...) add their definitions here as they are built; a gRPC service also
 * adds its service definition to {@link GRPC_SERVICES}.
 */
export const MODULES: readonly ModuleDefinition<ServeContext>[] = [
  postgres,
  nats,
  influx,
  metrics,
  grpc,
  ingest,
  parser,
  query,
  operator,
];
