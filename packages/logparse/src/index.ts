// The public entry of @loglens/logparse: a pure parsing engine (no I/O), usable inline on the ingest path.
export * from './types.js';
export * from './framing/index.js';
export * from './format/index.js';
export * from './redact/index.js';
export * from './mining/index.js';
export * from './pipeline/index.js';
