import { AsyncLocalStorage } from 'node:async_hooks';
import { Metadata } from '@grpc/grpc-js';
import {
  Level,
  QueryLogsRequest,
  type QueryLogsResponse,
  QueryServiceClient,
  QueryServiceService,
} from '@loglens/proto';
import {
  type Context,
  context,
  type ContextManager,
  propagation,
  ROOT_CONTEXT,
  trace,
  type TextMapPropagator,
  TraceFlags,
} from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/index.js';
import { generateApiKey } from './api-key.js';
import { createGrpcClient } from './create-grpc-client.js';
import { createGrpcServer } from './create-grpc-server.js';
import { StaticApiKeyResolver } from './static-api-key-resolver.js';

// The server and client only use the global propagator; registering the W3C one here stands in for the
// telemetry setup. No tracer provider is registered, so spans are non-recording but carry the context.

const key = generateApiKey();
const apiKeys = new StaticApiKeyResolver([{ tenantId: 'acme', keyId: key.keyId, sha256: key.sha256 }]);
const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const traceId = '0af7651916cd43dd8448eb211c80319c';

// A minimal context manager and W3C traceparent propagator stand in for what the telemetry setup
// registers globally; the gRPC code only talks to the OpenTelemetry API.
function asyncLocalContextManager(): ContextManager {
  const storage = new AsyncLocalStorage<Context>();
  const manager: ContextManager = {
    active: () => storage.getStore() ?? ROOT_CONTEXT,
    with: (ctx, fn, thisArg, ...args) => storage.run(ctx, () => fn.apply(thisArg, args)),
    bind: (_ctx, target) => target,
    enable: () => manager,
    disable: () => {
      storage.disable();
      return manager;
    },
  };
  return manager;
}

const traceparentPropagator: TextMapPropagator = {
  inject(ctx, carrier, setter) {
    const span = trace.getSpanContext(ctx);
    if (span !== undefined)
      setter.set(carrier, 'traceparent', `00-${span.traceId}-${span.spanId}-0${span.traceFlags}`);
  },
  extract(ctx, carrier, getter) {
    const header = getter.get(carrier, 'traceparent');
    const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(String(header));
    if (match === null) return ctx;
    return trace.setSpanContext(ctx, {
      traceId: match[1]!,
      spanId: match[2]!,
      traceFlags: Number(match[3]),
      isRemote: true,
    });
  },
  fields: () => ['traceparent'],
};

describe('trace context over gRPC', () => {
  const server = createGrpcServer({ host: '127.0.0.1', port: 0, apiKeys, logger });
  let client: QueryServiceClient;

  beforeAll(async () => {
    context.setGlobalContextManager(asyncLocalContextManager());
    propagation.setGlobalPropagator(traceparentPropagator);
    server.addService(QueryServiceService, {
      queryLogs: (_request, ctx) =>
        Promise.resolve({
          events: [
            {
              id: '1',
              source: 's',
              level: Level.LEVEL_INFO,
              templateId: '',
              spanId: '',
              attributes: {},
              params: [],
              traceId: trace.getActiveSpan()?.spanContext().traceId ?? '',
              text: ctx.metadata.get('traceparent').join(),
            },
          ],
        }),
      tail: () => (async function* () {})(),
      listTemplates: () => Promise.reject(new NotFoundError('no')),
      getTemplate: () => Promise.reject(new NotFoundError('no')),
      getVolume: () => Promise.reject(new NotFoundError('no')),
      exportLogs: () => (async function* () {})(),
    });
    const { port } = await server.start();
    client = createGrpcClient(QueryServiceClient, `127.0.0.1:${port}`, { apiKey: key.key });
  });

  afterAll(async () => {
    client.close();
    await server.stop();
    propagation.disable();
    context.disable();
  });

  it('injects the caller context and runs the handler inside it', async () => {
    const parent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId,
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    });
    const response = await context.with(
      parent,
      () =>
        new Promise<QueryLogsResponse>((resolve, reject) =>
          client.queryLogs(QueryLogsRequest.fromPartial({}), new Metadata(), (error, value) =>
            error ? reject(error) : resolve(value),
          ),
        ),
    );
    const [event] = response.events;
    expect(event?.text).toBe(`00-${traceId}-b7ad6b7169203331-01`);
    expect(event?.traceId).toBe(traceId);
  });
});
