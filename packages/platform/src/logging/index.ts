export {
  LOG_LEVELS,
  componentLogger,
  createLogger,
  silentLogger,
  type LogLevel,
  type Logger,
  type LoggerOptions,
} from './create-logger.js';
export { DEFAULT_REDACT_PATHS, REDACTED } from './redaction.js';
export { loggingSettings } from './settings.js';
