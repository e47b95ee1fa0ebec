import type { LogPipeline, LogRecord, ProcessedRecord } from '@loglens/logparse';
import { timestampToMillis, type LogLine, type RawBatch } from '@loglens/proto';
import { eventLevel, type EventRow } from './event-row.js';
import { eventTime, type EventTimePolicy } from './event-time.js';
import { generalisations, type Generalisation } from './generalisations.js';
import { groupLines } from './record-grouping.js';
import type { SourceSettings } from './source-settings.js';

/** The pipeline of one (tenant, source) with the settings it was built from. */
export interface SourcePipeline {
  readonly pipeline: LogPipeline;
  readonly settings: SourceSettings;
}

/** The events made of one raw batch. */
export interface ParsedRawBatch {
  /** The raw batch's message id. */
  readonly id: string;
  readonly tenantId: string;
  readonly source: string;
  /** Lines the batch carried (records may be fewer: multiline records are joined). */
  readonly lines: number;
  readonly events: readonly EventRow[];
  /** The templates the miner generalised while parsing the batch, once each, in the order it did. */
  readonly generalisations: readonly Generalisation[];
}

/** Attribute holding the event time that was replaced by the receive time, as ISO 8601. */
export const ORIGINAL_TIME_ATTRIBUTE = 'loglens.original_time';

/** The message id ingest gives a batch: `<tenant>:<source>:<stream>:<sequence>`. */
export function rawBatchId(batch: Pick<RawBatch, 'tenantId' | 'source' | 'stream' | 'sequence'>): string {
  return `${batch.tenantId}:${batch.source}:${batch.stream}:${batch.sequence}`;
}

function lineMillis(line: LogLine | undefined): number | undefined {
  return line?.time ? timestampToMillis(line.time) : undefined;
}

type Attributes = Readonly<Record<string, string>>;

/**
 * The attributes of an event, later sources winning. `Object.assign` is ten times faster than spreading
 * objects here, but it would set the prototype on a `__proto__` key, which a JSON log may carry: such
 * records take the spread, which keeps it as a plain attribute.
 */
function mergeAttributes(parsed: Attributes, line: Attributes, labels: Attributes): Record<string, string> {
  if (
    Object.hasOwn(parsed, '__proto__') ||
    Object.hasOwn(line, '__proto__') ||
    Object.hasOwn(labels, '__proto__')
  ) {
    return { ...parsed, ...line, ...labels };
  }
  return Object.assign({}, parsed, line, labels);
}

/**
 * Parses every line of a raw batch with its source's pipeline. Records never span batches: a partial
 * container line still held at the end of the batch is emitted with it. Event ids are `<id>/<record index>`.
 */
export function parseRawBatch(
  batch: RawBatch,
  id: string,
  source: SourcePipeline,
  policy: EventTimePolicy,
  nowMs: number,
): ParsedRawBatch {
  const receivedMs = batch.receivedAt ? timestampToMillis(batch.receivedAt) : nowMs;
  const { pipeline, settings } = source;
  const events: EventRow[] = [];
  const add = (processed: ProcessedRecord): void => {
    const line = batch.lines[processed.record.lineNumber - 1];
    events.push(toEventRow(processed, line, `${id}/${events.length}`));
  };
  const toEventRow = (processed: ProcessedRecord, line: LogLine | undefined, eventId: string): EventRow => {
    const { parsed, match } = processed;
    const time = eventTime(parsed.timestamp, lineMillis(line), receivedMs, policy);
    const attributes = mergeAttributes(parsed.attributes, line?.attributes ?? {}, settings.labels);
    if (parsed.component !== undefined) attributes.component = parsed.component;
    if (line?.sourceHint) attributes['source.hint'] = line.sourceHint;
    if (time.clampedFrom !== undefined) {
      attributes[ORIGINAL_TIME_ATTRIBUTE] = new Date(time.clampedFrom).toISOString();
    }
    const change = match.change;
    const generalised = change?.kind === 'generalised' ? change : undefined;
    // Every row gets every key (absent ones undefined): one object shape keeps the code that reads rows fast.
    return {
      id: eventId,
      tenantId: batch.tenantId,
      source: batch.source,
      ts: time.ms,
      level: eventLevel(parsed.level, line?.levelHint ?? 0),
      templateId: match.templateId,
      template: match.template,
      previousTemplateId: generalised?.previousId,
      mergedTemplateIds: generalised?.mergedIds,
      message: parsed.message,
      params: match.params.map((p) => p.value),
      attributes,
      traceId: parsed.traceId || undefined,
    };
  };
  const records: LogRecord[] = [];
  for (const group of groupLines(
    batch.lines.map((l) => l.text),
    settings.framing,
  )) {
    records.push({
      text: group.text,
      lineNumber: group.first + 1,
      lineCount: group.lineCount,
      truncated: false,
      invalidUtf8: 0,
    });
  }
  // As a batch, so a new source's format is learned from the whole batch before its first line is parsed.
  for (const processed of pipeline.processRecords(records)) add(processed);
  // The pipeline's own framer is unused (lines arrive framed), so `end` only releases a held partial line.
  for (const processed of pipeline.end()) add(processed);
  return {
    id,
    tenantId: batch.tenantId,
    source: batch.source,
    lines: batch.lines.length,
    events,
    generalisations: generalisations(events),
  };
}
