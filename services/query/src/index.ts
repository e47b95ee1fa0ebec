// The public entry of @loglens/query: its module for `loglens serve`, its settings and its handlers.
export { loadQueryConfig, querySettings, type QueryConfig } from './config.js';
export { createQueryModule, type QueryModuleDeps } from './module.js';
export { createQueryHandlers, type QueryServiceDeps } from './query-service.js';
export { CSV_HEADER, encodeEvent, rfc3339 } from './export-format.js';
