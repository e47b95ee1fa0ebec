/** Precision, recall and F1 of binary predictions. */
export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/** Scores predictions against labels (true = anomalous). */
export function prf(predicted: readonly boolean[], labels: readonly boolean[]): Prf {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  predicted.forEach((p, i) => {
    const l = labels[i] ?? false;
    if (p && l) tp++;
    else if (p) fp++;
    else if (l) fn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { precision: r4(precision), recall: r4(recall), f1: r4(f1Of(precision, recall)), tp, fp, fn };
}

/** Harmonic mean of precision and recall (0 when both are 0). */
export function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Rounds a figure to 4 decimals for reports. */
export function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** One line of text for a P/R/F1 figure. */
export function formatPrf(name: string, m: Prf): string {
  return `${name.padEnd(34)} P ${m.precision.toFixed(3)}  R ${m.recall.toFixed(3)}  F1 ${m.f1.toFixed(3)}  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
}

/** A scored unit for `--dump`. */
export interface ScoredRow {
  readonly key: string;
  readonly score: number;
  readonly predicted: boolean;
  readonly label: boolean;
}
