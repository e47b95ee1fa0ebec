import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Row types of every table, as kysely sees them. Later migrations add their tables here too.
 *
 * Conventions of the column types:
 * - `timestamptz` reads as `Date`; writes accept a `Date` or an ISO string.
 * - `jsonb` writes take JSON text (`JSON.stringify(value)`), because pg would otherwise send a JavaScript
 *   array as a PostgreSQL array literal instead of a JSON array.
 * - `bigint` reads as a decimal string: pg does not parse int8 into a lossy `number` on its own.
 */

/** A `timestamptz` column that the database fills in on insert. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A `timestamptz` column. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A nullable `timestamptz` column. */
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
/** A `jsonb` column holding `T`: read as the parsed value, written as JSON text. */
export type Jsonb<T> = ColumnType<T, string, string>;
/** A `jsonb` column with a database default, so inserts may leave it out. */
export type JsonbWithDefault<T> = ColumnType<T, string | undefined, string>;

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Normalised severity, the same names the parsing engine produces. */
export type EventLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'unknown';

/** Every level, in increasing severity; the `log_events.level` check constraint allows exactly these. */
export const EVENT_LEVELS: readonly EventLevel[] = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
  'unknown',
];

/** `tenants`: one row per customer; every other row belongs to one. */
export interface TenantsTable {
  id: Generated<string>;
  name: string;
  created_at: CreatedAt;
}

/** `api_keys`: keys are identified by their public key id and stored as a SHA-256 hash only. */
export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  hash: string;
  name: string;
  created_at: CreatedAt;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

/** `sources`: a named stream of logs of a tenant with its configuration. */
export interface SourcesTable {
  tenant_id: string;
  name: string;
  config: JsonbWithDefault<{ [key: string]: JsonValue }>;
  created_at: CreatedAt;
}

/** `templates`: the patterns mined per tenant and source, identified by a content-derived id. */
export interface TemplatesTable {
  tenant_id: string;
  source: string;
  id: string;
  template: string;
  first_seen: Timestamp;
  last_seen: Timestamp;
  count: ColumnType<string, number | bigint | string | undefined, number | bigint | string>;
  params: JsonbWithDefault<JsonValue[]>;
  previous_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The template this one was generalised into; its count was moved there. */
  superseded_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** `log_events`: one row per parsed record, range-partitioned by day on `ts`. */
export interface LogEventsTable {
  tenant_id: string;
  source: string;
  ts: Timestamp;
  id: string;
  level: EventLevel;
  template_id: ColumnType<string | null, string | null | undefined, string | null>;
  message: string;
  params: JsonbWithDefault<JsonValue[]>;
  attributes: JsonbWithDefault<{ [key: string]: JsonValue }>;
  trace_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** `model_snapshots`: serialised state of stateful workers (template miners, baselines). */
export interface ModelSnapshotsTable {
  owner: string;
  key: string;
  version: number;
  data: Jsonb<JsonValue>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** `log_volume_minute`: records per minute, level and template (`''` when none), kept with the events. */
export interface LogVolumeMinuteTable {
  tenant_id: string;
  source: string;
  minute: Timestamp;
  level: EventLevel;
  template_id: string;
  count: ColumnType<string, number | bigint | string, number | bigint | string>;
}

/** `processed_batches`: message ids of the raw batches whose events are stored. */
export interface ProcessedBatchesTable {
  id: string;
  tenant_id: string;
  lines: number;
  processed_at: CreatedAt;
}

/** The whole schema, as kysely sees it. */
export interface Database {
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  sources: SourcesTable;
  templates: TemplatesTable;
  log_events: LogEventsTable;
  model_snapshots: ModelSnapshotsTable;
  log_volume_minute: LogVolumeMinuteTable;
  processed_batches: ProcessedBatchesTable;
}

/** A `tenants` row as read. */
export type Tenant = Selectable<TenantsTable>;
/** An `api_keys` row as read. */
export type ApiKeyRow = Selectable<ApiKeysTable>;
/** A `templates` row as inserted. */
export type NewTemplate = Insertable<TemplatesTable>;
/** A `templates` change. */
export type TemplateUpdate = Updateable<TemplatesTable>;
/** A `log_events` row as read. */
export type LogEvent = Selectable<LogEventsTable>;
/** A `log_events` row as inserted. */
export type NewLogEvent = Insertable<LogEventsTable>;
