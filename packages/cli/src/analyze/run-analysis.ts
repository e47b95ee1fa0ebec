import {
  AnomalyEngine,
  byPeak,
  byScore,
  EpisodeGrouper,
  type AnomalyResult,
  type Episode,
  type WindowOptions,
} from '@loglens/anomaly';
import {
  createLogPipeline,
  type FormatKind,
  type LogPipelineOptions,
  type ProcessedRecord,
} from '@loglens/logparse';
import type { AnalyzeInput } from './open-input.js';
import { markParams } from './mark-params.js';
import { TemplateReportBuilder, type TemplateRow } from './template-report.js';
import { VolumeTimelineBuilder, type VolumeTimeline } from './volume-timeline.js';

/** Settings of one analysis. */
export interface AnalyzeOptions {
  readonly pipeline?: LogPipelineOptions;
  /** Run the anomaly detectors. @default true */
  readonly anomalies?: boolean;
  /** Anomalous windows and sessions, and episodes, kept for the report, highest scores first. @default 50 */
  readonly maxAnomalies?: number;
}

/** Windows of the analysis: a minute of log time (of line numbers when the log has no timestamps). */
const WINDOW: WindowOptions = { by: 'time', size: 60_000 };
/** A new or rare template's recurrences this close (15 windows) are one episode. */
const RECURRENCE_GAP = 15 * WINDOW.size;

/** Everything `loglens analyze` reports about one input. */
export interface AnalysisReport {
  readonly input: string;
  readonly lines: number;
  readonly records: number;
  readonly seconds: number;
  readonly linesPerSecond: number;
  readonly templates: readonly TemplateRow[];
  readonly formats: Readonly<Partial<Record<FormatKind, number>>>;
  readonly redactions: Readonly<Record<string, number>>;
  readonly truncatedRecords: number;
  readonly invalidUtf8: number;
  readonly timeline?: VolumeTimeline;
  readonly anomalies: readonly AnomalyResult[];
  /** The anomalies as episodes: windows that tell the same story count once. */
  readonly episodes: readonly Episode[];
}

/** Receives progress while the input is read. */
export type ProgressCallback = (lines: number, bytesRead: number) => void;

/**
 * Adds `fresh` to `kept` and, once it holds twice `limit`, keeps the `limit` first in `order` (memory stays
 * bounded however many arrive; the final sort and cut happen at the end).
 */
function keepTop<T>(kept: T[], fresh: readonly T[], limit: number, order: (a: T, b: T) => number): void {
  kept.push(...fresh);
  if (kept.length > limit * 2) kept.splice(0, kept.length, ...kept.sort(order).slice(0, limit));
}

/**
 * Streams the input through the parsing engine and the anomaly detectors, in bounded memory: only counters,
 * templates, the timeline and the top anomalies are kept, never the lines.
 */
export async function runAnalysis(
  input: AnalyzeInput,
  options: AnalyzeOptions = {},
  onProgress?: ProgressCallback,
  now: () => number = () => performance.now(),
): Promise<AnalysisReport> {
  const started = now();
  const engine = options.anomalies === false ? undefined : new AnomalyEngine({ window: WINDOW });
  // The anomaly engine reads every line's parameters (for session keys): type them while each line is mined.
  const pipeline = createLogPipeline({ ...options.pipeline, extractParams: engine !== undefined });
  const templates = new TemplateReportBuilder();
  const timeline = new VolumeTimelineBuilder();
  const maxAnomalies = options.maxAnomalies ?? 50;
  const anomalies: AnomalyResult[] = [];
  const grouper = new EpisodeGrouper(WINDOW.size, { recurrenceGap: RECURRENCE_GAP });
  const episodes: Episode[] = [];
  const collect = (results: readonly AnomalyResult[]): void => {
    keepTop(
      anomalies,
      results.filter((r) => r.anomalous),
      maxAnomalies,
      byScore,
    );
    keepTop(episodes, grouper.add(results), maxAnomalies, byPeak);
  };

  const consume = (processed: readonly ProcessedRecord[]): void => {
    for (const { record, parsed, match } of processed) {
      templates.add({
        lineNumber: record.lineNumber,
        timestamp: parsed.timestamp,
        level: parsed.level,
        groupId: match.clusterId,
        message: parsed.message,
      });
      if (parsed.timestamp !== undefined) timeline.add(parsed.timestamp, parsed.level);
      engine?.process({
        timestamp: parsed.timestamp,
        sequence: record.lineNumber,
        source: input.name,
        templateId: match.templateId,
        template: match.template,
        level: parsed.level,
        params: match.params,
        change: match.change,
      });
    }
    if (engine) collect(engine.takeResults());
  };

  for await (const chunk of input.chunks) {
    consume(pipeline.push(chunk));
    onProgress?.(pipeline.stats().framing.lines, input.bytesRead());
  }
  consume(pipeline.end());
  engine?.flush();
  if (engine) collect(engine.takeResults());
  keepTop(episodes, grouper.flush(), maxAnomalies, byPeak);

  const stats = pipeline.stats();
  const seconds = Math.max((now() - started) / 1000, 1e-6);
  const resolve = (groupId: number): { templateId: string; template: string } | undefined =>
    pipeline.miner.resolve(groupId);
  const rows = templates
    .build(resolve)
    .map((row) => ({ ...row, example: markParams(row.template, row.example) }));
  return {
    input: input.name,
    lines: stats.framing.lines,
    records: templates.lines,
    seconds,
    linesPerSecond: stats.framing.lines / seconds,
    templates: rows,
    formats: stats.formats,
    redactions: stats.redactions,
    truncatedRecords: stats.framing.truncatedRecords,
    invalidUtf8: stats.framing.invalidUtf8,
    timeline: timeline.build(),
    anomalies: anomalies.sort(byScore).slice(0, maxAnomalies),
    episodes: episodes.sort(byPeak).slice(0, maxAnomalies),
  };
}
