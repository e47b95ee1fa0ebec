import { readFileSync } from 'node:fs';
import { AnomalyEngine } from '../src/index.js';
import type { EngineOptions } from '../src/index.js';
import { prf } from './metrics.js';
import type { Prf, ScoredRow } from './metrics.js';
import { parseLines } from './parse-adapter.js';
import { measureEventsPerSec } from './throughput.js';

/** Lines per window in the raw benchmark. */
export const WINDOW_LINES = 20;
/** Share of the stream used only for learning. */
export const WARMUP_SHARE = 0.2;

/** Figures of the raw labelled benchmark. */
export interface RawFigures {
  readonly lines: Prf;
  readonly windows: Prf;
  readonly eventsPerSec: number;
  readonly lineRows: ScoredRow[];
  readonly windowRows: ScoredRow[];
}

/** Engine settings of online raw-log scoring: count windows (the samples are thinned, wall clock means little). */
export const RAW_OPTIONS: EngineOptions = { window: { by: 'count', size: WINDOW_LINES }, sessions: false };

/** Streams a labelled log (first token = label, `-` = normal) through parser and detectors, online. */
export function runRawLabelled(file: string, opts: { measure?: boolean } = {}): RawFigures {
  const all = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const labels = all.map((l) => !l.startsWith('- ') && l.split(' ', 1)[0] !== '-');
  // The label token is removed before anything else sees the line.
  const events = parseLines(
    all.map((l) => l.slice(l.indexOf(' ') + 1)),
    'raw',
  );
  const engine = new AnomalyEngine(RAW_OPTIONS);
  // Events carry their line index as sequence, so a line the parser held back cannot shift the labels.
  const lineScores = new Float64Array(all.length);
  for (const e of events) lineScores[e.sequence] = engine.process(e);
  engine.flush();
  const windowResults = engine.takeResults();
  const threshold = 0.5;
  const firstScored = Math.ceil(all.length * WARMUP_SHARE);
  const lineRows: ScoredRow[] = [];
  for (let i = firstScored; i < all.length; i++) {
    const score = lineScores[i] ?? 0;
    lineRows.push({ key: `line ${i + 1}`, score, predicted: score >= threshold, label: labels[i] ?? false });
  }
  const windowRows: ScoredRow[] = [];
  windowResults.forEach((r, w) => {
    const start = w * WINDOW_LINES;
    if (start < firstScored) return;
    const label = labels.slice(start, start + WINDOW_LINES).some(Boolean);
    windowRows.push({
      key: `lines ${start + 1}-${start + r.scope.events}`,
      score: r.score,
      predicted: r.anomalous,
      label,
    });
  });
  const metric = (rows: ScoredRow[]): Prf =>
    prf(
      rows.map((r) => r.predicted),
      rows.map((r) => r.label),
    );
  return {
    lines: metric(lineRows),
    windows: metric(windowRows),
    eventsPerSec: opts.measure === false ? 0 : measureEventsPerSec(events, RAW_OPTIONS),
    lineRows,
    windowRows,
  };
}
