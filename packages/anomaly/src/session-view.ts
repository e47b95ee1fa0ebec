import type { TemplateIndex } from './template-index.js';
import type { AnomalyKind, Contribution } from './types.js';

/** A session as detectors see it: its template slots in order and their counts. */
export interface SessionView {
  readonly key: string;
  readonly slots: readonly number[];
  readonly counts: ReadonlyMap<number, number>;
}

/** A detector's raw result before scoring and feedback. */
export interface RawFinding {
  readonly kind: AnomalyKind;
  readonly pValue: number;
  readonly contributions: readonly Contribution[];
  readonly explanation: string;
  /** Impact weight multiplied into the score (1 when absent): how much the finding matters, beyond how sure. */
  readonly weight?: number;
}

/** Builds a view from slots. */
export function sessionView(key: string, slots: readonly number[]): SessionView {
  const counts = new Map<number, number>();
  for (const s of slots) counts.set(s, (counts.get(s) ?? 0) + 1);
  return { key, slots, counts };
}

/**
 * Templates whose count in the session departs most from the learned mean count per session, measured in
 * Poisson standard deviations, including expected templates that are missing.
 */
export function deviations(
  view: SessionView,
  index: TemplateIndex,
  expectedOf: (slot: number) => number,
  candidates: Iterable<number>,
  max = 3,
): Contribution[] {
  const rows: { slot: number; expected: number; actual: number; z: number }[] = [];
  const seen = new Set<number>();
  const consider = (slot: number): void => {
    if (seen.has(slot)) return;
    seen.add(slot);
    const expected = expectedOf(slot);
    const actual = view.counts.get(slot) ?? 0;
    const z = Math.abs(actual - expected) / Math.sqrt(expected + 1);
    if (z > 0) rows.push({ slot, expected, actual, z });
  };
  for (const slot of view.counts.keys()) consider(slot);
  for (const slot of candidates) consider(slot);
  rows.sort((a, b) => b.z - a.z);
  return rows.slice(0, max).map((r) => ({
    templateId: index.idOf(r.slot),
    template: index.templateOf(r.slot),
    expected: round(r.expected),
    actual: r.actual,
  }));
}

/** Rounds to 3 significant decimals for readable expected counts. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
