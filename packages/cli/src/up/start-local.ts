import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDatabase, startInfrastructure, type Infrastructure } from '@loglens/localstack';
import {
  createDatabase,
  createPostgresApiKeyStore,
  loadConfig,
  parseTargets,
  runMigrations,
  startModules,
  type Logger,
  type RunningModules,
} from '@loglens/platform';
import { MODULES, type GrpcModule } from '../serve/modules.js';
import { serveSettings } from '../serve/serve-config.js';
import { ensureLocalCredentials, type LocalCredentials } from './local-tenant.js';

/** Options of {@link startLocal}. */
export interface StartLocalOptions {
  readonly dataDir: string;
  /** Port of the gRPC API; 0 picks a free one. */
  readonly grpcPort: number;
  readonly logger: Logger;
}

/** The whole stack running on this machine. */
export interface LocalStack {
  readonly grpcAddress: string;
  readonly credentials: LocalCredentials;
  readonly infrastructure: Infrastructure;
  /** Where the variables that point the CLI at this stack are written, for `source`. */
  readonly envFile: string;
  readonly modules: readonly string[];
  stop(): Promise<void>;
}

const DATABASE = 'loglens';

async function prepareDatabase(url: string, dataDir: string, logger: Logger): Promise<LocalCredentials> {
  await runMigrations({ connectionString: url, logger });
  const database = createDatabase({ connectionString: url, logger, pool: { max: 2 } });
  try {
    return await ensureLocalCredentials(
      createPostgresApiKeyStore(database.db, { logger }),
      database,
      dataDir,
    );
  } finally {
    await database.close();
  }
}

/**
 * Starts nats-server, PostgreSQL and VictoriaMetrics with their data under `dataDir`, prepares the schema and
 * a local tenant with an API key, then runs every LogLens module in this process (as `serve --target=all`).
 */
export async function startLocal(options: StartLocalOptions): Promise<LocalStack> {
  const { dataDir, logger } = options;
  await mkdir(dataDir, { recursive: true });
  const infrastructure = await startInfrastructure({ dir: dataDir, durable: true, detached: true });
  let running: RunningModules | undefined;
  try {
    const { postgresUrlTemplate, natsUrl, victoriaMetricsUrl } = infrastructure.endpoints;
    const postgresUrl = await ensureDatabase(postgresUrlTemplate, DATABASE);
    const credentials = await prepareDatabase(postgresUrl, dataDir, logger);

    // The modules read their settings from the environment, like `loglens serve`; these point them here.
    const env = {
      ...process.env,
      LOGLENS_POSTGRES_URL: postgresUrl,
      LOGLENS_NATS_URL: natsUrl,
      LOGLENS_INFLUX_URL: victoriaMetricsUrl,
      LOGLENS_GRPC_HOST: '127.0.0.1',
      LOGLENS_GRPC_PORT: String(options.grpcPort),
    };
    Object.assign(process.env, env);
    const config = loadConfig(serveSettings, env);
    // `all` leaves out the operator, which needs a Kubernetes API.
    const targets = parseTargets('all', MODULES);
    running = await startModules(targets, MODULES, { config, logger }, logger);

    const grpc = running.get('grpc') as GrpcModule | undefined;
    const grpcAddress = `127.0.0.1:${grpc?.server.port ?? options.grpcPort}`;
    const envFile = join(dataDir, 'env');
    await writeFile(
      envFile,
      `export LOGLENS_SERVER=${grpcAddress}\nexport LOGLENS_API_KEY=${credentials.apiKey}\n`,
      { mode: 0o600 },
    );
    const modules = running.names;
    const stopModules = running.stop.bind(running);
    return {
      grpcAddress,
      credentials,
      infrastructure,
      envFile,
      modules,
      async stop() {
        await stopModules();
        await infrastructure.stop();
      },
    };
  } catch (error) {
    await running?.stop();
    await infrastructure.stop();
    throw error;
  }
}
