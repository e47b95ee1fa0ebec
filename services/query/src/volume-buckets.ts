/** The bucket widths the server picks from, in milliseconds: 1m, 5m, 15m, 1h, 6h, 1d. */
export const STEP_LADDER_MS: readonly number[] = [
  60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000,
];

/** The rollup is per minute: a step must be a whole number of minutes. */
export const MIN_STEP_MS = 60_000;

/** Most buckets one series may have (a request with a finer step is refused). */
export const MAX_BUCKETS = 10_000;

/** Most buckets the server aims for when it picks the step. */
export const TARGET_MAX_BUCKETS = 300;

/** The smallest step of the ladder giving at most {@link TARGET_MAX_BUCKETS} buckets (1d at most). */
export function chooseStep(rangeMs: number): number {
  for (const step of STEP_LADDER_MS) {
    if (Math.ceil(rangeMs / step) <= TARGET_MAX_BUCKETS) return step;
  }
  return STEP_LADDER_MS[STEP_LADDER_MS.length - 1] ?? 86_400_000;
}

/** Why a requested step is refused, or undefined when it is fine for the range. */
export function stepProblem(stepMs: number, rangeMs: number): string | undefined {
  if (!Number.isFinite(stepMs) || stepMs < MIN_STEP_MS || stepMs % MIN_STEP_MS !== 0) {
    return 'must be a whole number of minutes, at least 1m';
  }
  if (Math.ceil(rangeMs / stepMs) > MAX_BUCKETS)
    return `gives more than ${MAX_BUCKETS} buckets for the range`;
  return undefined;
}

/** Bucket starts (epoch ms) covering [startMs, endMs), aligned to multiples of the step since the epoch. */
export function bucketStarts(startMs: number, endMs: number, stepMs: number): number[] {
  const starts: number[] = [];
  for (let t = Math.floor(startMs / stepMs) * stepMs; t < endMs; t += stepMs) starts.push(t);
  return starts;
}

/** Counts at every bucket start, 0 where `counts` has none. */
export function zeroFilled(
  buckets: readonly number[],
  counts: ReadonlyMap<number, number>,
): { timeMs: number; count: number }[] {
  return buckets.map((timeMs) => ({ timeMs, count: counts.get(timeMs) ?? 0 }));
}
