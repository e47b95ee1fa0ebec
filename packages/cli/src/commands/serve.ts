import type { Command } from 'commander';
import { describe } from './catalog.js';
import { SERVE_TARGETS } from '../serve/targets.js';
import { UsageError } from '../usage-error.js';

/** Resolves when the process is asked to stop (SIGINT or SIGTERM). */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/** `loglens serve --target=a,b`: starts modules in one process and stops them in reverse order on a signal. */
export function registerServe(program: Command): void {
  const choices = ['all', ...SERVE_TARGETS].join(', ');
  program
    .command('serve')
    .description(describe('serve'))
    .option('--target <modules>', `comma-separated modules to start: ${choices}`, 'all')
    .action(async (options: { target: string }) => {
      // Loaded here, not at the top: they bring in every service, which `serve --help` does not need.
      const [{ createLogger, loadConfig, parseTargets, startModules }, { MODULES }, { serveSettings }] =
        await Promise.all([
          import('@loglens/platform'),
          import('../serve/modules.js'),
          import('../serve/serve-config.js'),
        ]);
      let targets: string[];
      try {
        targets = parseTargets(options.target, MODULES);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const config = loadConfig(serveSettings);
      const logger = createLogger({ name: 'loglens', level: config.logLevel, pretty: config.logPretty });
      const running = await startModules(targets, MODULES, { config, logger }, logger);
      logger.info({ modules: running.names }, 'LogLens is running');
      const signal = await stopSignal();
      logger.info({ signal }, 'stopping');
      await running.stop();
    });
}
