import { metrics, type Counter, type Histogram, type Meter } from '@opentelemetry/api';

/** The parser's OpenTelemetry instruments (exported on `/metrics` by the process's telemetry). */
export interface ParserMetrics {
  /** Lines parsed (a redelivered batch is parsed, and counted, again). */
  readonly linesParsed: Counter;
  /** Events written to PostgreSQL. */
  readonly eventsStored: Counter;
  /** Raw batches by outcome: `stored`, `duplicate` (stored before), `dead_lettered`. */
  readonly batches: Counter;
  /** Raw batches sent to the dead-letter stream. */
  readonly deadLettered: Counter;
  /** Write attempts that failed with a transient error and were retried. */
  readonly writeRetries: Counter;
  /** Seconds one group's PostgreSQL transaction took. */
  readonly writeSeconds: Histogram;
}

/** Creates the instruments on `meter` (the global `loglens-parser` meter by default). */
export function createParserMetrics(meter: Meter = metrics.getMeter('loglens-parser')): ParserMetrics {
  return {
    linesParsed: meter.createCounter('loglens_parser_lines_total', { description: 'Lines parsed' }),
    eventsStored: meter.createCounter('loglens_parser_events_stored_total', {
      description: 'Events written to PostgreSQL',
    }),
    batches: meter.createCounter('loglens_parser_batches_total', {
      description: 'Raw batches handled, by outcome (stored, duplicate, dead_lettered)',
    }),
    deadLettered: meter.createCounter('loglens_parser_dlq_total', {
      description: 'Raw batches published to the dead-letter stream',
    }),
    writeRetries: meter.createCounter('loglens_parser_write_retries_total', {
      description: 'PostgreSQL writes retried after a transient failure',
    }),
    writeSeconds: meter.createHistogram('loglens_parser_write_seconds', {
      description: 'Duration of one group transaction in PostgreSQL',
      unit: 's',
    }),
  };
}
