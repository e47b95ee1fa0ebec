import type { FormatKind, ParsedRecord } from '../types.js';
import { parseAccessLog } from './access-log-format.js';
import { readCriLine, readDockerLine, type ContainerLine } from './container-format.js';
import { HeaderFields } from './header/header-fields.js';
import { compileHeaderScanner, type HeaderScanner } from './header/header-matcher.js';
import type { HeaderSchema } from './header/header-schema.js';
import { learnHeader } from './header/learn-header.js';
import { messageStart } from './message-start.js';
import { parseJsonRecord } from './json-format.js';
import { levelFromSyslogSeverity } from './level.js';
import { parseLogfmtRecord } from './logfmt-format.js';
import { sniffFormat } from './sniff.js';
import { resolveSourceParserOptions, type SourceParserOptions } from './source-parser-options.js';
import { parseSyslog5424, readSyslogPriority } from './syslog-format.js';
import { createTimeZone } from './time-zone.js';
import { createTimestampParser } from './timestamp.js';

/** What a source parser has learned. */
export interface LearnedFormat {
  readonly format: FormatKind | undefined;
  readonly header: HeaderSchema | undefined;
  /** Times the format was learned again after the source changed shape. */
  readonly relearned: number;
}

/** Parses the records of one source, learning its format from the first ones and re-learning on change. */
export interface SourceParser {
  /**
   * Splits a record into header fields and message. Undefined only for a partial container line (CRI `P`,
   * Docker without a final newline), which is held and joined to the lines that complete it.
   */
  parse(text: string): ParsedRecord | undefined;
  /**
   * Learns from records ahead of parsing them (for callers holding a batch), so the first records are parsed
   * with what the whole sample shows instead of what their predecessors showed. The records must be the next
   * ones given to `parse`, in order; a no-op once the sample is complete.
   */
  prime(texts: readonly string[]): void;
  /** Emits a held partial container line. */
  flush(): ParsedRecord[];
  /** The format learned so far. */
  learned(): LearnedFormat;
}

function firstLineOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline < 0 ? text : text.slice(0, newline);
}

const HELD: unique symbol = Symbol('held');
type Outcome = ParsedRecord | typeof HELD | undefined;

/** Creates a parser for one source (one stream of records of the same application). */
export function createSourceParser(options: SourceParserOptions = {}): SourceParser {
  return createParser(options, true);
}

function createParser(options: SourceParserOptions, unwrapContainers: boolean): SourceParser {
  const cfg = resolveSourceParserOptions(options);
  const parseTime = createTimestampParser({
    zone: createTimeZone(cfg.timeZone),
    reference: cfg.referenceTime,
  });
  const samples: string[] = [];
  const recent: string[] = [];
  let recentAt = 0;
  let kind: FormatKind | undefined = cfg.format === 'auto' ? undefined : cfg.format;
  let schema: HeaderSchema | undefined;
  let matcher: HeaderScanner | undefined;
  // Rewritten by every header scan: the record built from it takes its values.
  const fields = new HeaderFields();
  let missRun = 0;
  let relearned = 0;
  // Lines `prime` added to the sample ahead of their `parse`, which must not add them again.
  let primed = 0;
  let inner: SourceParser | undefined;
  let held: { parts: string[]; length: number; wrapper: ContainerLine } | undefined;

  function learn(lines: readonly string[]): void {
    if (cfg.format === 'auto') kind = majority(lines.map(sniffFormat));
    if (kind === 'text-header' || kind === 'plain' || kind === 'apache-error') {
      schema = learnHeader(lines, parseTime);
      if (schema && schema.coverage < 0.5) schema = undefined;
      if (cfg.format === 'auto') kind = schema ? labelOf(schema, lines) : 'plain';
    } else if (kind === 'syslog-rfc3164') {
      schema = learnHeader(
        lines.map((l) => l.slice(readSyslogPriority(l)?.next ?? 0)),
        parseTime,
      );
    } else schema = undefined;
    matcher = schema && compileHeaderScanner(schema, parseTime);
  }

  function parseAs(format: FormatKind, text: string): Outcome {
    switch (format) {
      case 'json':
        return parseJsonRecord(text, parseTime, cfg.maxAttributes);
      case 'logfmt':
        return parseLogfmtRecord(text, parseTime, cfg.maxAttributes);
      case 'syslog-rfc5424':
        return parseSyslog5424(text, parseTime);
      case 'syslog-rfc3164':
        return parseSyslog3164(text);
      case 'access-log':
        return parseAccessLog(text, parseTime);
      case 'cri':
      case 'docker-json': {
        if (!unwrapContainers) return undefined;
        const wrapper = format === 'cri' ? readCriLine(text) : readDockerLine(text);
        return wrapper && unwrap(wrapper);
      }
      default:
        return parseHeader(text, format);
    }
  }

  function parseHeader(text: string, format: FormatKind): ParsedRecord | undefined {
    const headerEnd = matcher === undefined ? -1 : matcher(text, fields);
    if (headerEnd < 0) return undefined;
    const { start, level } = messageStart(text, headerEnd, fields.level);
    fields.level = level;
    return headerRecord(
      fields,
      text.slice(start),
      fields.attributes,
      format === 'plain' ? 'text-header' : format,
    );
  }

  function parseSyslog3164(text: string): ParsedRecord | undefined {
    const pri = readSyslogPriority(text);
    if (!pri) return undefined;
    const body = text.slice(pri.next);
    const messageStart = matcher === undefined ? -1 : matcher(body, fields);
    const matched = messageStart >= 0;
    const attributes = { ...(matched ? fields.attributes : undefined), facility: String(pri.facility) };
    const level = levelFromSyslogSeverity(pri.severity);
    if (!matched) return { level, message: body, attributes, format: 'syslog-rfc3164' };
    fields.level = level;
    return headerRecord(fields, body.slice(messageStart), attributes, 'syslog-rfc3164');
  }

  function unwrap(wrapper: ContainerLine): Outcome {
    if (wrapper.partial) {
      held ??= { parts: [], length: 0, wrapper };
      if (held.length < cfg.maxJoinedLength) {
        const part = wrapper.content.slice(0, cfg.maxJoinedLength - held.length);
        held.parts.push(part);
        held.length += part.length;
      }
      return HELD;
    }
    const first = held?.wrapper ?? wrapper;
    const content = held
      ? held.parts.join('') + wrapper.content.slice(0, cfg.maxJoinedLength - held.length)
      : wrapper.content;
    held = undefined;
    return merge(first, content);
  }

  function merge(wrapper: ContainerLine, content: string): ParsedRecord {
    inner ??= createParser({ ...options, format: 'auto' }, false);
    const record = inner.parse(content)!;
    const timestamp = record.timestamp ?? parseTime(wrapper.time);
    return {
      ...record,
      ...(timestamp === undefined ? {} : { timestamp }),
      attributes: { ...record.attributes, stream: wrapper.stream, 'format.inner': record.format },
      format: wrapper.format,
    };
  }

  function fallback(text: string, line: string): Outcome {
    const sniffed = sniffFormat(line);
    if (sniffed !== kind && sniffed !== 'text-header') {
      const outcome = parseAs(sniffed, text);
      if (outcome !== undefined) return outcome;
    }
    if (kind !== 'text-header' && kind !== 'apache-error' && matcher) {
      const record = parseHeader(text, 'text-header');
      if (record) return record;
    }
    return { level: 'unknown', message: text, attributes: {}, format: 'plain' };
  }

  function remember(line: string): void {
    if (recent.length < cfg.sampleSize) recent.push(line);
    else recent[recentAt] = line;
    recentAt = (recentAt + 1) % cfg.sampleSize;
  }

  return {
    parse(text) {
      const line = firstLineOf(text);
      if (primed > 0) primed--;
      else if (samples.length < cfg.sampleSize) {
        samples.push(line);
        // Learn early (so the first records are parsed too) and again as the sample grows.
        if ((samples.length & (samples.length - 1)) === 0 || samples.length === cfg.sampleSize)
          learn(samples);
      }
      remember(line);
      let outcome = kind === undefined ? undefined : parseAs(kind, text);
      if (outcome === undefined) {
        missRun++;
        if (missRun >= cfg.relearnAfter && samples.length >= cfg.sampleSize) {
          learn(recent);
          relearned++;
          missRun = 0;
        }
        outcome = fallback(text, line);
      } else missRun = 0;
      return outcome === HELD ? undefined : outcome;
    },
    prime(texts) {
      if (samples.length >= cfg.sampleSize || primed > 0) return;
      for (const text of texts) {
        if (samples.length >= cfg.sampleSize) break;
        samples.push(firstLineOf(text));
        primed++;
      }
      if (primed > 0) learn(samples);
    },
    flush() {
      if (!held) return [];
      const { wrapper, parts } = held;
      held = undefined;
      return [merge(wrapper, parts.join(''))];
    },
    learned: () => ({ format: kind, header: schema, relearned }),
  };
}

/**
 * A record from scanned header fields. Each combination of the optional fields is one object literal, so
 * records get their final shape at once (instead of growing), with keys in the order they always had.
 */
function headerRecord(
  fields: HeaderFields,
  message: string,
  attributes: Readonly<Record<string, string>>,
  format: FormatKind,
): ParsedRecord {
  const { timestamp, level, component } = fields;
  if (timestamp === undefined) {
    return component === undefined
      ? { level, message, attributes, format }
      : { level, message, attributes, format, component };
  }
  return component === undefined
    ? { level, message, attributes, format, timestamp }
    : { level, message, attributes, format, timestamp, component };
}

/** `apache-error` for a bracketed weekday date then a bracketed level (`[Sun Dec 04 ...] [error]`). */
function labelOf(schema: HeaderSchema, lines: readonly string[]): FormatKind {
  const [first, second] = schema.columns;
  const weekday = /^\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) /.test(lines[0] ?? '');
  return weekday && first?.bracket && first.kind === 'datetime' && second?.bracket && second.kind === 'level'
    ? 'apache-error'
    : 'text-header';
}

function majority(kinds: readonly FormatKind[]): FormatKind {
  const counts = new Map<FormatKind, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  let best: FormatKind = 'plain';
  let bestCount = 0;
  for (const [k, n] of counts) if (n > bestCount) [best, bestCount] = [k, n];
  return best;
}
