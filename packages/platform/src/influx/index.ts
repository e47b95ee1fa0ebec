export { backoffDelayMs, parseRetryAfterMs, retryDelayMs, type BackoffSettings } from './backoff.js';
export { createInfluxWriter, type InfluxWriter, type InfluxWriterStats } from './influx-writer.js';
export {
  logVolumePoint,
  templateVolumePoint,
  toLineProtocol,
  type InfluxPoint,
  type LogVolumeSample,
  type TemplateVolumeSample,
} from './points.js';
export { classifyWriteError, type RetryDecision } from './retry-policy.js';
export {
  resolveWriterOptions,
  type InfluxWriterLogger,
  type InfluxWriterOptions,
  type ResolvedWriterOptions,
} from './writer-options.js';
