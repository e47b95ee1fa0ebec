/** Day partitions of `log_events`: pure naming and date arithmetic, all in UTC. */

/** Milliseconds in a UTC day: a day partition's width. */
export const DAY_MS = 86_400_000;
const NAME_PATTERN = /^log_events_(\d{4})(\d{2})(\d{2})$/;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A UTC calendar day, as `YYYY-MM-DD`. */
export type Day = string;

/** The UTC day of an instant, or the day itself when given as `YYYY-MM-DD`. Throws on anything else. */
export function toDay(value: Date | string): Day {
  if (typeof value === 'string') {
    const match = DAY_PATTERN.exec(value);
    if (!match) throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(value)}`);
    const date = new Date(`${value}T00:00:00Z`);
    // Rejects 2024-02-30 and friends, which Date would silently roll over.
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
      throw new RangeError(`not a calendar day: ${value}`);
    }
    return value;
  }
  if (Number.isNaN(value.getTime())) throw new RangeError('invalid date');
  const iso = value.toISOString();
  // Years outside 0000-9999 come out as ±YYYYYY, which no partition name can hold.
  if (!DAY_PATTERN.test(iso.slice(0, 10))) throw new RangeError(`date out of range: ${iso}`);
  return iso.slice(0, 10);
}

/** The day `n` days after `day` (negative goes back). */
export function addDays(day: Day, n: number): Day {
  return toDay(new Date(Date.parse(`${toDay(day)}T00:00:00Z`) + n * DAY_MS));
}

/** `n` consecutive days starting at `from`. */
export function dayRange(from: Date | string, n: number): Day[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`days must be a non-negative integer, got ${n}`);
  const first = toDay(from);
  return Array.from({ length: n }, (_, i) => addDays(first, i));
}

/** Name of the partition that holds `day`: `log_events_YYYYMMDD`. */
export function partitionName(day: Date | string): string {
  return `log_events_${toDay(day).replaceAll('-', '')}`;
}

/** The day a partition name stands for, or undefined when the name is not a day partition's. */
export function partitionDay(name: string): Day | undefined {
  const match = NAME_PATTERN.exec(name);
  if (!match) return undefined;
  try {
    return toDay(`${match[1]}-${match[2]}-${match[3]}`);
  } catch {
    return undefined;
  }
}

/** Range bounds of a day's partition as UTC timestamptz literals: from inclusive, to exclusive. */
export function partitionBounds(day: Date | string): { from: string; to: string } {
  const d = toDay(day);
  return { from: `${d} 00:00:00+00`, to: `${addDays(d, 1)} 00:00:00+00` };
}
