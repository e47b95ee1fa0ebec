import {
  durationSetting,
  integerSetting,
  loadConfig,
  partitionsSetting,
  type ConfigOf,
  type Environment,
} from '@loglens/platform';
import { retentionSettings } from './retention/config.js';

/**
 * Settings of the parser module, read from `LOGLENS_PARSER_*` variables (or the config file) at start, with
 * the shared `LOGLENS_PARTITIONS` and the retention job's `LOGLENS_RETENTION_*`.
 */
export const parserSettings = {
  /** Partitions of the raw subjects, the same as ingest's; one durable consumer each. @default 16 */
  partitions: partitionsSetting,
  ...retentionSettings,
  /** Raw batches fetched, parsed and written together (one transaction, one COPY). @default 128 */
  parserFetchBatch: integerSetting('LOGLENS_PARSER_FETCH_BATCH', {
    default: '128',
    min: 1,
    max: 1000,
    doc: 'Raw batches per pull request; each fetched group is parsed and written in one transaction.',
  }),
  /** Groups being written at once; beyond it the parser stops fetching (back-pressure). @default 2 */
  parserMaxInFlight: integerSetting('LOGLENS_PARSER_MAX_IN_FLIGHT', {
    default: '2',
    min: 1,
    max: 16,
    doc: 'Groups written to PostgreSQL concurrently; while this many are pending no more are fetched.',
  }),
  /** How long a fetch waits to fill its group before writing what it got. @default 1s */
  parserFlushInterval: durationSetting('LOGLENS_PARSER_FLUSH_INTERVAL', {
    default: '1s',
    doc: 'How long one pull request waits to fill a group (at least 1s); what has arrived by then is written.',
  }),
  /** How often miner state is saved to model_snapshots. @default 60s */
  parserSnapshotInterval: durationSetting('LOGLENS_PARSER_SNAPSHOT_INTERVAL', {
    default: '60s',
    doc: 'How often each source miner is snapshotted to PostgreSQL (also on stop).',
  }),
  /** Deliveries of a batch failing with a non-transient error before it goes to the DLQ. @default 3 */
  parserMaxFailures: integerSetting('LOGLENS_PARSER_MAX_FAILURES', {
    default: '3',
    min: 1,
    max: 9,
    doc: 'Deliveries of a batch that fails deterministically before it is dead-lettered (stay below the consumer max deliver).',
  }),
  /** Longest wait between two write attempts while PostgreSQL is down. @default 30s */
  parserMaxRetryDelay: durationSetting('LOGLENS_PARSER_MAX_RETRY_DELAY', {
    default: '30s',
    doc: 'Cap of the exponential backoff between write attempts while PostgreSQL is unavailable.',
  }),
  /**
   * Event times older than the receive time by more than this are replaced by it; a month lets a pushed file
   * of recent history keep its times (their day partitions are made on demand). @default 30d
   */
  parserMaxEventAge: durationSetting('LOGLENS_PARSER_MAX_EVENT_AGE', {
    default: '30d',
    doc: 'An event time this much older than its receive time is clamped to the receive time (original kept in attributes).',
  }),
  /** Event times later than the receive time by more than this are replaced by it. @default 1h */
  parserMaxEventSkew: durationSetting('LOGLENS_PARSER_MAX_EVENT_SKEW', {
    default: '1h',
    doc: 'An event time this much later than its receive time is clamped to the receive time (original kept in attributes).',
  }),
};

/** The validated settings of the parser module. */
export type ParserConfig = ConfigOf<typeof parserSettings>;

/** Loads and validates {@link parserSettings}; throws a `ConfigError` naming every bad variable. */
export function loadParserConfig(env: Environment = process.env): ParserConfig {
  return loadConfig(parserSettings, env);
}
