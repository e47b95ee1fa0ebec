import { ExportFormat, LogEvent, type Timestamp, levelName } from '@loglens/proto';

/** RFC 3339 in UTC with as many fraction digits as the time needs (0, 3, 6 or 9), as protobuf JSON does. */
export function rfc3339(time: Timestamp | undefined): string {
  if (time === undefined) return '';
  const whole = new Date(time.seconds * 1000).toISOString().slice(0, 19);
  if (time.nanos === 0) return `${whole}Z`;
  const nanos = String(time.nanos).padStart(9, '0');
  const digits = nanos.endsWith('000000') ? 3 : nanos.endsWith('000') ? 6 : 9;
  return `${whole}.${nanos.slice(0, digits)}Z`;
}

/** A CSV field as RFC 4180 wants it: quoted, with quotes doubled, when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The header row of CSV exports. */
export const CSV_HEADER = 'time,level,source,template_id,trace_id,text\r\n';

function eventLevelName(event: LogEvent): string {
  return levelName(event.level) ?? 'unknown';
}

/** The first bytes of an export file in `format` (the CSV header row), or ''. */
export function exportPreamble(format: ExportFormat): string {
  return format === ExportFormat.EXPORT_FORMAT_CSV ? CSV_HEADER : '';
}

/** One event as a record of the export format, with its line ending. */
export function encodeEvent(format: ExportFormat, event: LogEvent): string {
  const time = rfc3339(event.time);
  switch (format) {
    case ExportFormat.EXPORT_FORMAT_CSV:
      return `${[time, eventLevelName(event), event.source, event.templateId, event.traceId, event.text]
        .map(csvField)
        .join(',')}\r\n`;
    case ExportFormat.EXPORT_FORMAT_TEXT:
      return `${time} ${eventLevelName(event).toUpperCase()} ${event.text}\n`;
    default: {
      // The proto JSON mapping, with the time at full precision (toJSON would cut it to milliseconds).
      const json = LogEvent.toJSON(event) as Record<string, unknown>;
      return `${JSON.stringify({ ...json, time })}\n`;
    }
  }
}

/** The export formats this version writes. */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  ExportFormat.EXPORT_FORMAT_UNSPECIFIED,
  ExportFormat.EXPORT_FORMAT_JSON_LINES,
  ExportFormat.EXPORT_FORMAT_CSV,
  ExportFormat.EXPORT_FORMAT_TEXT,
];

/**
 * Gathers records into chunks of about `chunkBytes`, each ending on a record boundary (a record longer
 * than a chunk goes out whole, alone).
 */
export class ChunkBuffer {
  private parts: string[] = [];
  private bytes = 0;

  constructor(private readonly chunkBytes: number) {}

  /** Adds a record; returns a full chunk when this record filled one. */
  push(record: string): Buffer | undefined {
    const size = Buffer.byteLength(record);
    const full = this.bytes > 0 && this.bytes + size > this.chunkBytes ? this.flush() : undefined;
    this.parts.push(record);
    this.bytes += size;
    return full;
  }

  /** The records gathered so far as one chunk, or undefined when there are none. */
  flush(): Buffer | undefined {
    if (this.bytes === 0) return undefined;
    const chunk = Buffer.from(this.parts.join(''));
    this.parts = [];
    this.bytes = 0;
    return chunk;
  }
}
