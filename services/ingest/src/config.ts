import {
  byteSizeSetting,
  durationSetting,
  integerSetting,
  loadConfig,
  partitionsSetting,
  type ConfigOf,
  type Environment,
} from '@loglens/platform';

/** Settings of the ingest module, read from `LOGLENS_*` variables (or the config file) at start. */
export const ingestSettings = {
  /** Largest encoded batch accepted. @default 4MiB */
  ingestMaxBatchBytes: byteSizeSetting('LOGLENS_INGEST_MAX_BATCH_BYTES', {
    default: '4MiB',
    doc: 'Largest batch accepted, as encoded on the message stream; larger batches get INVALID_ARGUMENT.',
  }),
  /** Longest line accepted, in UTF-8 bytes of its text. @default 64KiB */
  ingestMaxLineBytes: byteSizeSetting('LOGLENS_INGEST_MAX_LINE_BYTES', {
    default: '64KiB',
    doc: 'Longest line text accepted, in UTF-8 bytes; a batch with a longer line gets INVALID_ARGUMENT.',
  }),
  /** Sustained lines per second per tenant; 0 turns the limit off. @default 100000 */
  ingestRateLines: integerSetting('LOGLENS_INGEST_RATE_LINES', {
    default: '100000',
    min: 0,
    doc: 'Lines per second each tenant may push on average (token bucket refill rate); 0 means no limit.',
  }),
  /** Lines a tenant may push at once above the sustained rate. @default 200000 */
  ingestRateBurst: integerSetting('LOGLENS_INGEST_RATE_BURST', {
    default: '200000',
    min: 1,
    doc: 'Token bucket size: lines a tenant may push in a burst before the rate applies.',
  }),
  /** Partitions of the raw subjects; the same for every stage. @default 16 */
  partitions: partitionsSetting,
  /** How long a JetStream publish may take before the client gets UNAVAILABLE. @default 5s */
  ingestPublishTimeout: durationSetting('LOGLENS_INGEST_PUBLISH_TIMEOUT', {
    default: '5s',
    doc: 'How long to wait for JetStream to acknowledge a batch before answering UNAVAILABLE.',
  }),
  /** Unacknowledged publishes per Push stream before the server stops reading it. @default 32 */
  ingestMaxInFlight: integerSetting('LOGLENS_INGEST_MAX_IN_FLIGHT', {
    default: '32',
    min: 1,
    max: 1024,
    doc: 'Batches of one Push stream being published at once; beyond it the server stops reading (back-pressure).',
  }),
};

/** The validated settings of the ingest module. */
export type IngestConfig = ConfigOf<typeof ingestSettings>;

/** Loads and validates {@link ingestSettings}; throws a `ConfigError` naming every bad variable. */
export function loadIngestConfig(env: Environment = process.env): IngestConfig {
  return loadConfig(ingestSettings, env);
}
