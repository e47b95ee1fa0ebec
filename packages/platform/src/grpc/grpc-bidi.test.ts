import { Metadata } from '@grpc/grpc-js';
import {
  IngestServiceClient,
  IngestServiceService,
  type PushAck,
  PushBatchRequest,
  type PushBatchResponse,
  type PushRequest,
} from '@loglens/proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { generateApiKey } from './api-key.js';
import { createGrpcClient } from './create-grpc-client.js';
import { createGrpcServer, type GrpcServer } from './create-grpc-server.js';
import type { ServiceHandlers } from './handlers.js';
import { StaticApiKeyResolver } from './static-api-key-resolver.js';

// The streaming shape the shipper uses: numbered batches in, one ack per batch out, on one call.

const key = generateApiKey();
const apiKeys = new StaticApiKeyResolver([{ tenantId: 'acme', keyId: key.keyId, sha256: key.sha256 }]);
const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function ack(request: PushRequest): PushAck {
  const batch = request.batch;
  if (batch === undefined)
    throw new ValidationError('batch is required', [{ field: 'batch', description: 'required' }]);
  const { source, stream, sequence, lines } = batch;
  return {
    source,
    stream,
    sequence,
    acceptedCount: lines.length,
    rejectedCount: 0,
    duplicate: sequence === 1 && source === 'dup',
  };
}

const handlers: ServiceHandlers<typeof IngestServiceService> = {
  async *push(requests) {
    for await (const request of requests) yield ack(request);
  },
  pushBatch: (request) => Promise.resolve({ ack: ack(request) }),
};

describe('bidirectional and unary ingest calls', () => {
  let server: GrpcServer;
  let client: IngestServiceClient;

  beforeEach(async () => {
    server = createGrpcServer({ host: '127.0.0.1', port: 0, apiKeys, logger });
    server.addService(IngestServiceService, handlers);
    const { port } = await server.start();
    client = createGrpcClient(IngestServiceClient, `127.0.0.1:${port}`, { apiKey: key.key });
  });

  afterEach(async () => {
    client.close();
    await server.stop();
  });

  it('acks each batch on the stream and ends when the client half-closes', async () => {
    const call = client.push();
    const acks: PushAck[] = [];
    call.on('data', (received: PushAck) => acks.push(received));
    const ended = new Promise((resolve, reject) => call.on('end', resolve).on('error', reject));
    for (let sequence = 1; sequence <= 3; sequence++) {
      call.write({
        batch: {
          source: 'default/app',
          stream: 'pod/c/f',
          sequence,
          lines: Array.from({ length: sequence }, () => ({
            text: 'x',
            attributes: {},
            levelHint: 0,
            sourceHint: '',
          })),
        },
      });
    }
    call.end();
    await ended;
    expect(acks.map((a) => [a.sequence, a.acceptedCount])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('ends the stream with the handler error as status', async () => {
    const call = client.push();
    call.on('data', () => {});
    const failed = new Promise((resolve) => call.on('error', resolve));
    call.write({});
    await expect(failed).resolves.toMatchObject({ code: 3, details: 'batch is required' });
  });

  it('answers the unary variant', async () => {
    const request = PushBatchRequest.fromPartial({
      batch: { source: 'dup', stream: 's', sequence: 1, lines: [] },
    });
    const response = await new Promise<PushBatchResponse>((resolve, reject) =>
      client.pushBatch(request, new Metadata(), (error, value) => (error ? reject(error) : resolve(value))),
    );
    expect(response.ack).toMatchObject({ sequence: 1, duplicate: true });
  });
});
