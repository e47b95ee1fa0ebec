import { createMinuteCache, type MinuteFields } from './minute-cache.js';
import type { TimeZone } from './time-zone.js';
import {
  digitsValue,
  finishWall,
  fractionMillis,
  isDigit,
  isLetter,
  readOffset,
  readWord,
  WORD_AM,
  WORD_INVALID,
  WORD_PM,
  WORD_T,
  WORD_UTC,
} from './timestamp-fields.js';

/** What a timestamp parser needs beyond the text: the zone of naive times and "now" for missing years. */
export interface TimestampContext {
  readonly zone: TimeZone;
  /** Epoch ms used to infer a missing year (the year that puts the time closest before this reference). */
  readonly reference: number;
}

/** Parses a timestamp in `text[start, end)` to epoch ms, or undefined when it is not one. */
export type TimestampParser = (text: string, start?: number, end?: number) => number | undefined;

const MAX_GROUPS = 12;
const DAY = 86_400_000;
const COLON = 58;
const DOT = 46;
const COMMA = 44;

/**
 * Creates a parser for the timestamp shapes logs use: ISO 8601/RFC 3339 (with `T` or a space, offsets or Z),
 * `yyyy-MM-dd HH:mm:ss,SSS`, `yy/MM/dd`, `MM-dd` and syslog `Dec 10 06:55:46` (year inferred), Apache
 * `Sun Dec 04 04:47:44 2005`, access-log `10/Oct/2000:13:55:36 -0700`, compact `yyMMdd HHmmss`,
 * `yyyy-MM-dd-HH.mm.ss.SSSSSS`, and epoch seconds/ms/µs/ns. Scans characters; no regular expressions.
 */
export function createTimestampParser(ctx: TimestampContext): TimestampParser {
  // Scratch space owned by this parser instance, reused across calls.
  const value = new Float64Array(MAX_GROUPS);
  const length = new Int32Array(MAX_GROUPS);
  const from = new Int32Array(MAX_GROUPS);
  const sepBefore = new Int32Array(MAX_GROUPS);
  const refDate = new Date(ctx.reference);
  const refYear = refDate.getUTCFullYear();
  const minutes = createMinuteCache(minuteBase);

  return function parseTimestamp(text, start = 0, end = text.length) {
    const cached = minutes.lookup(text, start, end);
    if (cached !== undefined) return cached;
    let n = 0;
    let month = -1;
    let meridiem = 0;
    let utc = false;
    let offset = Number.NaN;
    let sep = 0;
    let timeAt = -1;
    let i = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (n === MAX_GROUPS) return undefined;
        let v = 0;
        const s = i;
        while (i < end) {
          const d = text.charCodeAt(i);
          if (d < 48 || d > 57) break;
          v = v * 10 + (d - 48);
          i++;
        }
        value[n] = v;
        length[n] = i - s;
        from[n] = s;
        sepBefore[n] = sep;
        // `2000:13:55:36` (access logs) glues the year to the time with a colon.
        if (sep === COLON && timeAt < 0) timeAt = length[n - 1] === 4 ? n : n - 1;
        n++;
        sep = 0;
        continue;
      }
      if ((c === 43 || c === 45) && timeAt >= 0 && n >= timeAt + 2 && isDigit(text.charCodeAt(i + 1))) {
        const parsed = readOffset(text, i + 1, end);
        if (parsed === undefined) return undefined;
        offset = (c === 45 ? -1 : 1) * parsed.minutes;
        i = parsed.next;
        continue;
      }
      if (isLetter(c)) {
        const s = i;
        while (i < end && isLetter(text.charCodeAt(i))) i++;
        const word = readWord(text, s, i);
        if (word === WORD_UTC) utc = true;
        else if (word === WORD_T) sep = 32;
        else if (word === WORD_AM || word === WORD_PM) meridiem = word === WORD_AM ? 1 : 2;
        else if (word === WORD_INVALID || (word >= 0 && month >= 0)) return undefined;
        else if (word >= 0) month = word;
        continue;
      }
      sep = c;
      i++;
    }
    if (n === 0) return undefined;
    return interpret(n, month, meridiem, utc, offset, timeAt, text, start, end);
  };

  function interpret(
    n: number,
    month: number,
    meridiem: number,
    utc: boolean,
    offset: number,
    timeAtColon: number,
    text: string,
    start: number,
    end: number,
  ): number | undefined {
    let timeAt = timeAtColon;
    let year = -1;
    let mon = month + 1;
    let day = -1;
    if (month < 0 && timeAt < 0) {
      const epoch = fromEpoch(n, text);
      if (epoch !== undefined) return epoch;
      const len0 = length[0]!;
      if (len0 === 14) return compact(text, from[0]!, utc, offset);
      // yyyy-MM-dd-HH.mm.ss: a date followed by dot-separated time fields.
      if (n >= 6 && len0 === 4) timeAt = 3;
      else if (n >= 2 && (len0 === 6 || len0 === 8) && length[1] === 6) {
        const d = value[0]!;
        year = len0 === 8 ? Math.floor(d / 10_000) : twoDigitYear(Math.floor(d / 10_000));
        const t = value[1]!;
        const fraction = n > 2 ? millis(2) : 0;
        const w = finishWall(
          year,
          Math.floor(d / 100) % 100,
          d % 100,
          Math.floor(t / 10_000),
          Math.floor(t / 100) % 100,
          t % 100,
          fraction,
        );
        return w === undefined ? undefined : zoned(w, utc, offset);
      } else if (n === 3) timeAt = 3;
      else if (n === 2 && len0 <= 2 && length[1]! <= 2) timeAt = 2;
      else if (!(n === 1 && len0 === 8)) return undefined;
    }
    const dateGroups = timeAt < 0 ? n : timeAt;
    if (month >= 0) {
      for (let g = 0; g < dateGroups; g++) {
        if (length[g] === 4) year = value[g]!;
        else if (length[g]! <= 2 && day < 0) day = value[g]!;
      }
    } else if (dateGroups === 3) {
      const a = value[0]!;
      const b = value[1]!;
      const c = value[2]!;
      if (length[0] === 4) {
        year = a;
        mon = b;
        day = c;
      } else if (length[2] === 4) {
        year = c;
        mon = a > 12 ? b : a;
        day = a > 12 ? a : b;
      } else if (a > 12) {
        year = twoDigitYear(a);
        mon = b;
        day = c;
      } else {
        year = twoDigitYear(c);
        mon = a;
        day = b;
      }
    } else if (dateGroups === 2) {
      mon = value[0]!;
      day = value[1]!;
    } else if (dateGroups === 1 && length[0] === 8) {
      const d = value[0]!;
      year = Math.floor(d / 10_000);
      mon = Math.floor(d / 100) % 100;
      day = d % 100;
    } else if (dateGroups === 1 && length[0] === 4) {
      // `MMdd`, as glog writes it after the level letter.
      mon = Math.floor(value[0]! / 100);
      day = value[0]! % 100;
    } else if (dateGroups !== 0) return undefined;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let fraction = 0;
    let secondGroup = -1;
    let fractionGroup = -1;
    let g = n;
    if (timeAt >= 0 && timeAt < n) {
      hour = value[timeAt]!;
      minute = timeAt + 1 < n ? value[timeAt + 1]! : 0;
      g = timeAt + 2;
      if (g < n && (sepBefore[g] === COLON || sepBefore[g] === DOT) && length[g] === 2) {
        secondGroup = g;
        second = value[g++]!;
      }
      if (g < n && (sepBefore[g] === DOT || sepBefore[g] === COMMA)) {
        fractionGroup = g;
        fraction = millis(g++);
      }
      if (g < n && length[g] === 4 && year < 0) year = value[g]!;
    }
    if (meridiem === 2 && hour < 12) hour += 12;
    else if (meridiem === 1 && hour === 12) hour = 0;
    if (dateGroups === 0) {
      year = refYear;
      mon = refDate.getUTCMonth() + 1;
      day = refDate.getUTCDate();
    }
    const result = resolve(year, mon, day, hour, minute, second, fraction, utc, offset);
    // Cache the minute: lines of the same minute differ only in the seconds and fraction.
    if (result !== undefined && secondGroup >= 0) {
      const at = from[secondGroup]!;
      const f = fractionGroup;
      if (f < 0 || from[f] === at + 3) {
        const digitsEnd = f < 0 ? at + 2 : from[f]! + length[f]!;
        const fields = [year, mon, day, hour, minute, utc ? 1 : 0, offset] as const;
        minutes.store(text, start, at, digitsEnd, end, f < 0 ? 0 : sepBefore[f]!, fields);
      }
    }
    return result;
  }

  /** Epoch ms of wall-clock fields; a missing year (-1) is the reference's, or the year before. */
  function resolve(
    year: number,
    mon: number,
    day: number,
    hour: number,
    minute: number,
    second: number,
    fraction: number,
    utc: boolean,
    offset: number,
  ): number | undefined {
    const wall = finishWall(year < 0 ? refYear : year, mon, day, hour, minute, second, fraction);
    if (wall === undefined) return undefined;
    let result = zoned(wall, utc, offset);
    // A year-less timestamp later than the reference belongs to the year before (December logs read in January).
    if (year < 0 && result > ctx.reference + 2 * DAY) {
      const earlier = finishWall(refYear - 1, mon, day, hour, minute, second, fraction);
      if (earlier !== undefined) result = utc ? earlier : ctx.zone.fromWallClock(earlier);
    }
    return result;
  }

  /**
   * Epoch ms at second 0 of the cached minute, or NaN when its seconds do not map linearly to epoch ms. Zone
   * offsets are constant per hour, so equal offsets at both ends of the minute hold in between; a year-less
   * minute must also fall on one side of the year-before cut-off at both ends.
   */
  function minuteBase(fields: MinuteFields): number {
    const [year, mon, day, hour, minute, utcFlag, offset] = fields;
    const utc = utcFlag === 1;
    const first = resolve(year, mon, day, hour, minute, 0, 0, utc, offset);
    const last = resolve(year, mon, day, hour, minute, 59, 999, utc, offset);
    if (first === undefined || last !== first + 59_999) return Number.NaN;
    if (year < 0) {
      const a = finishWall(refYear, mon, day, hour, minute, 0, 0);
      const b = finishWall(refYear, mon, day, hour, minute, 59, 999);
      if (a === undefined || b === undefined || zoned(b, utc, offset) !== zoned(a, utc, offset) + 59_999)
        return Number.NaN;
    }
    return first;
  }

  function zoned(wall: number, utc: boolean, offset: number): number {
    return utc ? wall : Number.isNaN(offset) ? ctx.zone.fromWallClock(wall) : wall - offset * 60_000;
  }

  function fromEpoch(n: number, text: string): number | undefined {
    const len = length[0]!;
    if (n > 2 || (n === 2 && sepBefore[1] !== DOT)) return undefined;
    if (len === 10) return digitsValue(text, from[0]!, 10) * 1000 + (n === 2 ? millis(1) : 0);
    if (n === 1 && (len === 13 || len === 16 || len === 19)) return digitsValue(text, from[0]!, 13);
    return undefined;
  }

  function compact(text: string, at: number, utc: boolean, offset: number): number | undefined {
    const num = (s: number, l: number): number => digitsValue(text, at + s, l);
    const w = finishWall(num(0, 4), num(4, 2), num(6, 2), num(8, 2), num(10, 2), num(12, 2), 0);
    return w === undefined ? undefined : zoned(w, utc, offset);
  }

  function millis(g: number): number {
    return fractionMillis(value[g]!, length[g]!);
  }

  function twoDigitYear(yy: number): number {
    return 2000 + yy > refYear + 1 ? 1900 + yy : 2000 + yy;
  }
}
