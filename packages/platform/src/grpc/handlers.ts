import type { Metadata, ServiceDefinition } from '@grpc/grpc-js';
import type { AuthenticatedTenant } from './api-key-resolver.js';
import type { GrpcLogger } from './logger.js';

/** What a handler knows about its call besides the request. */
export interface CallContext {
  /** The full method path, e.g. `/loglens.v1.QueryService/QueryLogs`. */
  readonly method: string;
  /** The tenant of the API key that authenticated the call. */
  readonly tenant: AuthenticatedTenant;
  /** The request metadata. */
  readonly metadata: Metadata;
  /**
   * Aborted when the call's deadline passes, the client cancels, or the server stops by force; its reason
   * is a `DeadlineExceededError` or a `CancelledError`. Pass it to every I/O the handler starts.
   */
  readonly signal: AbortSignal;
  /** When the client gives up, or undefined without a deadline. */
  readonly deadline: Date | undefined;
  /**
   * Aborted when a graceful shutdown begins. Endless streams (tail, follow) should finish cleanly on it;
   * short calls can ignore it, they are waited for.
   */
  readonly shutdownSignal: AbortSignal;
  /** The client's address. */
  readonly peer: string;
  /** A logger bound to the method and tenant. */
  readonly logger: GrpcLogger;
}

/** A unary method: one request, one response. */
export type UnaryHandler<Req, Res> = (request: Req, ctx: CallContext) => Promise<Res>;
/** A server-streaming method: one request, responses yielded in order (write back-pressure is honoured). */
export type ServerStreamHandler<Req, Res> = (request: Req, ctx: CallContext) => AsyncIterable<Res>;
/** A client-streaming method: requests read in order, one response. */
export type ClientStreamHandler<Req, Res> = (requests: AsyncIterable<Req>, ctx: CallContext) => Promise<Res>;
/** A bidirectional method: requests read in order, responses yielded in any order the handler likes. */
export type BidiStreamHandler<Req, Res> = (
  requests: AsyncIterable<Req>,
  ctx: CallContext,
) => AsyncIterable<Res>;

/** The handler type of one method definition, chosen by its streaming flags. */
export type HandlerFor<M> = M extends {
  readonly requestStream: infer RequestStream;
  readonly responseStream: infer ResponseStream;
  readonly requestDeserialize: (bytes: Buffer) => infer Req;
  readonly responseSerialize: (value: infer Res) => Buffer;
}
  ? RequestStream extends true
    ? ResponseStream extends true
      ? BidiStreamHandler<Req, Res>
      : ClientStreamHandler<Req, Res>
    : ResponseStream extends true
      ? ServerStreamHandler<Req, Res>
      : UnaryHandler<Req, Res>
  : never;

/** One handler per method of a generated service definition (e.g. `QueryServiceService`). */
export type ServiceHandlers<S extends ServiceDefinition> = { readonly [K in keyof S]: HandlerFor<S[K]> };
