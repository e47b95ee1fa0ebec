import {
  type ChannelCredentials,
  type ClientOptions,
  type Interceptor,
  InterceptingCall,
  type Metadata,
} from '@grpc/grpc-js';
import { context } from '@opentelemetry/api';
import { channelCredentials, type ClientTlsOptions } from './tls.js';
import { injectContextIntoMetadata } from './trace-context.js';

/** A generated client class, e.g. `QueryServiceClient`. */
export type GrpcClientConstructor<C> = new (
  address: string,
  credentials: ChannelCredentials,
  options?: Partial<ClientOptions>,
) => C;

/** Options of `createGrpcClient`. */
export interface GrpcClientOptions {
  /** Sent as `authorization: Bearer <key>` on every call. */
  readonly apiKey?: string;
  /** TLS (with a client certificate for mTLS); plaintext when absent. */
  readonly tls?: ClientTlsOptions;
  /**
   * Deadline of calls that do not set their own, in milliseconds; applies to calls with a single response
   * only, since streamed responses (tail, export) may rightly run for long. No default deadline when absent.
   */
  readonly deadlineMs?: number;
  /** Passed to grpc-js (message size limits, keepalive, ...). */
  readonly channelOptions?: Partial<ClientOptions>;
}

/**
 * Creates a client of a generated service that sends the API key and the active trace context with every
 * call and applies a default deadline. Call `close()` on it when done.
 */
export function createGrpcClient<C>(
  ClientClass: GrpcClientConstructor<C>,
  address: string,
  options: GrpcClientOptions = {},
): C {
  const tls = options.tls;
  const clientOptions: Partial<ClientOptions> = {
    ...options.channelOptions,
    ...(tls?.serverName === undefined ? {} : { 'grpc.ssl_target_name_override': tls.serverName }),
    interceptors: [...(options.channelOptions?.interceptors ?? []), callInterceptor(options)],
  };
  return new ClientClass(address, channelCredentials(tls), clientOptions);
}

// An interceptor rather than call credentials: grpc-js refuses call credentials on plaintext channels,
// and plaintext with an API key is how a laptop or an in-cluster mesh with its own mTLS runs.
function callInterceptor(options: GrpcClientOptions): Interceptor {
  return (callOptions, nextCall) => {
    const singleResponse = callOptions.method_definition.responseStream !== true;
    const withDeadline =
      callOptions.deadline === undefined && options.deadlineMs !== undefined && singleResponse
        ? { ...callOptions, deadline: Date.now() + options.deadlineMs }
        : callOptions;
    return new InterceptingCall(nextCall(withDeadline), {
      start(metadata: Metadata, listener, next) {
        if (options.apiKey !== undefined) metadata.set('authorization', `Bearer ${options.apiKey}`);
        injectContextIntoMetadata(context.active(), metadata);
        next(metadata, listener);
      },
    });
  };
}
