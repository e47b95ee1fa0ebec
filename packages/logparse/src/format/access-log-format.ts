import type { Level, ParsedRecord } from '../types.js';
import { levelOfStatus } from './message-start.js';
import type { TimestampParser } from './timestamp.js';

/** NCSA common and combined log format, as Apache httpd and nginx write access logs by default. */
const ACCESS =
  /^(\S+) (\S+) (\S+) \[([^\]]+)\] "((\S+) (\S+)(?: (\S+))?|[^"]*)" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;

/** Cheap test for the access-log shape: `host ident user [dd/Mon/yyyy:`. */
export function looksLikeAccessLog(text: string): boolean {
  const open = text.indexOf(' [');
  return open > 0 && open < 200 && /^ \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:/.test(text.slice(open, open + 15));
}

/**
 * Parses an access-log line. The message is the request and the response (`GET /x HTTP/1.1 200 512`), the
 * part templates are made of; client, user, referrer and agent become attributes. Level follows the status.
 */
export function parseAccessLog(text: string, parse: TimestampParser): ParsedRecord | undefined {
  const m = ACCESS.exec(text);
  if (!m) return undefined;
  const status = Number(m[9]);
  const attributes: Record<string, string> = { client: m[1]!, status: m[9]!, bytes: m[10]! };
  if (m[2] !== '-') attributes.ident = m[2]!;
  if (m[3] !== '-') attributes.user = m[3]!;
  if (m[6]) attributes.method = m[6];
  if (m[7]) attributes.path = m[7];
  if (m[8]) attributes.protocol = m[8];
  if (m[11] !== undefined && m[11] !== '-') attributes.referer = m[11];
  if (m[12] !== undefined && m[12] !== '-') attributes.user_agent = m[12];
  const level: Level = levelOfStatus(status);
  const record: { -readonly [K in keyof ParsedRecord]: ParsedRecord[K] } = {
    level,
    message: `${m[5]!} ${m[9]!} ${m[10]!}`,
    attributes,
    format: 'access-log',
  };
  const timestamp = parse(m[4]!);
  if (timestamp !== undefined) record.timestamp = timestamp;
  return record;
}
