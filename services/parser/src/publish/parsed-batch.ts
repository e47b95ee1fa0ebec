import { ParsedBatch, timestampFromMillis, type LogEvent } from '@loglens/proto';
import { protoLevel, type EventRow } from '../parse/event-row.js';
import type { ParsedRawBatch } from '../parse/parse-batch.js';

/** Schema version of ParsedBatch payloads, in the `LogLens-Schema-Version` header. */
export const PARSED_BATCH_SCHEMA_VERSION = '1';

function logEvent(row: EventRow): LogEvent {
  return {
    id: row.id,
    source: row.source,
    time: timestampFromMillis(row.ts),
    level: protoLevel(row.level),
    text: row.message,
    templateId: row.templateId,
    traceId: row.traceId ?? '',
    spanId: '',
    // Encoded at once and never kept: no copies needed.
    attributes: row.attributes,
    params: row.params as string[],
  };
}

/** The LOGS_PARSED payload of one parsed raw batch. */
export function encodeParsedBatch(batch: ParsedRawBatch, parsedAtMs: number): Uint8Array {
  return ParsedBatch.encode({
    tenantId: batch.tenantId,
    source: batch.source,
    rawBatchId: batch.id,
    parsedAt: timestampFromMillis(parsedAtMs),
    events: batch.events.map(logEvent),
    generalisations: batch.generalisations.map((g) => ({
      previousTemplateId: g.previousId,
      templateId: g.id,
    })),
  }).finish();
}
