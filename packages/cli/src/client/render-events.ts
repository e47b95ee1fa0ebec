import { ExportFormat, type Level, type LogEvent } from '@loglens/proto';
import { encodeEvent, rfc3339 } from '@loglens/query/export-format';

/** How client commands print events. */
export type EventOutput = 'table' | 'json' | 'jsonl';

const LEVEL_NAMES = ['-', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'UNKNOWN'];

/** The short upper-case name of a level, e.g. `ERROR`. */
export function levelName(level: Level): string {
  return LEVEL_NAMES[level] ?? 'UNKNOWN';
}

/** One event as a line of the table: time, level, source, text (continuation lines indented). */
export function tableLine(event: LogEvent): string {
  const text = event.text.replace(/\n/g, '\n    ');
  return `${rfc3339(event.time)} ${levelName(event.level).padEnd(5)} ${event.source} ${text}`;
}

/** One event as a JSON line: the proto JSON mapping with the time at full precision, as exports write it. */
export function jsonLine(event: LogEvent): string {
  return encodeEvent(ExportFormat.EXPORT_FORMAT_JSON_LINES, event).trimEnd();
}
