import { Client, credentials, status } from '@grpc/grpc-js';
import {
  buildTopology,
  closeNats,
  connectNats,
  createDatabase,
  createPostgresApiKeyStore,
  ensureTopology,
  partitionOf,
  rawSubject,
  runMigrations,
  SCHEMA_VERSION_HEADER,
  silentLogger,
  TENANT_HEADER,
  type DatabaseHandle,
} from '@loglens/platform';
import { PushBatchRequest, PushBatchResponse } from '@loglens/proto';
import { createTestDatabase, natsUrl, uniquePrefix, type TestDatabase } from '@loglens/testing';
import type { JetStreamManager, NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failure,
  keyMetadata,
  line,
  pushAll,
  pushBatch,
  startIngest,
  storedBatches,
  storedMessages,
  type RunningIngest,
} from './harness.js';

const MIB = 2 ** 20;

describe('ingest service', () => {
  const prefix = uniquePrefix();
  const stream = `${prefix}LOGS_RAW`;
  let db: TestDatabase;
  let database: DatabaseHandle;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let ingest: RunningIngest;
  let limited: RunningIngest;
  let tenantId: string;
  let key: string;
  let revokedKey: string;
  // Each test pushes its own source, so stored messages can be told apart.
  const batchesOf = async (source: string) =>
    (await storedBatches(jsm, stream)).filter((b) => b.source === source);

  beforeAll(async () => {
    db = await createTestDatabase();
    await runMigrations({ connectionString: db.connectionString, logger: silentLogger() });
    database = createDatabase({ connectionString: db.connectionString, logger: silentLogger() });
    const store = createPostgresApiKeyStore(database.db);
    tenantId = (await store.createTenant('acme')).id;
    key = (await store.createKey(tenantId, 'shipper')).key;
    const revoked = await store.createKey(tenantId, 'old');
    revokedKey = revoked.key;
    await store.revokeKey(revoked.keyId);

    nc = await connectNats({ servers: natsUrl(), name: 'ingest-test', logger: silentLogger() });
    jsm = await nc.jetstreamManager();
    const small = { maxBytes: 8 * MIB };
    await ensureTopology(
      jsm,
      buildTopology({
        prefix,
        streams: { raw: small, parsed: small, anomalies: small, notify: small, dlq: small },
      }),
    );
    const common = { connection: () => nc, natsPrefix: prefix, apiKeys: store };
    ingest = await startIngest({
      ...common,
      env: { LOGLENS_INGEST_MAX_BATCH_BYTES: '16KiB', LOGLENS_INGEST_MAX_LINE_BYTES: '1KiB' },
    });
    limited = await startIngest({
      ...common,
      env: { LOGLENS_INGEST_RATE_LINES: '1', LOGLENS_INGEST_RATE_BURST: '20' },
    });
  });

  afterAll(async () => {
    await ingest?.stop();
    await limited?.stop();
    if (nc) await closeNats(nc);
    await database?.close();
    await db?.drop();
  });

  it('PushBatch stores the batch in LOGS_RAW with subject, headers and payload, then acks it', async () => {
    const source = 'shop/checkout';
    const { ack } = await pushBatch(ingest.client(key), {
      source,
      stream: 'pod-1/app/app.log',
      sequence: 1,
      lines: [line('GET /cart 200'), line('GET /pay 500')],
    });
    expect(ack).toEqual({
      source,
      stream: 'pod-1/app/app.log',
      sequence: 1,
      acceptedCount: 2,
      rejectedCount: 0,
      duplicate: false,
    });
    const [message, ...others] = (await storedMessages(jsm, stream)).filter((m) =>
      m.subject.includes(tenantId),
    );
    expect(others).toHaveLength(0);
    expect(message!.subject).toBe(rawSubject(tenantId, partitionOf(tenantId, source, 16), prefix));
    expect(message!.header.get('Nats-Msg-Id')).toBe(`${tenantId}:${source}:pod-1/app/app.log:1`);
    expect(message!.header.get(TENANT_HEADER)).toBe(tenantId);
    expect(message!.header.get(SCHEMA_VERSION_HEADER)).toBe('1');
    const [batch] = await batchesOf(source);
    expect(batch).toMatchObject({ tenantId, source, stream: 'pod-1/app/app.log', sequence: 1 });
    expect(batch!.lines.map((l) => l.text)).toEqual(['GET /cart 200', 'GET /pay 500']);
    expect(batch!.receivedAt?.seconds).toBeGreaterThan(0);
  });

  it('stores a re-sent batch once and acks the second send as a duplicate', async () => {
    const batch = { source: 'shop/dedup', stream: 's', sequence: 5, lines: [line('once')] };
    expect((await pushBatch(ingest.client(key), batch)).ack?.duplicate).toBe(false);
    expect((await pushBatch(ingest.client(key), batch)).ack?.duplicate).toBe(true);
    expect(await batchesOf('shop/dedup')).toHaveLength(1);
  });

  it('Push acks every batch of a stream, in order, after storing them all', async () => {
    const requests = Array.from({ length: 50 }, (_, i) => ({
      batch: { source: 'shop/bidi', stream: 'pod-2/app', sequence: i + 1, lines: [line(`line ${i + 1}`)] },
    }));
    const { acks, status: end } = await pushAll(ingest.client(key), requests);
    expect(end.code).toBe(status.OK);
    expect(acks.map((a) => a.sequence)).toEqual(requests.map((r) => r.batch.sequence));
    expect(acks.every((a) => a.acceptedCount === 1 && !a.duplicate)).toBe(true);
    const stored = await batchesOf('shop/bidi');
    expect(stored.map((b) => b.sequence).sort((a, b) => a - b)).toEqual(acks.map((a) => a.sequence));
  });

  it('Push acks the batches before a refused one, then ends with its status', async () => {
    const big = Array.from({ length: 40 }, () => line('x'.repeat(1000)));
    const { acks, status: end } = await pushAll(ingest.client(key), [
      { batch: { source: 'shop/refused', stream: 's', sequence: 1, lines: [line('fine')] } },
      { batch: { source: 'shop/refused', stream: 's', sequence: 2, lines: big } },
      { batch: { source: 'shop/refused', stream: 's', sequence: 3, lines: [line('never read')] } },
    ]);
    expect(acks.map((a) => a.sequence)).toEqual([1]);
    expect(end.code).toBe(status.INVALID_ARGUMENT);
    expect(end.details).toContain('max batch bytes limit of 16384');
    expect((await batchesOf('shop/refused')).map((b) => b.sequence)).toEqual([1]);
  });

  it('refuses an oversized batch with INVALID_ARGUMENT naming the limit', async () => {
    const lines = Array.from({ length: 40 }, () => line('x'.repeat(1000)));
    const error = await failure(
      pushBatch(ingest.client(key), { source: 'shop/big', stream: 's', sequence: 1, lines }),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toBe('the batch exceeds the max batch bytes limit of 16384');
    expect(await batchesOf('shop/big')).toHaveLength(0);
  });

  it('refuses an over-long line with INVALID_ARGUMENT naming the limit', async () => {
    const lines = [line('short'), line('y'.repeat(1025))];
    const error = await failure(
      pushBatch(ingest.client(key), { source: 'shop/long', stream: 's', sequence: 1, lines }),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toBe('a line exceeds the max line bytes limit of 1024');
  });

  it('answers RESOURCE_EXHAUSTED with a retry delay when the tenant exceeds its rate', async () => {
    const client = limited.client(key);
    const lines = Array.from({ length: 20 }, (_, i) => line(`l${i}`));
    await pushBatch(client, { source: 'shop/rate', stream: 's', sequence: 1, lines });
    const error = await failure(pushBatch(client, { source: 'shop/rate', stream: 's', sequence: 2, lines }));
    expect(error.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(Number(error.metadata.get('retry-after-ms')[0])).toBeGreaterThan(0);
    expect((await batchesOf('shop/rate')).map((b) => b.sequence)).toEqual([1]);
  });

  it.each([
    ['a wrong key', () => `${key.slice(0, -4)}AAAA`],
    ['a revoked key', () => revokedKey],
    ['a malformed key', () => 'not-a-key'],
  ])('answers UNAUTHENTICATED to %s', async (_name, presented) => {
    const batch = { source: 'shop/auth', stream: 's', sequence: 1, lines: [line('x')] };
    const error = await failure(pushBatch(ingest.client(presented()), batch));
    expect(error.code).toBe(status.UNAUTHENTICATED);
    expect(await batchesOf('shop/auth')).toHaveLength(0);
  });

  describe('with raw bytes on the wire', () => {
    let raw: Client;
    beforeAll(() => {
      raw = new Client(ingest.address, credentials.createInsecure());
    });
    afterAll(() => raw.close());
    const send = (bytes: Uint8Array) =>
      new Promise<Buffer>((resolve, reject) =>
        raw.makeUnaryRequest(
          '/loglens.v1.IngestService/PushBatch',
          (b: Buffer) => b,
          (b: Buffer) => b,
          Buffer.from(bytes),
          keyMetadata(key),
          (error, value) => (error || !value ? reject(error ?? new Error('no response')) : resolve(value)),
        ),
      );

    it('refuses garbage bytes and keeps serving', async () => {
      const garbage = Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02, 0x03]);
      const error = await failure(send(garbage));
      expect(error.code).toBe(status.INTERNAL);
      const batch = { source: 'shop/after-garbage', stream: 's', sequence: 1, lines: [line('still here')] };
      expect((await pushBatch(ingest.client(key), batch)).ack?.acceptedCount).toBe(1);
    });

    it('accepts invalid UTF-8 in a line and stores it with U+FFFD replacements', async () => {
      const request = PushBatchRequest.encode({
        batch: { source: 'shop/utf8', stream: 's', sequence: 1, lines: [line('aZZZZb')] },
      }).finish();
      const at = Buffer.from(request).indexOf('ZZZZ');
      expect(at).toBeGreaterThan(0);
      request.set([0x66, 0xff, 0xfe, 0x67], at);
      const response = PushBatchResponse.decode(await send(request));
      expect(response.ack?.acceptedCount).toBe(1);
      const [stored] = await batchesOf('shop/utf8');
      expect(stored!.lines[0]!.text).toBe('af\uFFFD\uFFFDgb');
    });
  });
});
