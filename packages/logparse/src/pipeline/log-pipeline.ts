import { createSourceParser, type SourceParserOptions } from '../format/index.js';
import { createFramer, type FramerOptions, type FramerStats } from '../framing/index.js';
import {
  createTemplateMiner,
  type MatchResult,
  type MinerOptions,
  type MinerStats,
  type TemplateMiner,
} from '../mining/index.js';
import { createRedactor, type RedactionConfig } from '../redact/index.js';
import type { FormatKind, LogRecord, ParsedRecord } from '../types.js';

/** Settings of every stage; each is optional and has documented defaults in its own module. */
export interface LogPipelineOptions {
  readonly framing?: FramerOptions;
  readonly parsing?: SourceParserOptions;
  readonly redaction?: RedactionConfig;
  readonly mining?: MinerOptions;
  /** A miner to continue (e.g. `restoreTemplateMiner(snapshot)`) instead of a new one; `mining` is then unused. */
  readonly miner?: TemplateMiner;
  /**
   * Type every record's parameters while it is mined, from the scan its match used. Set it when `match.params`
   * of (nearly) every record is read, as by the anomaly engine or a store of events: read later, they cost a
   * second scan of the message. @default false
   */
  readonly extractParams?: boolean;
}

/** One record through every stage: its header fields, its redacted message, and its template. */
export interface ProcessedRecord {
  readonly record: LogRecord;
  readonly parsed: ParsedRecord;
  readonly match: MatchResult;
}

/** Counters of a pipeline since it was created. */
export interface LogPipelineStats {
  readonly framing: FramerStats;
  readonly formats: Readonly<Partial<Record<FormatKind, number>>>;
  readonly redactions: Readonly<Record<string, number>>;
  readonly mining: MinerStats;
}

/** The parsing engine for one source: frame ▸ detect format ▸ header fields ▸ redact ▸ mine template. */
export interface LogPipeline {
  /** Feeds raw bytes or text; returns the records completed so far. */
  push(chunk: Uint8Array | string): ProcessedRecord[];
  /** Processes one already-framed record (callers that receive lines, not bytes). */
  processRecord(record: LogRecord): ProcessedRecord | undefined;
  /**
   * Processes already-framed records in order. While the source's format is still being learned, it is
   * learned from these records before any of them is parsed.
   */
  processRecords(records: readonly LogRecord[]): ProcessedRecord[];
  /** Emits the record being assembled (a time-based flush by the caller). */
  flush(): ProcessedRecord[];
  /** Ends the stream and emits everything still pending. */
  end(): ProcessedRecord[];
  readonly miner: TemplateMiner;
  stats(): LogPipelineStats;
}

/**
 * The part of a message a template is mined from. A multiline record (a stack trace under its log line) is
 * mined by its first line: the trace's frames vary with the code path, not with the event, and would split
 * one event into as many templates as there are call sites. A first line of one token names a category or an
 * exception type rather than the event (.NET's console logger writes `Category[EventId]` there and the message
 * on the next line), so the next line joins it, unless that is a stack frame. The whole text stays in
 * `parsed.message`.
 */
function miningText(message: string): string {
  const end = message.indexOf('\n');
  if (end === -1) return message;
  const first = message.slice(0, end);
  if (/\s/.test(first.trim())) return first;
  const nextEnd = message.indexOf('\n', end + 1);
  const second = message.slice(end + 1, nextEnd === -1 ? message.length : nextEnd).trim();
  if (second === '' || second.startsWith('at ')) return first;
  return `${first} ${second}`;
}

/** Creates the parsing engine for one source; all state (learned format, templates) is its own. */
export function createLogPipeline(options: LogPipelineOptions = {}): LogPipeline {
  const framer = createFramer(options.framing);
  const parser = createSourceParser(options.parsing);
  const redactor = createRedactor(options.redaction);
  const miner = options.miner ?? createTemplateMiner(options.mining);
  const extractNow = options.extractParams ?? false;
  const formats: Partial<Record<FormatKind, number>> = {};
  // A partial container line is held by the parser until its end arrives; the record that completes it
  // stands for the joined record.
  let held: LogRecord | undefined;

  function finish(record: LogRecord, parsed: ParsedRecord): ProcessedRecord {
    formats[parsed.format] = (formats[parsed.format] ?? 0) + 1;
    const clean = redactor.redactRecord(parsed);
    return { record, parsed: clean, match: miner.add(miningText(clean.message), extractNow) };
  }

  function processRecord(record: LogRecord): ProcessedRecord | undefined {
    const parsed = parser.parse(record.text);
    if (parsed === undefined) {
      held ??= record;
      return undefined;
    }
    const first = held ?? record;
    held = undefined;
    return finish(
      first === record ? record : { ...first, lineCount: record.lineNumber - first.lineNumber + 1 },
      parsed,
    );
  }

  function processAll(records: readonly LogRecord[]): ProcessedRecord[] {
    if (records.length > 1) parser.prime(records.map((r) => r.text));
    const out: ProcessedRecord[] = [];
    for (const record of records) {
      const processed = processRecord(record);
      if (processed) out.push(processed);
    }
    return out;
  }

  function drainHeld(): ProcessedRecord[] {
    const pending = held;
    held = undefined;
    if (!pending) return [];
    return parser.flush().map((parsed) => finish(pending, parsed));
  }

  return {
    push: (chunk) => processAll(framer.push(chunk)),
    processRecord,
    processRecords: processAll,
    flush: () => processAll(framer.flush()),
    end: () => [...processAll(framer.end()), ...drainHeld()],
    miner,
    stats: () => ({
      framing: framer.stats(),
      formats: { ...formats },
      redactions: redactor.counts(),
      mining: miner.stats(),
    }),
  };
}
