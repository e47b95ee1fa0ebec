import { createLogPipeline } from '@loglens/logparse';
import type { ProcessedRecord } from '@loglens/logparse';
import type { AnomalyEvent } from '../src/index.js';

/**
 * The benchmark's parse step: the real parsing engine (format detection, header fields, redaction, online
 * template mining), one pipeline per call, fed one framed line at a time as a shipper would send them.
 * Parameters are materialised here so that throughput figures measure the detectors alone.
 */
export function parseLines(lines: readonly string[], source: string): AnomalyEvent[] {
  const pipeline = createLogPipeline();
  const out: AnomalyEvent[] = [];
  lines.forEach((text, i) => {
    const r = pipeline.processRecord({
      text,
      lineNumber: i + 1,
      lineCount: 1,
      truncated: false,
      invalidUtf8: 0,
    });
    if (r) out.push(toEvent(r, source));
  });
  for (const r of pipeline.end()) out.push(toEvent(r, source));
  return out;
}

/**
 * One processed record as an engine event. Its sequence is the 0-based line index, so results line up with the
 * input; the miner's template change is passed on so learned state follows generalised templates.
 */
export function toEvent(r: ProcessedRecord, source: string): AnomalyEvent {
  const { record, parsed, match } = r;
  return {
    ...(parsed.timestamp !== undefined ? { timestamp: parsed.timestamp } : {}),
    sequence: record.lineNumber - 1,
    source,
    templateId: match.templateId,
    template: match.template,
    level: parsed.level,
    params: [...match.params],
    ...(parsed.traceId !== undefined ? { traceId: parsed.traceId } : {}),
    ...(match.change ? { change: match.change } : {}),
  };
}
