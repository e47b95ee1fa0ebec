import { type ChannelOptions, Server, type ServiceDefinition } from '@grpc/grpc-js';
import { trace } from '@opentelemetry/api';
import { CancelledError } from '../errors/index.js';
import type { ApiKeyResolver } from './api-key-resolver.js';
import type { ServiceHandlers } from './handlers.js';
import { addHealth } from './health.js';
import type { GrpcLogger } from './logger.js';
import { addReflection } from './reflection.js';
import { serviceNameOf } from './service-name.js';
import { serverCredentials, type ServerTlsOptions } from './tls.js';
import { wrapService } from './wrap-service.js';

/** Options of `createGrpcServer`. */
export interface GrpcServerOptions {
  /** Interface to listen on. @default '0.0.0.0' */
  readonly host?: string;
  /** Port to listen on; 0 picks a free one (see `GrpcServer.port`). */
  readonly port: number;
  /** Resolves the API key of every call except health and reflection. */
  readonly apiKeys: ApiKeyResolver;
  readonly logger: GrpcLogger;
  /** TLS, or mTLS with `requireClientCert`; plaintext when absent. */
  readonly tls?: ServerTlsOptions;
  /** Serialized FileDescriptorSet describing the services, for reflection; no reflection when absent. */
  readonly fileDescriptorSet?: Uint8Array;
  /** How long a graceful stop waits for in-flight calls before cancelling them. @default 10000 */
  readonly shutdownTimeoutMs?: number;
  /**
   * How long a stop reports NOT_SERVING while still accepting calls, so that load balancers and probes
   * notice before connections are refused. @default 0
   */
  readonly shutdownDelayMs?: number;
  /** Passed to grpc-js (message size limits, keepalive, ...). */
  readonly channelOptions?: ChannelOptions;
}

/** A gRPC server with health, reflection, API-key auth and graceful shutdown. */
export interface GrpcServer {
  /** Registers a service; only before `start`. Handlers are written as in `ServiceHandlers`. */
  addService<S extends ServiceDefinition>(definition: S, handlers: ServiceHandlers<S>): void;
  /** Binds and starts serving; resolves with the bound port. */
  start(): Promise<{ readonly port: number }>;
  /** The bound port once started. */
  readonly port: number | undefined;
  /** Reports a service (by full name, or '' for the whole server) as serving or not to health checks. */
  setServing(serviceName: string, serving: boolean): void;
  /**
   * Reports NOT_SERVING, stops accepting calls, lets in-flight calls finish for up to `shutdownTimeoutMs`
   * and then cancels what is left. Safe to call more than once.
   */
  stop(): Promise<void>;
}

/** Creates a gRPC server; add services, then `start` it. */
export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  // Built now so that a bad TLS setup fails at configuration time, not at the first start.
  const credentials = serverCredentials(options.tls);
  const server = new Server(options.channelOptions);
  const health = addHealth(server);
  const shutdown = new AbortController();
  const force = new AbortController();
  const serviceNames: string[] = [];
  const wrapOptions = {
    apiKeys: options.apiKeys,
    logger: options.logger,
    tracer: trace.getTracer('loglens-grpc'),
    shutdownSignal: shutdown.signal,
    forceSignal: force.signal,
  };
  let port: number | undefined;
  let starting: Promise<{ readonly port: number }> | undefined;
  let stopping: Promise<void> | undefined;

  const setAll = (serving: boolean): void => {
    for (const name of ['', ...serviceNames]) health.setStatus(name, serving);
  };

  const drain = async (): Promise<void> => {
    shutdown.abort();
    setAll(false);
    if ((options.shutdownDelayMs ?? 0) > 0) await delay(options.shutdownDelayMs ?? 0);
    health.endWatches();
    if (port === undefined) return;
    const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
    const drained = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!drained) {
      options.logger.warn(
        { timeoutMs },
        'gRPC calls still running after the shutdown timeout; cancelling them',
      );
      force.abort(new CancelledError('the server is shutting down'));
      server.forceShutdown();
    }
    options.logger.info({ port }, 'gRPC server stopped');
  };

  const bind = async (): Promise<{ readonly port: number }> => {
    if (options.fileDescriptorSet !== undefined)
      addReflection(server, options.fileDescriptorSet, serviceNames);
    const host = options.host ?? '0.0.0.0';
    const address = `${host.includes(':') ? `[${host}]` : host}:${options.port}`;
    const bound = await new Promise<number>((resolve, reject) => {
      server.bindAsync(address, credentials, (error, boundPort) =>
        error === null ? resolve(boundPort) : reject(error),
      );
    });
    port = bound;
    setAll(true);
    const tls = options.tls !== undefined;
    options.logger.info({ host, port: bound, tls, services: serviceNames }, 'gRPC server listening');
    return { port: bound };
  };

  return {
    addService(definition, handlers) {
      if (starting !== undefined || stopping !== undefined)
        throw new Error('add services before starting the server');
      const name = serviceNameOf(definition);
      server.addService(definition, wrapService(definition, handlers, wrapOptions));
      serviceNames.push(name);
      health.setStatus(name, false);
    },
    start() {
      if (stopping !== undefined) return Promise.reject(new Error('the server was stopped'));
      starting ??= bind();
      return starting;
    },
    get port() {
      return port;
    },
    setServing(serviceName, serving) {
      // A stopping server stays NOT_SERVING whatever its dependencies say.
      if (stopping !== undefined && serving) return;
      health.setStatus(serviceName, serving);
    },
    stop() {
      stopping ??= drain();
      return stopping;
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
