import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl, ensureDatabase, type InfrastructureEndpoints } from '@loglens/localstack';

// The server launchers live in @loglens/localstack (loglens up uses them too); tests import them from here.
export {
  freePort,
  MissingBinaryError,
  startInfrastructure,
  startNatsServer,
  startPostgres,
  startVictoriaMetrics,
  type Infrastructure,
  type InfrastructureEndpoints,
  type NatsServer,
  type PostgresServer,
  type VictoriaMetricsServer,
} from '@loglens/localstack';
export { startK8sApiServer, type K8sApiServer, type K8sApiServerOptions } from './k8s/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    loglensInfrastructure: InfrastructureEndpoints;
  }
}

function endpoints(): InfrastructureEndpoints {
  const value = inject('loglensInfrastructure') as InfrastructureEndpoints | undefined;
  if (!value) {
    throw new Error(
      'The test infrastructure is not running: integration tests run in the vitest "integration" project.',
    );
  }
  return value;
}

/** URL of the shared nats-server (JetStream enabled) of this test run. */
export function natsUrl(): string {
  return endpoints().natsUrl;
}

/** URL of the shared VictoriaMetrics of this test run (InfluxDB v2 writes at `/api/v2/write`). */
export function victoriaMetricsUrl(): string {
  return endpoints().victoriaMetricsUrl;
}

/** A prefix no other caller gets, to isolate NATS streams, subjects and buckets on the shared server. */
export function uniquePrefix(): string {
  return `t${randomBytes(4).toString('hex')}_`;
}

/** A database of the shared PostgreSQL cluster, made for one test file. */
export interface TestDatabase {
  readonly name: string;
  readonly connectionString: string;
  drop(): Promise<void>;
}

function postgresUrl(database: string): string {
  return databaseUrl(endpoints().postgresUrlTemplate, database);
}

/** Creates a fresh, empty database on the shared PostgreSQL cluster. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  return {
    name,
    connectionString: await ensureDatabase(endpoints().postgresUrlTemplate, name),
    async drop() {
      const client = new pg.Client({ connectionString: postgresUrl('postgres') });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
