// The entry `@loglens/platform/client`: what a gRPC client of LogLens needs (the CLI's client commands), without
// the server-side adapters (PostgreSQL, NATS, InfluxDB, telemetry SDKs) whose loading would dominate a
// command's start.
export { parseByteSize } from './config/byte-size.js';
export { formatDuration, parseDuration } from './config/duration.js';
export {
  createGrpcClient,
  type GrpcClientConstructor,
  type GrpcClientOptions,
} from './grpc/create-grpc-client.js';
export { decodeStatusDetails, STATUS_DETAILS_TRAILER, type StatusDetails } from './grpc/status-details.js';
export { type ClientTlsOptions, type PemSource } from './grpc/tls.js';
export { RETRY_AFTER_TRAILER } from './grpc/to-grpc-status.js';
