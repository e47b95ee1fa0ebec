import { setTimeout as sleep } from 'node:timers/promises';
import { type CallOptions, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { expect } from 'vitest';
import {
  Level,
  type LogEvent,
  QueryLogsRequest,
  type QueryLogsResponse,
  type QueryServiceClient,
  QueryServiceService,
  fileDescriptorSet,
} from '@loglens/proto';
import { NotFoundError, RateLimitedError, UnavailableError, ValidationError } from '../errors/index.js';
import { generateApiKey } from './api-key.js';
import { createGrpcServer, type GrpcServer } from './create-grpc-server.js';
import type { ServiceHandlers } from './handlers.js';
import type { GrpcLogger } from './logger.js';
import { StaticApiKeyResolver } from './static-api-key-resolver.js';

// A QueryService for the gRPC tests. Its handlers pick their behaviour from the request's text filter, so
// each case can ask for a slow call, a failure or a held call, and they record what they saw.

/** A logger that drops everything. */
export const silentLogger: GrpcLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A valid and a revoked key of tenant "acme", and a resolver that knows both. */
export function testApiKeys(): {
  activeKey: string;
  revokedKey: string;
  apiKeys: StaticApiKeyResolver;
} {
  const active = generateApiKey();
  const revoked = generateApiKey();
  const apiKeys = new StaticApiKeyResolver([
    { tenantId: 'acme', keyId: active.keyId, sha256: active.sha256 },
    { tenantId: 'acme', keyId: revoked.keyId, sha256: revoked.sha256, revoked: true },
  ]);
  return { activeKey: active.key, revokedKey: revoked.key, apiKeys };
}

/** What the handlers saw, and the latch that "hold" calls wait on. */
export interface Observed {
  readonly aborts: unknown[];
  readonly tenants: string[];
  readonly release: () => void;
  readonly held: Promise<void>;
}

/** A fresh record with the latch closed. */
export function createObserved(): Observed {
  let release = (): void => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  return { aborts: [], tenants: [], release, held };
}

/** A log event with the given text. */
export function testEvent(text: string): LogEvent {
  return {
    id: text,
    source: 'default/app',
    text,
    level: Level.LEVEL_INFO,
    templateId: '',
    traceId: '',
    spanId: '',
    attributes: {},
    params: [],
  };
}

/** The test QueryService; QueryLogs obeys filter.text: slow, hold, invalid, limited, down, bug. */
export function queryServiceHandlers(observed: Observed): ServiceHandlers<typeof QueryServiceService> {
  const fail = (): Promise<never> => Promise.reject(new NotFoundError('not implemented in this test'));
  return {
    async queryLogs(request, ctx) {
      observed.tenants.push(ctx.tenant.tenantId);
      const text = request.filter?.text ?? '';
      if (text === 'slow') {
        try {
          await sleep(5_000, undefined, { signal: ctx.signal });
        } catch (error) {
          observed.aborts.push(ctx.signal.reason);
          throw error;
        }
      }
      if (text === 'hold') await observed.held;
      if (text === 'invalid')
        throw new ValidationError('invalid filter', [{ field: 'filter.text', description: 'too long' }]);
      if (text === 'limited') throw new RateLimitedError('slow down', { retryAfterMs: 250 });
      if (text === 'down')
        throw new UnavailableError('store unavailable', { cause: new Error('db at 10.1.2.3') });
      if (text === 'bug') throw new Error('secret internal detail');
      return { events: [testEvent(`hello ${ctx.tenant.tenantId}`)], page: { nextCursor: '' } };
    },
    async *tail(_request, ctx) {
      observed.tenants.push(ctx.tenant.tenantId);
      try {
        for (let i = 0; !ctx.shutdownSignal.aborted; i++) {
          yield { events: [testEvent(`line ${i}`)], droppedCount: 0 };
          await sleep(10, undefined, { signal: ctx.signal });
        }
      } finally {
        if (ctx.signal.aborted) observed.aborts.push(ctx.signal.reason);
      }
    },
    listTemplates: fail,
    getTemplate: fail,
    getVolume: fail,
    // eslint-disable-next-line require-yield
    async *exportLogs() {
      await fail();
    },
  };
}

/** Calls QueryLogs with the given text filter. */
export function queryLogs(
  client: QueryServiceClient,
  text: string,
  options: Partial<CallOptions> = {},
): Promise<QueryLogsResponse> {
  return new Promise((resolve, reject) => {
    const request = QueryLogsRequest.fromPartial({ filter: { text } });
    client.queryLogs(request, new Metadata(), options, (error, response) =>
      error ? reject(error) : resolve(response),
    );
  });
}

/** Starts a real server on a free loopback port with the test QueryService registered. */
export async function startQueryTestServer(
  observed: Observed,
  apiKeys: StaticApiKeyResolver,
): Promise<{ server: GrpcServer; address: string }> {
  const server = createGrpcServer({
    host: '127.0.0.1',
    port: 0,
    apiKeys,
    logger: silentLogger,
    fileDescriptorSet: fileDescriptorSet(),
    shutdownTimeoutMs: 2_000,
  });
  server.addService(QueryServiceService, queryServiceHandlers(observed));
  const { port } = await server.start();
  return { server, address: `127.0.0.1:${port}` };
}

/** Awaits a call expected to fail and checks its status code. */
export async function expectStatus(promise: Promise<unknown>, code: status): Promise<ServiceError> {
  const error = (await promise.then(
    () => expect.fail(`expected ${status[code]}, got OK`),
    (rejected: unknown) => rejected,
  )) as ServiceError;
  expect(status[error.code]).toBe(status[code]);
  return error;
}
