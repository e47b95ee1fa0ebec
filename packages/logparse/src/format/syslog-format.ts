import type { ParsedRecord } from '../types.js';
import { levelFromSyslogSeverity } from './level.js';
import type { TimestampParser } from './timestamp.js';

/** The `<PRI>` prefix of a syslog line: facility, severity and where the rest starts. */
export interface SyslogPriority {
  readonly facility: number;
  readonly severity: number;
  readonly next: number;
}

/** Reads `<PRI>` (0..191) at the start of a line. */
export function readSyslogPriority(text: string): SyslogPriority | undefined {
  if (text.charCodeAt(0) !== 60) return undefined;
  let value = 0;
  let i = 1;
  for (; i < 5 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 62) break;
    if (c < 48 || c > 57) return undefined;
    value = value * 10 + c - 48;
  }
  if (i === 1 || text.charCodeAt(i) !== 62 || value > 191) return undefined;
  return { facility: value >> 3, severity: value & 7, next: i + 1 };
}

/**
 * Parses RFC 5424: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG`, where `-` is a nil field and
 * structured data `[id k="v"]` become attributes `id.k`.
 */
export function parseSyslog5424(text: string, parse: TimestampParser): ParsedRecord | undefined {
  const pri = readSyslogPriority(text);
  if (!pri || text.charCodeAt(pri.next) !== 49 || text.charCodeAt(pri.next + 1) !== 32) return undefined;
  let at = pri.next + 2;
  const fields: string[] = [];
  for (let f = 0; f < 5; f++) {
    const space = text.indexOf(' ', at);
    if (space < 0) return undefined;
    fields.push(text.slice(at, space));
    at = space + 1;
  }
  const [time, host, app, procId, msgId] = fields as [string, string, string, string, string];
  const attributes: Record<string, string> = { facility: String(pri.facility) };
  if (host !== '-') attributes.host = host;
  if (procId !== '-') attributes.pid = procId;
  if (msgId !== '-') attributes.msgid = msgId;
  at = readStructuredData(text, at, attributes);
  if (text.charCodeAt(at) === 32) at++;
  let message = text.slice(at);
  if (message.startsWith('\uFEFF')) message = message.slice(1);
  const record: { -readonly [K in keyof ParsedRecord]: ParsedRecord[K] } = {
    level: levelFromSyslogSeverity(pri.severity),
    message,
    attributes,
    format: 'syslog-rfc5424',
  };
  const timestamp = time === '-' ? undefined : parse(time);
  if (timestamp !== undefined) record.timestamp = timestamp;
  if (app !== '-') record.component = app;
  return record;
}

function readStructuredData(text: string, start: number, attributes: Record<string, string>): number {
  if (text.charCodeAt(start) === 45) return start + 1;
  let at = start;
  while (text.charCodeAt(at) === 91) {
    const close = findClose(text, at);
    if (close < 0) return at;
    const body = text.slice(at + 1, close);
    const space = body.indexOf(' ');
    const id = space < 0 ? body : body.slice(0, space);
    for (const m of body.matchAll(/([^\s=]+)="((?:[^"\\]|\\.)*)"/g)) {
      attributes[`${id}.${m[1]!}`] = m[2]!.replace(/\\(.)/g, '$1');
    }
    at = close + 1;
  }
  return at;
}

function findClose(text: string, open: number): number {
  let quoted = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) quoted = !quoted;
    else if (c === 93 && !quoted) return i;
  }
  return -1;
}
