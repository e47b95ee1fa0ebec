import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceError } from '@grpc/grpc-js';
import { createGrpcClient, silentLogger } from '@loglens/platform';
import { IngestServiceClient, type PushBatchResponse } from '@loglens/proto';
import { startLocal, type LocalStack } from '../src/up/start-local.js';

function pushOne(address: string, apiKey: string): Promise<PushBatchResponse> {
  const client = createGrpcClient(IngestServiceClient, address, { apiKey, deadlineMs: 20_000 });
  const batch = {
    source: 'default/up-test',
    stream: 'main',
    sequence: 1,
    lines: [{ text: 'hello from loglens up', attributes: {}, levelHint: 0, sourceHint: '' }],
  };
  return new Promise<PushBatchResponse>((resolve, reject) =>
    client.pushBatch({ batch }, (error: ServiceError | null, response: PushBatchResponse) =>
      error ? reject(error) : resolve(response),
    ),
  ).finally(() => client.close());
}

describe('loglens up', () => {
  let dataDir: string;
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'loglens-up-'));
  });
  afterAll(async () => {
    process.env = savedEnv;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts the infrastructure and the services, with a working key that survives a restart', async () => {
    let stack: LocalStack = await startLocal({ dataDir, grpcPort: 0, logger: silentLogger() });
    let firstKey: string;
    try {
      expect(stack.credentials.created).toBe(true);
      expect(stack.modules).toEqual(expect.arrayContaining(['ingest', 'grpc', 'nats', 'postgres']));
      firstKey = stack.credentials.apiKey;
      expect((await readFile(join(dataDir, 'api-key'), 'utf8')).trim()).toBe(firstKey);
      expect(await readFile(stack.envFile, 'utf8')).toBe(
        `export LOGLENS_SERVER=${stack.grpcAddress}\nexport LOGLENS_API_KEY=${firstKey}\n`,
      );
      expect((await pushOne(stack.grpcAddress, firstKey)).ack?.duplicate).toBe(false);
    } finally {
      await stack.stop();
    }

    stack = await startLocal({ dataDir, grpcPort: 0, logger: silentLogger() });
    try {
      expect(stack.credentials).toEqual({ tenant: 'local', apiKey: firstKey, created: false });
      // The stream kept the first batch: the same batch again is recognised as a duplicate.
      expect((await pushOne(stack.grpcAddress, firstKey)).ack?.duplicate).toBe(true);
    } finally {
      await stack.stop();
    }
  });
});
