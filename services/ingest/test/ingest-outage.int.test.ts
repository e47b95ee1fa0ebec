import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status, type ServiceError } from '@grpc/grpc-js';
import {
  buildTopology,
  closeNats,
  connectNats,
  ensureTopology,
  generateApiKey,
  hashApiKey,
  silentLogger,
  StaticApiKeyResolver,
} from '@loglens/platform';
import { freePort, startNatsServer, type NatsServer } from '@loglens/testing';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { line, pushBatch, startIngest, storedBatches, type RunningIngest } from './harness.js';

// The shared server must never be stopped, so this file restarts a private one on a fixed port.
describe('ingest while JetStream goes away and comes back', () => {
  const { keyId, key: apiKey } = generateApiKey();
  let dir: string;
  let port: number;
  let server: NatsServer;
  let nc: NatsConnection;
  let ingest: RunningIngest;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-outage-'));
    port = await freePort();
    server = await startNatsServer(dir, { port });
    nc = await connectNats({
      servers: `nats://127.0.0.1:${port}`,
      name: 'ingest-outage-test',
      logger: silentLogger(),
      reconnectWaitMs: 100,
      reconnectJitterMs: 100,
      waitOnFirstConnect: true,
    });
    await ensureTopology(
      await nc.jetstreamManager(),
      buildTopology({ streams: { raw: { maxBytes: 2 ** 24 } } }),
    );
    ingest = await startIngest({
      connection: () => nc,
      natsPrefix: '',
      apiKeys: new StaticApiKeyResolver([{ tenantId: 'outage', keyId, sha256: hashApiKey(apiKey) }]),
      env: { LOGLENS_INGEST_PUBLISH_TIMEOUT: '500ms' },
    });
  });

  afterAll(async () => {
    await ingest?.stop();
    if (nc) await closeNats(nc);
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers UNAVAILABLE while down, never a false ack, and stores every retried batch once', async () => {
    const client = ingest.client(apiKey);
    const batch = (sequence: number) => ({
      source: 'ns/app',
      stream: 's',
      sequence,
      lines: [line(`b${sequence}`)],
    });
    expect((await pushBatch(client, batch(1))).ack?.duplicate).toBe(false);

    await server.stop();
    const codes: number[] = [];
    const during = await pushBatch(client, batch(2)).catch((error: ServiceError) => {
      codes.push(error.code);
      return undefined;
    });
    expect(during).toBeUndefined();
    expect(codes).toEqual([status.UNAVAILABLE]);

    server = await startNatsServer(dir, { port });
    // The client retries as a shipper would until JetStream has recovered its streams from disk.
    let acked: boolean | undefined;
    for (let attempt = 0; attempt < 100 && acked === undefined; attempt++) {
      acked = await pushBatch(client, batch(2)).then(
        (response) => response.ack?.duplicate,
        async (error: ServiceError) => {
          codes.push(error.code);
          await new Promise((resolve) => setTimeout(resolve, 100));
          return undefined;
        },
      );
    }
    expect(acked).toBeDefined();
    expect(new Set(codes)).toEqual(new Set([status.UNAVAILABLE]));
    // A publish buffered during the outage may have landed first; either way the batch is stored once.
    expect((await pushBatch(client, batch(1))).ack?.duplicate).toBe(true);
    const jsm = await nc.jetstreamManager();
    expect((await storedBatches(jsm, 'LOGS_RAW')).map((b) => b.sequence)).toEqual([1, 2]);
  });
});
