// The infrastructure servers LogLens needs, run as local child processes: by `loglens up` (durable data in a
// directory of the user's choice) and by the test harness and benchmarks (throwaway data, free ports).
export { findBinary, MissingBinaryError } from './binaries.js';
export { databaseUrl, ensureDatabase } from './databases.js';
export { freePort } from './free-port.js';
export {
  startInfrastructure,
  type Infrastructure,
  type InfrastructureEndpoints,
  type InfrastructureOptions,
} from './infrastructure.js';
export { startNatsServer, type NatsServer, type NatsServerOptions } from './nats-server.js';
export { startPostgres, type PostgresServer, type PostgresServerOptions } from './postgres-server.js';
export {
  startVictoriaMetrics,
  type VictoriaMetricsServer,
  type VictoriaMetricsServerOptions,
} from './victoria-metrics-server.js';
export { startProcess, type ManagedProcess } from './process.js';
