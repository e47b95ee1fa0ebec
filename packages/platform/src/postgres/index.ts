export {
  createDatabase,
  resolvePoolOptions,
  type DatabaseHandle,
  type DatabaseOptions,
  type PoolOptions,
} from './create-database.js';
export type { PostgresLogger } from './logger.js';
export {
  MigrationError,
  migrateToLatest,
  recordMigrationProvider,
  runMigrations,
  type MigrationOutcome,
  type RunMigrationsOptions,
} from './migrate.js';
export { MIGRATIONS } from './migrations/index.js';
export { dropDayPartition, ensureDayPartitions, listDayPartitions } from './log-event-partitions.js';
export {
  addDays,
  DAY_MS,
  dayRange,
  partitionBounds,
  partitionDay,
  partitionName,
  toDay,
  type Day,
} from './partition-names.js';
export { TenantExistsError, TenantNotFoundError } from './api-key-errors.js';
export {
  createPostgresApiKeyStore,
  type ApiKeyInfo,
  type ApiKeyStore,
  type ApiKeyStoreOptions,
  type TenantInfo,
} from './postgres-api-key-store.js';
export {
  EVENT_LEVELS,
  type ApiKeyRow,
  type ApiKeysTable,
  type CreatedAt,
  type Database,
  type Jsonb,
  type JsonbWithDefault,
  type JsonValue,
  type LogEvent,
  type LogEventsTable,
  type EventLevel,
  type ModelSnapshotsTable,
  type NewLogEvent,
  type NewTemplate,
  type NullableTimestamp,
  type SourcesTable,
  type Tenant,
  type TemplatesTable,
  type TemplateUpdate,
  type TenantsTable,
  type Timestamp,
} from './schema.js';
