import { booleanSetting, enumSetting } from '../config/index.js';
import { LOG_LEVELS } from './create-logger.js';

/** Environment settings of the logger; spread into a module's config spec. */
export const loggingSettings = {
  /** Minimum level written. */
  logLevel: enumSetting('LOGLENS_LOG_LEVEL', LOG_LEVELS, {
    default: 'info',
    doc: 'Minimum log level written.',
  }),
  /** Pretty, colored output for a terminal instead of JSON lines. */
  logPretty: booleanSetting('LOGLENS_LOG_PRETTY', {
    default: 'false',
    doc: 'Human-readable colored log output instead of JSON lines (for a terminal, not for collection).',
  }),
};
