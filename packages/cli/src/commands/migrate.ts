import type { Command } from 'commander';
import { createLogger, loadConfig, runMigrations, urlSetting } from '@loglens/platform';
import { describe } from './catalog.js';

const migrateSettings = {
  postgresUrl: urlSetting('LOGLENS_POSTGRES_URL', ['postgres', 'postgresql'], {
    default: 'postgres://postgres@127.0.0.1:5432/loglens',
    doc: 'PostgreSQL connection string.',
  }),
};

/** `loglens migrate`: brings the PostgreSQL schema to the latest version (safe to run from several replicas). */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description(describe('migrate'))
    .option('--database-url <url>', 'PostgreSQL connection string (overrides LOGLENS_POSTGRES_URL)')
    .action(async (options: { databaseUrl?: string }) => {
      const env = options.databaseUrl
        ? { ...process.env, LOGLENS_POSTGRES_URL: options.databaseUrl }
        : process.env;
      const { postgresUrl } = loadConfig(migrateSettings, env);
      const logger = createLogger({ name: 'loglens-migrate', level: 'warn' });
      const { applied } = await runMigrations({ connectionString: postgresUrl, logger });
      console.log(applied.length === 0 ? 'schema is up to date' : `applied: ${applied.join(', ')}`);
    });
}
