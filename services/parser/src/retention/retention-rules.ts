import { addDays, DAY_MS, toDay, type Day } from '@loglens/platform';

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: DAY_MS,
  w: 7 * DAY_MS,
};
const RETENTION = /^(?:\d+(?:ms|s|m|h|d|w))+$/;
const PART = /(\d+)(ms|s|m|h|d|w)/g;

/** Parses a LogSource retention (`7d`, `2w`, `1d12h`) into milliseconds; undefined when malformed. */
export function parseRetention(text: string): number | undefined {
  if (!RETENTION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * (UNIT_MS[unit ?? ''] ?? 0);
  return total;
}

/** What one run of the retention job does, decided from the clock and the configured retentions. */
export interface RetentionPlan {
  /** The longest retention in force: a day partition is archived and dropped once it is entirely older. */
  readonly longestMs: number;
  /** Day partitions to archive then drop, oldest first. */
  readonly dropDays: readonly Day[];
  /** Rows older than this may belong to a source with a shorter retention and are looked at one by one. */
  readonly shortestCutoff: Date;
}

/** Inputs of {@link planRetention}. */
export interface RetentionInputs {
  readonly now: Date;
  /** Days that have a `log_events` partition. */
  readonly days: readonly Day[];
  /** Retention of sources without a LogSource. */
  readonly defaultMs: number;
  /** Retention per source (`<namespace>/<name>`), from the LogSource documents. */
  readonly sourceRetentions: ReadonlyMap<string, number>;
}

/**
 * The rule that maps per-source retention onto day partitions, which hold every source: a partition is dropped
 * (after archiving) when its whole day is older than the longest retention of any source or the default; rows of
 * sources whose retention is shorter are deleted before that, row by row (see {@link retentionOf}).
 */
export function planRetention(inputs: RetentionInputs): RetentionPlan {
  const retentions = [inputs.defaultMs, ...inputs.sourceRetentions.values()];
  const longestMs = Math.max(...retentions);
  const shortestMs = Math.min(...retentions);
  const cutoff = inputs.now.getTime() - longestMs;
  // A day [D, D+1) is entirely older than the cutoff when its end is at or before it.
  const dropDays = [...inputs.days]
    .sort()
    .filter((day) => Date.parse(`${addDays(day, 1)}T00:00:00Z`) <= cutoff);
  return { longestMs, dropDays, shortestCutoff: new Date(inputs.now.getTime() - shortestMs) };
}

/** The retention of one source: its LogSource's, or the default when it has none. */
export function retentionOf(
  source: string,
  sourceRetentions: ReadonlyMap<string, number>,
  defaultMs: number,
): number {
  return sourceRetentions.get(source) ?? defaultMs;
}

/** Object name of a day's archive: `log_events-YYYYMMDD.jsonl.gz`, with `-<n>` for a later copy of the day. */
export function archiveName(day: Day, copy = 0): string {
  const stem = `log_events-${toDay(day).replaceAll('-', '')}`;
  return copy === 0 ? `${stem}.jsonl.gz` : `${stem}-${copy}.jsonl.gz`;
}
