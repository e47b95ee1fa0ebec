// The public entry of @loglens/parser: its module for `loglens serve`, its settings and its extension points.
export { loadParserConfig, parserSettings, type ParserConfig } from './config.js';
export { createParserModule, type ParserModuleDeps } from './module.js';
export type { RawMessageSource } from './consumer/raw-source.js';
export { partitionedConsumerSource, splitFetch } from './consumer/partitioned-source.js';
export { DLQ_DELIVERIES_HEADER, DLQ_ERROR_HEADER, DLQ_SUBJECT_HEADER } from './publish/stage-publisher.js';
export { ORIGINAL_TIME_ATTRIBUTE, rawBatchId } from './parse/parse-batch.js';
export { SNAPSHOT_OWNER } from './snapshots/miner-snapshot-store.js';
