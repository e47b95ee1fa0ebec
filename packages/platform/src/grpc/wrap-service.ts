import {
  type handleBidiStreamingCall,
  type handleClientStreamingCall,
  type handleServerStreamingCall,
  type handleUnaryCall,
  type Metadata,
  type MethodDefinition,
  type ServiceDefinition,
  status,
  type UntypedHandleCall,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { ApiKeyResolver } from './api-key-resolver.js';
import { authenticate } from './authenticate.js';
import { readRequests, writeResponses } from './call-streams.js';
import type { CallContext, ServiceHandlers } from './handlers.js';
import type { GrpcLogger } from './logger.js';
import { type GrpcStatus, toGrpcStatus } from './to-grpc-status.js';
import { contextFromMetadata } from './trace-context.js';
import { type WatchedCall, watchCall } from './watch-call.js';

/** What every wrapped call needs from its server. */
export interface WrapOptions {
  readonly apiKeys: ApiKeyResolver;
  readonly logger: GrpcLogger;
  readonly tracer: Tracer;
  /** Aborted when a graceful shutdown begins. */
  readonly shutdownSignal: AbortSignal;
  /** Aborted when the server stops by force; in-flight handlers are aborted with it. */
  readonly forceSignal: AbortSignal;
}

interface ServerCall extends WatchedCall {
  readonly metadata: Metadata;
  getPeer(): string;
}

type AnyHandler = (input: unknown, ctx: CallContext) => unknown;
type AnyMethod = MethodDefinition<unknown, unknown>;

/**
 * Turns `async (request, ctx) => response` handlers (async generators for streamed responses) into a
 * grpc-js implementation that authenticates each call, honours its deadline and cancellation through
 * `ctx.signal`, runs it in the caller's trace context under a server span, and maps thrown errors through
 * `toGrpcStatus`.
 */
export function wrapService<S extends ServiceDefinition>(
  definition: S,
  handlers: ServiceHandlers<S>,
  options: WrapOptions,
): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition as Record<string, AnyMethod>)) {
    const handler = (handlers as Record<string, AnyHandler | undefined>)[name];
    if (typeof handler !== 'function') throw new Error(`no handler for ${method.path}`);
    implementation[name] = wrapMethod(method, handler, options);
  }
  return implementation;
}

function wrapMethod(method: AnyMethod, handler: AnyHandler, options: WrapOptions): UntypedHandleCall {
  const { path } = method;
  if (!method.requestStream && !method.responseStream) {
    const unary: handleUnaryCall<unknown, unknown> = (call, callback) => {
      void runCall(
        call,
        path,
        options,
        (status) => callback(status),
        async (ctx) => {
          callback(null, await handler(call.request, ctx));
        },
      );
    };
    return unary;
  }
  if (!method.requestStream) {
    const serverStream: handleServerStreamingCall<unknown, unknown> = (call) => {
      void runCall(
        call,
        path,
        options,
        (status) => failStream(call, status),
        async (ctx) => {
          await writeResponses(call, handler(call.request, ctx) as AsyncIterable<unknown>, ctx.signal);
          call.end();
        },
      );
    };
    return serverStream;
  }
  if (!method.responseStream) {
    const clientStream: handleClientStreamingCall<unknown, unknown> = (call, callback) => {
      void runCall(
        call,
        path,
        options,
        (status) => callback(status),
        async (ctx) => {
          callback(null, await handler(readRequests(call, ctx.signal), ctx));
        },
      );
    };
    return clientStream;
  }
  const bidi: handleBidiStreamingCall<unknown, unknown> = (call) => {
    void runCall(
      call,
      path,
      options,
      (status) => failStream(call, status),
      async (ctx) => {
        const responses = handler(readRequests(call, ctx.signal), ctx) as AsyncIterable<unknown>;
        await writeResponses(call, responses, ctx.signal);
        call.end();
      },
    );
  };
  return bidi;
}

// grpc-js turns an 'error' event on a server stream into the call's final status.
function failStream(
  call: NodeJS.WritableStream & { writableEnded: boolean; destroyed: boolean },
  grpcStatus: GrpcStatus,
): void {
  if (!call.writableEnded && !call.destroyed) call.emit('error', grpcStatus);
}

async function runCall(
  call: ServerCall,
  path: string,
  options: WrapOptions,
  fail: (status: GrpcStatus) => void,
  body: (ctx: CallContext) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const watch = watchCall(call, options.forceSignal);
  const parent = contextFromMetadata(ROOT_CONTEXT, call.metadata);
  const [service = '', rpcMethod = ''] = path.slice(1).split('/');
  const span = options.tracer.startSpan(
    path.slice(1),
    {
      kind: SpanKind.SERVER,
      attributes: { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': rpcMethod },
    },
    parent,
  );
  let code = status.OK;
  let logger = options.logger;
  try {
    await context.with(trace.setSpan(parent, span), async () => {
      const tenant = await authenticate(call.metadata, options.apiKeys);
      span.setAttribute('loglens.tenant_id', tenant.tenantId);
      logger = childLogger(options.logger, { method: path, tenantId: tenant.tenantId, keyId: tenant.keyId });
      await body({
        method: path,
        tenant,
        metadata: call.metadata,
        signal: watch.signal,
        deadline: watch.deadline,
        shutdownSignal: options.shutdownSignal,
        peer: call.getPeer(),
        logger,
      });
    });
  } catch (error) {
    // Once the call is aborted, whatever the handler threw is a consequence; the abort reason is the news.
    const reported: unknown = watch.signal.aborted ? watch.signal.reason : error;
    const grpcStatus = toGrpcStatus(reported);
    code = grpcStatus.code;
    if (!grpcStatus.expected) logger.error({ err: error, method: path }, 'gRPC handler failed');
    span.setStatus({ code: SpanStatusCode.ERROR, message: grpcStatus.details });
    fail(grpcStatus);
  } finally {
    watch.dispose();
    span.setAttribute('rpc.grpc.status_code', code);
    span.end();
    logger.debug(
      { method: path, code: status[code], ms: Math.round(performance.now() - started) },
      'gRPC call',
    );
  }
}

function childLogger(logger: GrpcLogger, bindings: Record<string, string>): GrpcLogger {
  if (logger.child !== undefined) return logger.child(bindings);
  return {
    debug: (obj, msg) => logger.debug({ ...bindings, ...obj }, msg),
    info: (obj, msg) => logger.info({ ...bindings, ...obj }, msg),
    warn: (obj, msg) => logger.warn({ ...bindings, ...obj }, msg),
    error: (obj, msg) => logger.error({ ...bindings, ...obj }, msg),
  };
}
