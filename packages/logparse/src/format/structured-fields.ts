import { setAttribute } from '../attributes.js';
import type { FormatKind, Level, ParsedRecord } from '../types.js';
import { levelFromLetter, levelFromValue } from './level.js';
import type { TimestampParser } from './timestamp.js';

const BASE_TIME_KEYS = ['time', 'timestamp', 'ts', '@timestamp', 'date', 't', 'datetime', 'asctime'];
// MongoDB's Extended JSON writes a date as {"$date": …}, which flattens to `<key>.$date`.
const TIME_KEYS = [...BASE_TIME_KEYS, ...BASE_TIME_KEYS.map((k) => `${k}.$date`)];
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
/** Keys that name the level in some schemas only (MongoDB's `"s": "I"`): taken when the value is a level letter. */
const LETTER_LEVEL_KEYS = ['s'];
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
  const levelText = pick(LEVEL_KEYS) ?? pickLevelLetter(fields, used);
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

function pickLevelLetter(fields: ReadonlyMap<string, string>, used: Set<string>): string | undefined {
  for (const key of LETTER_LEVEL_KEYS) {
    const value = fields.get(key);
    if (value?.length === 1 && levelFromLetter(value) !== undefined) {
      used.add(key);
      return value;
    }
  }
  return undefined;
}

/** `key=value` pairs for a record with no message field, so templates still have text to work on. */
function renderFields(attributes: Readonly<Record<string, string>>): string {
  return Object.entries(attributes)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
