import { credentials, Metadata, status } from '@grpc/grpc-js';
import {
  QueryLogsRequest,
  type QueryLogsResponse,
  QueryServiceClient,
  type TailResponse,
} from '@loglens/proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateApiKey } from './api-key.js';
import { createGrpcClient } from './create-grpc-client.js';
import type { GrpcServer } from './create-grpc-server.js';
import {
  createObserved,
  expectStatus,
  type Observed,
  queryLogs,
  startQueryTestServer,
  testApiKeys,
} from './query-service-fixture.js';
import { decodeStatusDetails, STATUS_DETAILS_TRAILER } from './status-details.js';

// Real servers and clients on loopback: authentication, deadlines, error mapping and streams.

const { activeKey, revokedKey, apiKeys } = testApiKeys();

describe('gRPC server', () => {
  let server: GrpcServer;
  let address: string;
  let observed: Observed;
  const clients: { close(): void }[] = [];
  const client = (apiKey?: string): QueryServiceClient => {
    const created = createGrpcClient(QueryServiceClient, address, apiKey === undefined ? {} : { apiKey });
    clients.push(created);
    return created;
  };

  beforeEach(async () => {
    observed = createObserved();
    ({ server, address } = await startQueryTestServer(observed, apiKeys));
  });

  afterEach(async () => {
    observed.release();
    for (const created of clients.splice(0)) created.close();
    await server.stop();
  });

  it('answers a call with a valid key and gives the handler its tenant', async () => {
    const response = await queryLogs(client(activeKey), 'hi');
    expect(response.events.map((e) => e.text)).toEqual(['hello acme']);
    expect(observed.tenants).toEqual(['acme']);
  });

  it.each([
    ['missing', undefined],
    ['wrong', generateApiKey().key],
    ['revoked', revokedKey],
    ['malformed', 'let-me-in'],
  ])('refuses a %s key with UNAUTHENTICATED', async (_case, key) => {
    await expectStatus(queryLogs(client(key), 'hi'), status.UNAUTHENTICATED);
    expect(observed.tenants).toEqual([]);
  });

  it('accepts the key in x-api-key too', async () => {
    const raw = new QueryServiceClient(address, credentials.createInsecure());
    clients.push(raw);
    const metadata = new Metadata();
    metadata.set('x-api-key', activeKey);
    const response = await new Promise<QueryLogsResponse>((resolve, reject) =>
      raw.queryLogs(QueryLogsRequest.fromPartial({}), metadata, (error, value) =>
        error ? reject(error) : resolve(value),
      ),
    );
    expect(response.events).toHaveLength(1);
  });

  it('ends a handler slower than the deadline with DEADLINE_EXCEEDED and aborts its signal', async () => {
    await expectStatus(
      queryLogs(client(activeKey), 'slow', { deadline: Date.now() + 200 }),
      status.DEADLINE_EXCEEDED,
    );
    await expect.poll(() => observed.aborts.length).toBe(1);
    expect(observed.aborts[0]).toMatchObject({ name: 'DeadlineExceededError' });
  });

  it('applies the client default deadline', async () => {
    const withDeadline = createGrpcClient(QueryServiceClient, address, {
      apiKey: activeKey,
      deadlineMs: 200,
    });
    clients.push(withDeadline);
    await expectStatus(queryLogs(withDeadline, 'slow'), status.DEADLINE_EXCEEDED);
    await expect.poll(() => observed.aborts.length).toBe(1);
  });

  it('maps domain errors to status codes with details and hides unknown errors', async () => {
    const c = client(activeKey);
    const invalid = await expectStatus(queryLogs(c, 'invalid'), status.INVALID_ARGUMENT);
    const [details] = invalid.metadata.get(STATUS_DETAILS_TRAILER);
    expect(decodeStatusDetails(details as Buffer).fieldViolations).toEqual([
      { field: 'filter.text', description: 'too long' },
    ]);

    const limited = await expectStatus(queryLogs(c, 'limited'), status.RESOURCE_EXHAUSTED);
    expect(limited.metadata.get('retry-after-ms')).toEqual(['250']);

    const down = await expectStatus(queryLogs(c, 'down'), status.UNAVAILABLE);
    expect(down.details).toBe('store unavailable');

    const bug = await expectStatus(queryLogs(c, 'bug'), status.INTERNAL);
    expect(bug.details).toBe('internal error');
    expect(JSON.stringify(bug.metadata.toJSON())).not.toContain('secret');
  });

  it('streams responses and aborts the handler when the client cancels', async () => {
    const stream = client(activeKey).tail({});
    const received: string[] = [];
    const consumed = (async () => {
      for await (const response of stream as AsyncIterable<TailResponse>) {
        received.push(response.events[0]?.text ?? '');
        if (received.length === 3) stream.cancel();
      }
    })();
    await expectStatus(consumed, status.CANCELLED);
    expect(received).toEqual(['line 0', 'line 1', 'line 2']);
    await expect.poll(() => observed.aborts.length).toBe(1);
    expect(observed.aborts[0]).toMatchObject({ name: 'CancelledError' });
  });

  it('lets endless streams finish cleanly when a graceful stop begins', async () => {
    const stream = client(activeKey).tail({});
    const received: string[] = [];
    const consumed = (async () => {
      for await (const response of stream as AsyncIterable<TailResponse>)
        received.push(response.events[0]?.text ?? '');
    })();
    await expect.poll(() => received.length).toBeGreaterThan(1);
    const started = Date.now();
    await server.stop();
    await consumed;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(observed.aborts).toEqual([]);
  });
});
