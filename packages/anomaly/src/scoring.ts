import type { Level, Severity } from './types.js';

/**
 * Default significance level: a finding is an anomaly when what was observed happens less than once in a
 * hundred learned cases. Chosen a priori as the conventional 1% level, never fitted to labels.
 */
export const DEFAULT_ALPHA = 0.01;

/** Default decision threshold on scores: score 0.5 is exactly p = alpha. */
export const DEFAULT_THRESHOLD = 0.5;

/**
 * Maps a tail probability to a score in [0, 1] on a log scale: p = alpha gives 0.5, p = alpha² gives 1.
 * The log scale keeps "one in a million" visibly stronger than "one in a hundred".
 */
export function pValueToScore(p: number, alpha: number = DEFAULT_ALPHA): number {
  if (!(p < 1)) return 0;
  if (p <= 0) return 1;
  const s = Math.log(p) / (2 * Math.log(alpha));
  return s > 1 ? 1 : s < 0 ? 0 : s;
}

/**
 * How much a line's level counts for event-level novelty. Info and below stay under the threshold on their
 * own: a new info pattern is reported as information, a new error pattern as an anomaly.
 */
export const LEVEL_WEIGHT: Readonly<Record<Level, number>> = {
  trace: 0.4,
  debug: 0.4,
  info: 0.45,
  warn: 0.75,
  error: 1,
  fatal: 1,
  unknown: 0.75,
};

/** Severity from a score: critical from 0.8, warning from the threshold, info below. */
export function severityOf(score: number, threshold: number = DEFAULT_THRESHOLD): Severity {
  if (score >= Math.max(0.8, threshold)) return 'critical';
  if (score >= threshold) return 'warning';
  return 'info';
}

/** Sorts findings or results strongest first (stable for equal scores). */
export function byScore(a: { readonly score: number }, b: { readonly score: number }): number {
  return b.score - a.score;
}
