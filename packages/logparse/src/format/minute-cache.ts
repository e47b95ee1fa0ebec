import { fractionMillis } from './timestamp-fields.js';

/**
 * The last minute a timestamp parser read: the text up to its seconds. Logs write many lines per minute, so
 * most timestamps then only need their seconds and fraction read.
 */
export interface MinuteCache {
  /**
   * Epoch ms of `text[start, end)` when it is written like the cached text with only the seconds (0..59) and
   * fraction digits changed: the text before and after them is the same, so it reads the same way.
   */
  lookup(text: string, start: number, end: number): number | undefined;
  /**
   * Caches the minute of `text[start, end)`, whose two-digit seconds start at `at`, followed by `sep` (the
   * fraction separator, 0 without a fraction) and fraction digits up to `digitsEnd`.
   */
  store(
    text: string,
    start: number,
    at: number,
    digitsEnd: number,
    end: number,
    sep: number,
    fields: MinuteFields,
  ): void;
}

/** Wall-clock year (-1 when the text has none), month, day, hour and minute, 1 for UTC, offset in minutes. */
export type MinuteFields = readonly [number, number, number, number, number, number, number];

/** Epoch ms at second 0 of a minute, or NaN when its seconds do not map linearly to epoch ms. */
export type MinuteBase = (fields: MinuteFields) => number;

/** Creates an empty minute cache (one per timestamp parser). */
export function createMinuteCache(baseOf: MinuteBase): MinuteCache {
  let key = '';
  let suffix = '';
  let length = 0;
  let separator = 0;
  let fields: MinuteFields = [0, 0, 0, 0, 0, 0, 0];
  // NaN until a second line of the minute asks for it, so a log whose every line starts a new minute pays
  // nothing for the cache.
  let base = Number.NaN;
  let linear = true;
  return {
    lookup(text, start, end) {
      const within = offsetInMinute(text, start, end);
      if (within < 0 || !linear) return undefined;
      if (Number.isNaN(base)) {
        base = baseOf(fields);
        linear = !Number.isNaN(base);
        if (!linear) return undefined;
      }
      return base + within;
    },
    store(text, start, at, digitsEnd, end, sep, minute) {
      key = text.slice(start, at);
      suffix = text.slice(digitsEnd, end);
      length = end - start;
      separator = sep;
      fields = minute;
      base = Number.NaN;
      linear = true;
    },
  };

  /** Milliseconds into the cached minute (seconds and fraction), or -1 when the text is not in it. */
  function offsetInMinute(text: string, start: number, end: number): number {
    if (key === '' || end - start !== length) return -1;
    const at = start + key.length;
    // Backwards: the minute digits, the likeliest to differ, come last in the key.
    for (let i = key.length - 1; i >= 0; i--) if (text.charCodeAt(start + i) !== key.charCodeAt(i)) return -1;
    const d0 = text.charCodeAt(at) - 48;
    const d1 = text.charCodeAt(at + 1) - 48;
    if (!(d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9)) return -1;
    const second = d0 * 10 + d1;
    // A leap second may end in the next minute: the full parse handles it.
    if (second > 59) return -1;
    const digitsEnd = end - suffix.length;
    for (let i = 0; i < suffix.length; i++)
      if (text.charCodeAt(digitsEnd + i) !== suffix.charCodeAt(i)) return -1;
    if (separator === 0) return second * 1000;
    if (text.charCodeAt(at + 2) !== separator) return -1;
    let v = 0;
    for (let i = at + 3; i < digitsEnd; i++) {
      const d = text.charCodeAt(i) - 48;
      if (!(d >= 0 && d <= 9)) return -1;
      v = v * 10 + d;
    }
    return second * 1000 + fractionMillis(v, digitsEnd - at - 3);
  }
}
