/** Retry timing of the InfluxDB writer: pure functions, so the schedule is tested without waiting. */

/** Settings of the exponential backoff. */
export interface BackoffSettings {
  /** Delay scale of the first retry, in ms; each further attempt doubles it. */
  readonly baseMs: number;
  /** No delay exceeds this, Retry-After included. */
  readonly maxMs: number;
}

/**
 * Delay before retry number `attempt` (1 for the first retry): exponential with "equal jitter", i.e. a
 * random value between half and all of `min(maxMs, baseMs * 2^(attempt-1))`. The jitter spreads out the
 * writers that all failed at the same moment; the fixed half keeps the delay growing.
 */
export function backoffDelayMs(
  attempt: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Milliseconds a `Retry-After` header asks to wait: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unparseable; never negative.
 */
export function parseRetryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // HTTP dates start with the day name; this keeps Date.parse from reading "-1" or "1.5" as dates.
  if (!/^[A-Za-z]{3,9},? /.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** The wait before retry `attempt`: the server's Retry-After when it gave one, else the backoff; capped. */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, settings.maxMs);
  return backoffDelayMs(attempt, settings, random);
}
