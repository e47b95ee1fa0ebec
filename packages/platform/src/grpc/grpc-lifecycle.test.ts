import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ChannelCredentials,
  Client,
  type ClientDuplexStream,
  credentials,
  loadPackageDefinition,
  status,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { QueryServiceClient, QueryServiceService } from '@loglens/proto';
import { service as healthService } from 'grpc-health-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGrpcClient } from './create-grpc-client.js';
import { createGrpcServer, type GrpcServer } from './create-grpc-server.js';
import {
  createObserved,
  expectStatus,
  type Observed,
  queryLogs,
  queryServiceHandlers,
  silentLogger,
  startQueryTestServer,
  testApiKeys,
} from './query-service-fixture.js';

// Real servers and clients on loopback: health, reflection and shutdown.

const { activeKey, apiKeys } = testApiKeys();

type ReflectionClient = Client & {
  ServerReflectionInfo(): ClientDuplexStream<object, Record<string, unknown>>;
};
interface ReflectionPackage {
  grpc: {
    reflection: {
      v1: { ServerReflection: new (address: string, creds: ChannelCredentials) => ReflectionClient };
    };
  };
}

describe('gRPC server lifecycle', () => {
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

  it('reports SERVING, and NOT_SERVING once shutdown begins', async () => {
    const health = new Client(address, credentials.createInsecure());
    clients.push(health);
    const check = healthService.Check!;
    const statusOf = (name: string): Promise<unknown> =>
      new Promise((resolve, reject) =>
        health.makeUnaryRequest(
          check.path,
          check.requestSerialize,
          check.responseDeserialize,
          { service: name },
          (error, value) => (error ? reject(error) : resolve(value)),
        ),
      );
    await expect(statusOf('')).resolves.toEqual({ status: 'SERVING' });
    await expect(statusOf('loglens.v1.QueryService')).resolves.toEqual({ status: 'SERVING' });
    await expectStatus(statusOf('loglens.v1.Nope'), status.NOT_FOUND);

    const watch = healthService.Watch!;
    const updates: unknown[] = [];
    const stream = health.makeServerStreamRequest(
      watch.path,
      watch.requestSerialize,
      watch.responseDeserialize,
      { service: '' },
    );
    stream.on('data', (update: unknown) => updates.push(update));
    stream.on('error', () => {});
    await expect.poll(() => updates).toEqual([{ status: 'SERVING' }]);

    const hold = queryLogs(client(activeKey), 'hold'); // keeps the server draining
    await expect.poll(() => observed.tenants.length).toBe(1);
    const stopped = server.stop();
    await expect.poll(() => updates).toEqual([{ status: 'SERVING' }, { status: 'NOT_SERVING' }]);
    observed.release();
    await hold;
    await stopped;
  });

  it('lists its services through reflection and serves their descriptors', async () => {
    const require = createRequire(import.meta.url);
    const protoFile = require
      .resolve('@grpc/reflection')
      .replace(/src[/\\]index\.js$/, 'proto/grpc/reflection/v1/reflection.proto');
    const loaded = loadPackageDefinition(
      loadSync(protoFile, { keepCase: true }),
    ) as unknown as ReflectionPackage;
    const reflection = new loaded.grpc.reflection.v1.ServerReflection(address, credentials.createInsecure());
    clients.push(reflection);
    const call = reflection.ServerReflectionInfo();
    const responses: Record<string, unknown>[] = [];
    call.on('data', (response: Record<string, unknown>) => responses.push(response));
    const ended = new Promise((resolve, reject) => call.on('end', resolve).on('error', reject));
    call.write({ list_services: '*' });
    call.write({ file_containing_symbol: 'loglens.v1.QueryService' });
    call.end();
    await ended;

    const listed = responses[0]?.list_services_response as { service: { name: string }[] };
    expect(listed.service.map((s) => s.name).sort()).toEqual([
      'grpc.health.v1.Health',
      'loglens.v1.QueryService',
    ]);
    const files = responses[1]?.file_descriptor_response as { file_descriptor_proto: Buffer[] };
    expect(Buffer.concat(files.file_descriptor_proto).toString('latin1')).toContain('QueryLogs');
  });

  it('waits for an in-flight call to finish when stopping gracefully', async () => {
    const inFlight = queryLogs(client(activeKey), 'hold');
    await expect.poll(() => observed.tenants.length).toBe(1);
    let stopped = false;
    const stopping = server.stop().then(() => (stopped = true));
    await sleep(100);
    expect(stopped).toBe(false);
    observed.release();
    await expect(inFlight).resolves.toMatchObject({ events: [{ text: 'hello acme' }] });
    await stopping;
    expect(stopped).toBe(true);
    await expectStatus(
      queryLogs(client(activeKey), 'hi', { deadline: Date.now() + 500 }),
      status.UNAVAILABLE,
    );
  });

  it('cancels calls still running after the shutdown timeout', async () => {
    const quick = createGrpcServer({
      host: '127.0.0.1',
      port: 0,
      apiKeys,
      logger: silentLogger,
      shutdownTimeoutMs: 100,
    });
    quick.addService(QueryServiceService, queryServiceHandlers(observed));
    const { port } = await quick.start();
    const quickClient = createGrpcClient(QueryServiceClient, `127.0.0.1:${port}`, { apiKey: activeKey });
    clients.push(quickClient);
    const stuck = queryLogs(quickClient, 'slow');
    await expect.poll(() => observed.tenants.length).toBe(1);
    await quick.stop();
    await expectStatus(stuck, status.CANCELLED);
    await expect.poll(() => observed.aborts.length).toBe(1);
    expect(observed.aborts[0]).toMatchObject({
      name: 'CancelledError',
      message: 'the server is shutting down',
    });
  });
});
