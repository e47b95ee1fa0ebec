import type { AnomalyKind, AnomalyResult } from './types.js';

/** What an operator said about an anomaly. */
export type FeedbackVerdict = 'false-positive' | 'confirmed';

/** One piece of feedback: a pattern (kind + template) of a source, for a period. */
export interface FeedbackEntry {
  readonly source: string;
  /** Finding kind it applies to; every kind when absent. */
  readonly kind?: AnomalyKind;
  /** Template that led the finding. */
  readonly templateId: string;
  readonly verdict: FeedbackVerdict;
  /** Last instant it applies to, in the clock of scopes (epoch ms, or stream position); forever when absent. */
  readonly until?: number;
  /** Score multiplier for false positives: 0 suppresses, 0.2 (default) down-weights below the threshold. */
  readonly weight?: number;
}

/** Score floor of a confirmed pattern: it keeps alerting even after it became common. */
export const CONFIRMED_FLOOR = 0.9;

/** Default multiplier of a false positive's score. */
export const FALSE_POSITIVE_WEIGHT = 0.2;

/** Kinds that describe the same pattern from two angles share feedback (a new template is later a rare one). */
function family(kind: AnomalyKind): string {
  if (kind === 'new-template' || kind === 'rare-template') return 'novelty';
  if (kind === 'rate-spike' || kind === 'error-surge') return 'rate-up';
  if (kind === 'rate-drop' || kind === 'silence') return 'rate-down';
  return kind;
}

/** Builds feedback for a result's leading pattern. */
export function feedbackFor(result: AnomalyResult, verdict: FeedbackVerdict, until?: number): FeedbackEntry {
  const templateId = result.contributions[0]?.templateId ?? '';
  return {
    source: result.scope.source,
    ...(result.kind ? { kind: result.kind } : {}),
    templateId,
    verdict,
    ...(until !== undefined ? { until } : {}),
  };
}

/** Feedback entries by source, applied to later scores. */
export class FeedbackBook {
  private entries: FeedbackEntry[] = [];

  constructor(entries: readonly FeedbackEntry[] = []) {
    this.entries = [...entries];
  }

  /** Records feedback; a newer entry for the same pattern replaces the older one. */
  add(entry: FeedbackEntry): void {
    this.entries = this.entries.filter(
      (e) => !(e.source === entry.source && e.kind === entry.kind && e.templateId === entry.templateId),
    );
    this.entries.push(entry);
  }

  /** Feedback on templates that were generalised or merged now applies to the template they became. */
  rename(source: string, oldIds: readonly string[], newId: string): void {
    if (!this.has(source)) return;
    this.entries = this.entries.map((e) =>
      e.source === source && oldIds.includes(e.templateId) ? { ...e, templateId: newId } : e,
    );
  }

  /** Whether any feedback exists for a source (a fast path for the common case). */
  has(source: string): boolean {
    for (const e of this.entries) if (e.source === source) return true;
    return false;
  }

  /** Applies feedback to a finding's score at instant `at`. */
  adjust(
    source: string,
    kind: AnomalyKind,
    templateId: string | undefined,
    score: number,
    at: number,
  ): number {
    let out = score;
    for (const e of this.entries) {
      if (e.source !== source || e.templateId !== templateId) continue;
      if (e.kind !== undefined && family(e.kind) !== family(kind)) continue;
      if (e.until !== undefined && at > e.until) continue;
      out =
        e.verdict === 'confirmed'
          ? Math.max(out, CONFIRMED_FLOOR)
          : out * (e.weight ?? FALSE_POSITIVE_WEIGHT);
    }
    return out;
  }

  /** Drops entries that expired before `at`, keeping the book small. */
  expire(at: number): void {
    this.entries = this.entries.filter((e) => e.until === undefined || e.until >= at);
  }

  /** Plain JSON state. */
  toJSON(): readonly FeedbackEntry[] {
    return this.entries;
  }
}
