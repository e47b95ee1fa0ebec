import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fitAndScore } from './hdfs-sessions.js';
import { f1Of, r4 } from './metrics.js';
import type { FitScore, LabelledSession } from './hdfs-sessions.js';

/** Share of HDFS_1's 575,061 blocks that are anomalous (16,838): the base rate of the full log. */
export const HDFS_ANOMALY_RATE = 16_838 / 575_061;

const FOLDER = 'deeplog_format';

/** Whether `dir` holds the complete-session files (`deeplog_format/`). */
export function hasCompleteSessions(dir: string): boolean {
  return ['hdfs_train', 'hdfs_test_abnormal', 'robust_log_train.csv', 'robust_log_valid.csv'].every((f) =>
    existsSync(join(dir, FOLDER, f)),
  );
}

function session(name: string, sequence: string, label: boolean): LabelledSession {
  return {
    input: { key: name, source: 'hdfs', templateIds: sequence.trim().split(/\s+/).filter(Boolean) },
    label,
    split: '',
  };
}

/** One session per line, event numbers separated by spaces (DeepLog's files). */
function readSequences(file: string, label: boolean): LabelledSession[] {
  const name = basename(file);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l, i) => session(`${name}:${i + 1}`, l, label));
}

/** `Sequence,label` rows (LogRobust's files), label 1 = anomalous. */
function readLabelledCsv(file: string): LabelledSession[] {
  const name = basename(file);
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim().length > 0)
    .map((l, i) => {
      const comma = l.lastIndexOf(',');
      return session(`${name}:${i + 2}`, l.slice(0, comma), l.slice(comma + 1).trim() === '1');
    });
}

/** Figures of one fit, with the false-alarm rate and what precision it means at HDFS's own base rate. */
export interface CompleteFigures extends FitScore {
  readonly falsePositiveRate: number;
  readonly atBaseRate: { readonly precision: number; readonly f1: number };
}

/** Both evaluations on complete sessions of the full HDFS log. */
export interface CompleteSessionRun {
  readonly test: { readonly normal: number; readonly anomalous: number };
  readonly semiSupervised: CompleteFigures;
  readonly unsupervised: CompleteFigures;
}

/**
 * Complete sessions of the full HDFS log (`deeplog_format/`): the 100k cut ends many blocks before what made
 * them anomalous, these do not. Test: the 14,000 labelled sessions of LogRobust's two files (half anomalous).
 * Semi-supervised: fit on DeepLog's 4,855 normal training sessions. Unsupervised: fit without labels on those
 * plus the first anomalous sessions of `hdfs_test_abnormal`, as many as HDFS's base rate gives.
 * Precision at a 50% anomaly share flatters a detector, so each result also carries the false-alarm rate and
 * the precision and F1 those rates give at HDFS's base rate of 2.9%.
 */
export function runHdfsComplete(dir: string): CompleteSessionRun {
  const at = (f: string): string => join(dir, FOLDER, f);
  const normals = readSequences(at('hdfs_train'), false);
  const test = [
    ...readLabelledCsv(at('robust_log_train.csv')),
    ...readLabelledCsv(at('robust_log_valid.csv')),
  ];
  const mixedIn = Math.round((normals.length * HDFS_ANOMALY_RATE) / (1 - HDFS_ANOMALY_RATE));
  const anomalies = readSequences(at('hdfs_test_abnormal'), true).slice(0, mixedIn);
  const negatives = test.filter((s) => !s.label).length;
  const figures = (fit: FitScore): CompleteFigures => ({
    ...fit,
    ...baseRateFigures(fit.metrics.recall, fit.metrics.fp / negatives, HDFS_ANOMALY_RATE),
  });
  return {
    test: { normal: negatives, anomalous: test.length - negatives },
    semiSupervised: figures(fitAndScore(normals, test)),
    unsupervised: figures(fitAndScore(spreadInto(normals, anomalies), test)),
  };
}

/** `extra` spread evenly through `base`, so what is learned early and late sees the same mix. */
function spreadInto<T>(base: readonly T[], extra: readonly T[]): T[] {
  const out: T[] = [];
  let next = 0;
  base.forEach((item, i) => {
    while (next < extra.length && (next + 0.5) * base.length <= (i + 1) * extra.length)
      out.push(extra[next++] as T);
    out.push(item);
  });
  return [...out, ...extra.slice(next)];
}

/** Precision and F1 that a recall and false-alarm rate give when `rate` of the units are anomalous. */
export function baseRateFigures(
  recall: number,
  falsePositiveRate: number,
  rate: number,
): { falsePositiveRate: number; atBaseRate: { precision: number; f1: number } } {
  const found = recall * rate;
  const precision =
    found + falsePositiveRate * (1 - rate) === 0 ? 0 : found / (found + falsePositiveRate * (1 - rate));
  const f1 = f1Of(precision, recall);
  return { falsePositiveRate: r4(falsePositiveRate), atBaseRate: { precision: r4(precision), f1: r4(f1) } };
}
