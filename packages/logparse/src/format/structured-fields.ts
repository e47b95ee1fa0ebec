import { setAttribute } from '../attributes.js';
import type { FormatKind, Level, ParsedRecord } from '../types.js';
import { levelFromValue } from './level.js';
import type { TimestampParser } from './timestamp.js';

const TIME_KEYS = ['time', 'timestamp', 'ts', '@timestamp', 'date', 't', 'datetime', 'asctime'];
const LEVEL_KEYS = [
  'level',
  'severity',
  'lvl',
  'log.level',
  'levelname',
  'loglevel',
  'severity_text',
  'level_name',
];
const MESSAGE_KEYS = ['msg', 'message', 'log', 'text', 'event', '@message'];
const LOGGER_KEYS = ['logger', 'logger_name', 'component', 'caller', 'name', 'module', 'log.logger'];
const TRACE_KEYS = ['trace_id', 'traceId', 'trace.id', 'traceid', 'traceID', 'dd.trace_id'];

/**
 * Builds a record from flat structured fields (JSON keys with nested ones dotted, or logfmt pairs): well-known
 * aliases become the timestamp, level, message, component and trace id; everything else stays an attribute.
 */
export function recordFromFields(
  fields: ReadonlyMap<string, string>,
  format: FormatKind,
  parse: TimestampParser,
  maxAttributes: number,
): ParsedRecord {
  const used = new Set<string>();
  const pick = (keys: readonly string[]): string | undefined => {
    for (const key of keys) {
      const value = fields.get(key);
      if (value !== undefined) {
        used.add(key);
        return value;
      }
    }
    return undefined;
  };
  const time = pick(TIME_KEYS);
  const levelText = pick(LEVEL_KEYS);
  const message = pick(MESSAGE_KEYS);
  const component = pick(LOGGER_KEYS);
  const traceId = pick(TRACE_KEYS);
  const level: Level = levelText === undefined ? 'unknown' : levelFromValue(levelText);
  const attributes: Record<string, string> = {};
  let kept = 0;
  for (const [key, value] of fields) {
    if (used.has(key)) continue;
    if (kept++ >= maxAttributes) break;
    setAttribute(attributes, key, value);
  }
  const record: {
    -readonly [K in keyof ParsedRecord]: ParsedRecord[K];
  } = {
    level,
    message: message ?? renderFields(attributes),
    attributes,
    format,
  };
  const timestamp = time === undefined ? undefined : parse(time);
  if (timestamp !== undefined) record.timestamp = timestamp;
  else if (time !== undefined) attributes[TIME_KEYS.find((k) => fields.get(k) === time)!] = time;
  if (component !== undefined) record.component = component;
  if (traceId !== undefined) record.traceId = traceId;
  return record;
}

/** `key=value` pairs for a record with no message field, so templates still have text to work on. */
function renderFields(attributes: Readonly<Record<string, string>>): string {
  return Object.entries(attributes)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
