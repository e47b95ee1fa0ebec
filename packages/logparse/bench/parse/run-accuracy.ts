import { scoreAccuracy, type AccuracyScores } from '../../src/mining/evaluation/accuracy-metrics.js';
import { contentRunner, type LineRunner } from './raw-pipeline.js';

/** The final template of every line of one dataset, and the scores they earn. */
export interface AccuracyRun {
  readonly scores: AccuracyScores;
  readonly templateIds: readonly string[];
  readonly templates: readonly string[];
  readonly templateCount: number;
}

/**
 * Mines the lines with a fresh engine and scores each line's FINAL template: a group may be generalised
 * after a line joined it, so lines are tracked by group and resolved once the stream has ended (as Loghub
 * evaluates Drain).
 */
export function runAccuracy(
  lines: readonly string[],
  truth: readonly string[],
  runner: LineRunner = contentRunner(),
): AccuracyRun {
  const groups = lines.map((l) => runner.feed(l));
  const finals = groups.map((g) => (g === undefined ? undefined : runner.miner.resolve(g)));
  const templates = finals.map((f) => f?.template ?? '');
  const templateIds = finals.map((f) => f?.templateId ?? '');
  return {
    scores: scoreAccuracy(truth, templates),
    templateIds,
    templates,
    templateCount: new Set(templates).size,
  };
}

/** Mean of each score over datasets. */
export function averageScores(all: readonly AccuracyScores[]): AccuracyScores {
  const mean = (k: keyof AccuracyScores): number =>
    all.length === 0 ? 0 : all.reduce((s, x) => s + x[k], 0) / all.length;
  return { GA: mean('GA'), PA: mean('PA'), FGA: mean('FGA'), FTA: mean('FTA') };
}
