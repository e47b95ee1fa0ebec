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
import { natsUrl, uniquePrefix } from '@loglens/testing';
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { line, pushBatch, startIngest, storedBatches, type RunningIngest } from './harness.js';

// LOGS_RAW holds work still to do: when it is full, a new batch is refused, and nothing stored is dropped.
describe('ingest when LOGS_RAW is full', () => {
  const prefix = uniquePrefix();
  const { keyId, key: apiKey } = generateApiKey();
  let nc: NatsConnection;
  let ingest: RunningIngest;

  beforeAll(async () => {
    nc = await connectNats({ servers: natsUrl(), name: 'ingest-full-test', logger: silentLogger() });
    // Small enough to fill with a few batches; no parser runs, so nothing leaves the stream.
    await ensureTopology(
      await nc.jetstreamManager(),
      buildTopology({ prefix, streams: { raw: { maxBytes: 16 * 1024 } } }),
    );
    ingest = await startIngest({
      connection: () => nc,
      natsPrefix: prefix,
      apiKeys: new StaticApiKeyResolver([{ tenantId: 'full', keyId, sha256: hashApiKey(apiKey) }]),
    });
  });

  afterAll(async () => {
    await ingest?.stop();
    if (nc) await closeNats(nc);
  });

  it('answers RESOURCE_EXHAUSTED with a retry delay and keeps every batch it acked', async () => {
    const client = ingest.client(apiKey);
    const text = 'x'.repeat(1000);
    let acked = 0;
    let refusal: ServiceError | undefined;
    for (let sequence = 1; sequence <= 100 && !refusal; sequence++) {
      await pushBatch(client, { source: 'ns/app', stream: 's', sequence, lines: [line(text)] }).then(
        () => acked++,
        (error: ServiceError) => (refusal = error),
      );
    }
    expect(refusal?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(Number(refusal?.metadata.get('retry-after-ms')[0])).toBeGreaterThan(0);
    expect(acked).toBeGreaterThan(0);
    const stored = await storedBatches(await nc.jetstreamManager(), `${prefix}LOGS_RAW`);
    expect(stored.map((b) => Number(b.sequence))).toEqual(Array.from({ length: acked }, (_, i) => i + 1));
  });
});
