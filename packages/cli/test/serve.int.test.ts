import { Client, credentials } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  createGrpcClient,
  createPostgresApiKeyStore,
  loadConfig,
  parseTargets,
  silentLogger,
  startModules,
  type RunningModules,
} from '@loglens/platform';
import { IngestServiceClient, type PushBatchResponse } from '@loglens/proto';
import { createTestDatabase, natsUrl, uniquePrefix, type TestDatabase } from '@loglens/testing';
import { main } from '../src/main.js';
import { MODULES } from '../src/serve/modules.js';
import { serveSettings } from '../src/serve/serve-config.js';

function healthStatus(port: number, service = ''): Promise<unknown> {
  const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
  const check = healthService.Check!;
  return new Promise<unknown>((resolve, reject) =>
    client.makeUnaryRequest(
      check.path,
      check.requestSerialize,
      check.responseDeserialize,
      { service },
      (err, value) => (err ? reject(err) : resolve(value)),
    ),
  ).finally(() => client.close());
}

describe('loglens migrate and serve', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('migrate applies the schema once, then reports it up to date', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      expect(await main(['node', 'loglens', 'migrate', '--database-url', db.connectionString])).toBe(0);
      expect(await main(['node', 'loglens', 'migrate', '--database-url', db.connectionString])).toBe(0);
    } finally {
      console.log = log;
    }
    expect(lines).toEqual([
      'applied: 0001-foundation, 0002-data-plane, 0003-template-lineage',
      'schema is up to date',
    ]);
  });

  it('serve rejects an unknown target with the list of choices', async () => {
    const errors: string[] = [];
    const error = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      expect(await main(['node', 'loglens', 'serve', '--target=nope'])).toBe(2);
    } finally {
      console.error = error;
    }
    expect(errors.join('\n')).toContain('unknown target "nope": choose from all, nats, metrics, grpc');
  });

  describe('with every module running', () => {
    let running: RunningModules;
    const prefix = uniquePrefix();
    beforeAll(async () => {
      const config = loadConfig(serveSettings, {
        LOGLENS_POSTGRES_URL: db.connectionString,
        LOGLENS_NATS_URL: natsUrl(),
        LOGLENS_NATS_PREFIX: prefix,
        LOGLENS_GRPC_HOST: '127.0.0.1',
        LOGLENS_GRPC_PORT: '0',
        LOGLENS_METRICS_HOST: '127.0.0.1',
        LOGLENS_METRICS_PORT: '0',
      });
      running = await startModules(
        parseTargets('all', MODULES),
        MODULES,
        { config, logger: silentLogger() },
        silentLogger(),
      );
    });
    afterAll(async () => {
      await running?.stop();
    });

    it('starts dependencies first', () => {
      expect(running.names).toEqual([
        'nats',
        'metrics',
        'postgres',
        'grpc',
        'ingest',
        'influx',
        'parser',
        'query',
      ]);
    });

    it('serves gRPC health', async () => {
      const grpc = running.get('grpc') as unknown as { server: { port: number } };
      await expect(healthStatus(grpc.server.port)).resolves.toEqual({ status: 'SERVING' });
    });

    it('serves the ingest service once its module has provided it', async () => {
      const grpc = running.get('grpc') as unknown as { server: { port: number } };
      await expect(healthStatus(grpc.server.port, 'loglens.v1.IngestService')).resolves.toEqual({
        status: 'SERVING',
      });
      const database = createDatabase({ connectionString: db.connectionString, logger: silentLogger() });
      const store = createPostgresApiKeyStore(database.db);
      const { key } = await store.createKey((await store.createTenant('serve-test')).id, 'test');
      await database.close();
      const client = createGrpcClient(IngestServiceClient, `127.0.0.1:${grpc.server.port}`, { apiKey: key });
      const line = { text: 'hi', attributes: {}, levelHint: 0, sourceHint: '' };
      const batch = { source: 'ns/app', stream: 's', sequence: 1, lines: [line] };
      const response = await new Promise<PushBatchResponse>((resolve, reject) =>
        client.pushBatch({ batch }, (err, res) => (err ? reject(err) : resolve(res))),
      ).finally(() => client.close());
      expect(response.ack).toMatchObject({ sequence: 1, acceptedCount: 1, duplicate: false });
    });

    it('provisions the JetStream topology under its prefix', async () => {
      const nc = await connect({ servers: natsUrl() });
      try {
        const jsm = await nc.jetstreamManager();
        const names: string[] = [];
        for await (const s of jsm.streams.list()) names.push(s.config.name);
        expect(names.filter((n) => n.startsWith(prefix)).sort()).toEqual(
          ['ANOMALIES', 'DLQ', 'LOGS_PARSED', 'LOGS_RAW', 'NOTIFY'].map((n) => `${prefix}${n}`),
        );
      } finally {
        await nc.close();
      }
    });
  });
});
