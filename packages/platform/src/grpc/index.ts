export type { ApiKeyResolver, AuthenticatedTenant } from './api-key-resolver.js';
export { generateApiKey, type GeneratedApiKey, hashApiKey, parseApiKeyId } from './api-key.js';
export { API_KEY_HEADER, authenticate, presentedApiKey } from './authenticate.js';
export {
  createGrpcClient,
  type GrpcClientConstructor,
  type GrpcClientOptions,
} from './create-grpc-client.js';
export { createGrpcServer, type GrpcServer, type GrpcServerOptions } from './create-grpc-server.js';
export type {
  BidiStreamHandler,
  CallContext,
  ClientStreamHandler,
  HandlerFor,
  ServerStreamHandler,
  ServiceHandlers,
  UnaryHandler,
} from './handlers.js';
export type { GrpcLogger } from './logger.js';
export { HEALTH_SERVICE_NAME } from './reflection.js';
export { StaticApiKeyResolver, type StaticApiKeyEntry } from './static-api-key-resolver.js';
export {
  decodeStatusDetails,
  encodeStatusDetails,
  STATUS_DETAILS_TRAILER,
  type StatusDetails,
} from './status-details.js';
export { type ClientTlsOptions, type PemSource, type ServerTlsOptions } from './tls.js';
export {
  type GrpcStatus,
  INTERNAL_ERROR_MESSAGE,
  RETRY_AFTER_TRAILER,
  toGrpcStatus,
} from './to-grpc-status.js';
export { contextFromMetadata, injectContextIntoMetadata } from './trace-context.js';
