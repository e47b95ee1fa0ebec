export { createTelemetry, type Telemetry, type TelemetryOptions } from './create-telemetry.js';
export { METRICS_PATH } from './metrics-server.js';
export { extractTraceContext, injectTraceContext, traceIdOf } from './trace-context.js';
export { spanExporterFor } from './span-exporter.js';
export { telemetrySettings } from './settings.js';
