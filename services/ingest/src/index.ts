// The public entry of @loglens/ingest: its module for `loglens serve`, its settings and its handlers.
export { ingestSettings, loadIngestConfig, type IngestConfig } from './config.js';
export { createIngestHandlers, type IngestServiceDeps } from './ingest-service.js';
export { createIngestModule, type IngestModuleDeps } from './module.js';
export {
  createJetStreamPublisher,
  type JetStreamPublisherOptions,
  type RawBatchMessage,
  type RawBatchPublisher,
} from './publisher.js';
export { TenantRateLimiter, type RateDecision, type RateLimiterOptions } from './rate-limiter.js';
export { RAW_BATCH_SCHEMA_VERSION, rawBatchMessageId, type BatchLimits } from './raw-batch.js';
