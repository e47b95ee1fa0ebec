import type { Command } from 'commander';
import type { LogLevel } from '@loglens/platform';
import { describe } from './catalog.js';
import { resolveDataDir } from '../up/data-dir.js';
import { UsageError } from '../usage-error.js';

interface UpOptions {
  readonly dataDir?: string;
  readonly grpcPort: string;
  readonly logLevel: string;
}

function parseLogLevel(text: string, levels: readonly LogLevel[]): LogLevel {
  const level = levels.find((l) => l === text);
  if (!level)
    throw new UsageError(`--log-level must be one of ${levels.join(', ')}, got ${JSON.stringify(text)}`);
  return level;
}

function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new UsageError(
      `--grpc-port must be a port number between 1 and 65535, got ${JSON.stringify(text)}`,
    );
  }
  return port;
}

/** `loglens up`: the whole stack on this machine, infrastructure included, until Ctrl-C. */
export function registerUp(program: Command): void {
  program
    .command('up')
    .description(describe('up'))
    .option('--data-dir <dir>', 'where data is kept (default $LOGLENS_DATA_DIR or ~/.local/share/loglens)')
    .option('--grpc-port <port>', 'port of the gRPC API', '7070')
    .option('--log-level <level>', 'log level of the services (logs go to stderr)', 'warn')
    .action(async (options: UpOptions) => {
      // Loaded here, not at the top: they bring in every service, which `up --help` does not need.
      const [{ databaseUrl }, { createLogger, LOG_LEVELS }, { startLocal }] = await Promise.all([
        import('@loglens/localstack'),
        import('@loglens/platform'),
        import('../up/start-local.js'),
      ]);
      const dataDir = resolveDataDir(options.dataDir);
      const grpcPort = parsePort(options.grpcPort);
      const logger = createLogger({
        name: 'loglens',
        level: parseLogLevel(options.logLevel, LOG_LEVELS),
        destination: process.stderr,
      });
      console.error(`starting LogLens (data in ${dataDir}) ...`);
      const stack = await startLocal({ dataDir, grpcPort, logger });
      const { natsUrl, postgresUrlTemplate, victoriaMetricsUrl } = stack.infrastructure.endpoints;
      console.log(
        [
          `LogLens is up: ${stack.modules.join(', ')}`,
          `  gRPC API        ${stack.grpcAddress}`,
          `  NATS            ${natsUrl}`,
          `  PostgreSQL      ${databaseUrl(postgresUrlTemplate, 'loglens')}`,
          `  VictoriaMetrics ${victoriaMetricsUrl} (InfluxDB v2 write API)`,
          stack.credentials.created ? `  created tenant "${stack.credentials.tenant}" and its API key` : '',
          'Point the CLI at it (in another shell):',
          `  source ${stack.envFile}`,
          '  loglens push examples/checkout-service.log --source default/checkout',
          '  loglens templates',
          'Ctrl-C stops everything; data stays for the next run.',
        ]
          .filter(Boolean)
          .join('\n'),
      );
      const signal = await stopSignal();
      console.error(`${signal}: stopping LogLens ...`);
      await stack.stop();
    });
}
