import { levelFromName } from '@loglens/proto';
import type { LogEvent } from '@loglens/proto';
import type { LogEventRow } from './log-event-query.js';
import { timestampFromMicros } from './micros.js';

/** A JSON value as text: strings as they are, anything else as JSON. */
export function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

function attributeMap(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, jsonText(v)]));
}

/** The parameter values of a stored `params` column, as texts in template order. */
export function paramTexts(value: unknown): string[] {
  return Array.isArray(value) ? value.map(jsonText) : [];
}

/** The API form of a stored log event. The table keeps no span id, so it is empty. */
export function toLogEvent(row: LogEventRow): LogEvent {
  return {
    id: row.id,
    source: row.source,
    time: timestampFromMicros(BigInt(row.ts_us)),
    level: levelFromName(row.level),
    text: row.message,
    templateId: row.template_id ?? '',
    traceId: row.trace_id ?? '',
    spanId: '',
    attributes: attributeMap(row.attributes),
    params: paramTexts(row.params),
  };
}
