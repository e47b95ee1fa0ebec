import { parseDuration } from '@loglens/platform';

/** Durations of LogSource and AlertRule specs: Go-style sums with days and weeks (`1h30m`, `7d`, `2w`). */

const WHOLE = /^(?:\d+(?:ms|s|m|h|d|w))+$/;
const PART = /(\d+)(ms|s|m|h|d|w)/g;

/**
 * Milliseconds of a spec duration, or `undefined` when it is malformed or too large to count exactly (the
 * schema's pattern accepts any number of digits, so `99999999999999w` passes it but means nothing). Each
 * part is read by the platform's single-unit parser; weeks are seven days.
 */
export function parseSpecDuration(text: string): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  let total = 0;
  for (const [, amount = '', unit = ''] of text.matchAll(PART)) {
    const part = unit === 'w' ? parseDuration(`${Number(amount) * 7}d`) : parseDuration(`${amount}${unit}`);
    total += part ?? Number.NaN;
  }
  return Number.isSafeInteger(total) ? total : undefined;
}
