import type { FeedbackBook } from './feedback.js';
import { byScore, pValueToScore, severityOf } from './scoring.js';
import type { RawFinding } from './session-view.js';
import type { AnomalyResult, Finding, Scope } from './types.js';

/** Scoring settings shared by every detector. */
export interface ScoringOptions {
  /** Significance level; p = alpha scores 0.5. @default 0.01 */
  readonly alpha: number;
  /** Decision threshold on the combined score. @default 0.5 */
  readonly threshold: number;
}

/** Turns a raw finding into a scored one; `weight` and the finding's own weight scale the score. */
export function scoreFinding(raw: RawFinding, scoring: ScoringOptions, weight = 1): Finding {
  const score = pValueToScore(raw.pValue, scoring.alpha) * weight * (raw.weight ?? 1);
  // Written out rather than spread: one object shape for every finding, built on the hot path.
  return {
    kind: raw.kind,
    pValue: raw.pValue,
    contributions: raw.contributions,
    explanation: raw.explanation,
    score,
    severity: severityOf(score, scoring.threshold),
  };
}

/**
 * Combines findings into one result: feedback adjusts each finding, the combined score is the strongest
 * (so the explanation of the result is exactly the finding that made it an anomaly).
 */
export function combine(
  scope: Scope,
  findings: readonly Finding[],
  scoring: ScoringOptions,
  feedback?: FeedbackBook,
): AnomalyResult {
  let adjusted = findings;
  if (feedback?.has(scope.source)) {
    adjusted = findings.map((f) => {
      const score = feedback.adjust(scope.source, f.kind, f.contributions[0]?.templateId, f.score, scope.end);
      return score === f.score ? f : { ...f, score, severity: severityOf(score, scoring.threshold) };
    });
  }
  const sorted = [...adjusted].sort(byScore);
  const top = sorted[0];
  const score = top?.score ?? 0;
  return {
    kind: top?.kind,
    score,
    anomalous: score >= scoring.threshold,
    severity: severityOf(score, scoring.threshold),
    scope,
    contributions: top?.contributions ?? [],
    explanation: top?.explanation ?? `Nothing unusual in ${scope.kind} ${scope.key}.`,
    findings: sorted,
  };
}
