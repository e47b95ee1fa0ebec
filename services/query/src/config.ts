import {
  byteSizeSetting,
  integerSetting,
  loadConfig,
  type ConfigOf,
  type Environment,
} from '@loglens/platform';

/** Settings of the query module, read from `LOGLENS_*` variables (or the config file) at start. */
export const querySettings = {
  /** Events one Tail call holds for a slow client before it drops new ones. @default 10000 */
  queryTailBufferEvents: integerSetting('LOGLENS_QUERY_TAIL_BUFFER_EVENTS', {
    default: '10000',
    min: 1,
    max: 1_000_000,
    doc: 'Events one Tail call holds for a client that reads slowly; beyond it new events are dropped and counted.',
  }),
  /** Most events a Tail call replays from its start time before following. @default 10000 */
  queryTailReplayEvents: integerSetting('LOGLENS_QUERY_TAIL_REPLAY_EVENTS', {
    default: '10000',
    min: 0,
    max: 1_000_000,
    doc: 'Most events a Tail call with a start time replays from PostgreSQL before following new ones.',
  }),
  /** Most events in one Tail response. @default 500 */
  queryTailBatchEvents: integerSetting('LOGLENS_QUERY_TAIL_BATCH_EVENTS', {
    default: '500',
    min: 1,
    max: 10_000,
    doc: 'Most events sent in one Tail response.',
  }),
  /** Approximate size of an ExportLogs chunk. @default 64KiB */
  queryExportChunkBytes: byteSizeSetting('LOGLENS_QUERY_EXPORT_CHUNK_BYTES', {
    default: '64KiB',
    doc: 'Approximate size of the chunks of ExportLogs (a chunk always ends on a record boundary).',
  }),
  /** Rows an export reads from PostgreSQL per query. @default 1000 */
  queryExportPageRows: integerSetting('LOGLENS_QUERY_EXPORT_PAGE_ROWS', {
    default: '1000',
    min: 1,
    max: 100_000,
    doc: 'Rows ExportLogs reads per keyset query; memory per export is about one page and one chunk.',
  }),
  /** Recent events GetTemplate reads for parameter statistics. @default 1000 */
  queryParamSampleEvents: integerSetting('LOGLENS_QUERY_PARAM_SAMPLE_EVENTS', {
    default: '1000',
    min: 1,
    max: 100_000,
    doc: 'Most recent events of a template whose parameter values GetTemplate summarises.',
  }),
};

/** The validated settings of the query module. */
export type QueryConfig = ConfigOf<typeof querySettings>;

/** Loads and validates {@link querySettings}; throws a `ConfigError` naming every bad variable. */
export function loadQueryConfig(env: Environment = process.env): QueryConfig {
  return loadConfig(querySettings, env);
}
