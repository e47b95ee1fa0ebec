// The public entry of @loglens/platform: every adapter a service needs, one concept per folder.
export * from './config/index.js';
export * from './errors/index.js';
export * from './grpc/index.js';
export * from './influx/index.js';
export * from './logging/index.js';
export * from './nats/index.js';
export * from './postgres/index.js';
export * from './runtime/index.js';
export * from './telemetry/index.js';
