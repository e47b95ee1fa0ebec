import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SessionModel } from '../src/index.js';
import type { SessionDetectorName, SessionInput } from '../src/index.js';
import { parseCsv } from './csv.js';
import { prf } from './metrics.js';
import type { Prf, ScoredRow } from './metrics.js';

/** A labelled HDFS session from the derived CSV. */
export interface LabelledSession {
  readonly input: SessionInput;
  readonly label: boolean;
  readonly split: string;
}

/** Reads `derived/hdfs_100k_sessions.csv`: templates are the event ids. */
export function readHdfsSessions(dir: string): LabelledSession[] {
  const rows = parseCsv(readFileSync(join(dir, 'derived', 'hdfs_100k_sessions.csv'), 'utf8'));
  return rows.map((r) => ({
    input: {
      key: r.BlockId ?? '',
      source: 'hdfs',
      templateIds: (r.EventSequence ?? '').split(' ').filter(Boolean),
    },
    label: r.Label === 'Anomaly',
    split: r.Split ?? '',
  }));
}

/** Result of fitting on some sessions and scoring others. */
export interface FitScore {
  readonly metrics: Prf;
  readonly rows: ScoredRow[];
  /** Share of predicted anomalies per leading finding kind. */
  readonly kinds: Record<string, number>;
}

/** Fits a fresh model on `train` (labels unused) and scores `test`. */
export function fitAndScore(
  train: readonly LabelledSession[],
  test: readonly LabelledSession[],
  detectors?: readonly SessionDetectorName[],
): FitScore {
  const model = new SessionModel(detectors ? { detectors } : {});
  for (const s of train) model.learn(s.input);
  const rows: ScoredRow[] = [];
  const kinds: Record<string, number> = {};
  for (const s of test) {
    const r = model.score(s.input);
    rows.push({ key: s.input.key, score: r.score, predicted: r.anomalous, label: s.label });
    if (r.anomalous && r.kind) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
  }
  return {
    metrics: prf(
      rows.map((r) => r.predicted),
      rows.map((r) => r.label),
    ),
    rows,
    kinds,
  };
}
