import { enumSetting, portSetting, stringSetting } from '../config/index.js';

/** Environment settings of telemetry; spread into a module's config spec. */
export const telemetrySettings = {
  /** Port of the Prometheus `/metrics` server (0 = any free port). */
  metricsPort: portSetting('LOGLENS_METRICS_PORT', {
    default: '9464',
    doc: 'Port of the Prometheus `/metrics` HTTP server; 0 picks a free port.',
  }),
  /** Address the `/metrics` server binds. */
  metricsHost: stringSetting('LOGLENS_METRICS_HOST', {
    default: '0.0.0.0',
    doc: 'Address the `/metrics` server binds; `127.0.0.1` keeps it private to the machine.',
  }),
  /** Where finished spans go. */
  tracesExporter: enumSetting('LOGLENS_TRACES_EXPORTER', ['none', 'console'], {
    default: 'none',
    doc: 'Where finished spans go: `none` (context still propagates) or `console` (stdout, for debugging).',
  }),
};
