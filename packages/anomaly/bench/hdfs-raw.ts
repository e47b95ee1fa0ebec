import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTO_SESSION_RULES, compileKeyRules, SessionModel, sessionKeysOf } from '../src/index.js';
import type { AnomalyEvent, SessionInput } from '../src/index.js';
import { parseCsv } from './csv.js';
import { prf } from './metrics.js';
import type { Prf, ScoredRow } from './metrics.js';
import { parseLines } from './parse-adapter.js';

/** Figures of the raw HDFS path. */
export interface HdfsRawFigures {
  readonly metrics: Prf;
  readonly rows: ScoredRow[];
  readonly sessions: number;
  readonly events: AnomalyEvent[];
}

/**
 * Parses `logai/HDFS_5k.log`, groups lines into sessions with the engine's automatic id rules (no block-id
 * regex is given), fits the session model on all sessions without labels and scores them.
 */
export function runHdfsRaw(dir: string): HdfsRawFigures {
  const lines = readFileSync(join(dir, 'logai', 'HDFS_5k.log'), 'utf8')
    .split(/\r?\n/)
    .filter(Boolean);
  const labels = new Map(
    parseCsv(readFileSync(join(dir, 'derived', 'anomaly_label.csv'), 'utf8')).map((r) => [
      r.BlockId ?? '',
      r.Label === 'Anomaly',
    ]),
  );
  const events = parseLines(lines, 'hdfs');
  const rules = compileKeyRules(AUTO_SESSION_RULES);
  const sessions = new Map<string, { ids: string[]; templates: string[] }>();
  for (const e of events) {
    for (const key of sessionKeysOf(e, rules) ?? []) {
      let s = sessions.get(key);
      if (!s) sessions.set(key, (s = { ids: [], templates: [] }));
      s.ids.push(e.templateId);
      s.templates.push(e.template);
    }
  }
  const inputs: SessionInput[] = [...sessions].map(([key, s]) => ({
    key,
    source: 'hdfs',
    templateIds: s.ids,
    templates: s.templates,
  }));
  const model = new SessionModel();
  for (const s of inputs) model.learn(s);
  const rows: ScoredRow[] = [];
  for (const s of inputs) {
    const label = labels.get(s.key);
    if (label === undefined) continue; // an id-like parameter that is not a block
    const r = model.score(s);
    rows.push({ key: s.key, score: r.score, predicted: r.anomalous, label });
  }
  return {
    metrics: prf(
      rows.map((r) => r.predicted),
      rows.map((r) => r.label),
    ),
    rows,
    sessions: rows.length,
    events,
  };
}
