import type { TimeZone } from './time-zone.js';

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
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
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
  const refYear = new Date(ctx.reference).getUTCFullYear();

  return function parseTimestamp(text, start = 0, end = text.length) {
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
        const word = text.slice(s, i).toLowerCase();
        if (word === 'z' || word === 'utc' || word === 'gmt') utc = true;
        else if (word === 't') sep = 32;
        else if (word === 'am' || word === 'pm') meridiem = word === 'am' ? 1 : 2;
        else if (word.length >= 3) {
          const m = MONTHS.indexOf(word.slice(0, 3));
          if (m >= 0 && month < 0) month = m;
          else if (!WEEKDAYS.includes(word.slice(0, 3))) return undefined;
        } else return undefined;
        continue;
      }
      sep = c;
      i++;
    }
    if (n === 0) return undefined;
    return interpret(n, month, meridiem, utc, offset, timeAt, text);
  };

  function interpret(
    n: number,
    month: number,
    meridiem: number,
    utc: boolean,
    offset: number,
    timeAtColon: number,
    text: string,
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
        mon = Math.floor(d / 100) % 100;
        day = d % 100;
        const t = value[1]!;
        const fraction = n > 2 ? millis(2) : 0;
        return finish(year, mon, day, Math.floor(t / 10_000), Math.floor(t / 100) % 100, t % 100, fraction);
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
      if (length[0] === 4) [year, mon, day] = [a, b, c];
      else if (length[2] === 4) [year, mon, day] = a > 12 ? [c, b, a] : [c, a, b];
      else if (a > 12) [year, mon, day] = [twoDigitYear(a), b, c];
      else [year, mon, day] = [twoDigitYear(c), a, b];
    } else if (dateGroups === 2) [mon, day] = [value[0]!, value[1]!];
    else if (dateGroups === 1 && length[0] === 8) {
      const d = value[0]!;
      [year, mon, day] = [Math.floor(d / 10_000), Math.floor(d / 100) % 100, d % 100];
    } else if (dateGroups === 1 && length[0] === 4) {
      // `MMdd`, as glog writes it after the level letter.
      [mon, day] = [Math.floor(value[0]! / 100), value[0]! % 100];
    } else if (dateGroups !== 0) return undefined;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let fraction = 0;
    if (timeAt >= 0 && timeAt < n) {
      hour = value[timeAt]!;
      minute = timeAt + 1 < n ? value[timeAt + 1]! : 0;
      let g = timeAt + 2;
      if (g < n && (sepBefore[g] === COLON || sepBefore[g] === DOT) && length[g] === 2) second = value[g++]!;
      if (g < n && (sepBefore[g] === DOT || sepBefore[g] === COMMA)) fraction = millis(g++);
      if (g < n && length[g] === 4 && year < 0) year = value[g]!;
    }
    if (meridiem === 2 && hour < 12) hour += 12;
    else if (meridiem === 1 && hour === 12) hour = 0;
    if (dateGroups === 0) {
      const ref = new Date(ctx.reference);
      [year, mon, day] = [ref.getUTCFullYear(), ref.getUTCMonth() + 1, ref.getUTCDate()];
    }
    const wall = finishWall(year < 0 ? refYear : year, mon, day, hour, minute, second, fraction);
    if (wall === undefined) return undefined;
    let result = utc ? wall : Number.isNaN(offset) ? ctx.zone.fromWallClock(wall) : wall - offset * 60_000;
    // A year-less timestamp later than the reference belongs to the year before (December logs read in January).
    if (year < 0 && result > ctx.reference + 2 * DAY) {
      const earlier = finishWall(refYear - 1, mon, day, hour, minute, second, fraction);
      if (earlier !== undefined) result = utc ? earlier : ctx.zone.fromWallClock(earlier);
    }
    return result;

    function finish(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) {
      const w = finishWall(y, mo, d, h, mi, s, ms);
      if (w === undefined) return undefined;
      return utc ? w : Number.isNaN(offset) ? ctx.zone.fromWallClock(w) : w - offset * 60_000;
    }
  }

  function fromEpoch(n: number, text: string): number | undefined {
    const len = length[0]!;
    if (n > 2 || (n === 2 && sepBefore[1] !== DOT)) return undefined;
    const head = (digits: number): number => Number(text.slice(from[0], from[0]! + digits));
    if (len === 10) return head(10) * 1000 + (n === 2 ? millis(1) : 0);
    if (len === 13 && n === 1) return head(13);
    if (len === 16 && n === 1) return head(13);
    if (len === 19 && n === 1) return head(13);
    return undefined;
  }

  function compact(text: string, at: number, utc: boolean, offset: number): number | undefined {
    const num = (s: number, l: number): number => Number(text.slice(at + s, at + s + l));
    const w = finishWall(num(0, 4), num(4, 2), num(6, 2), num(8, 2), num(10, 2), num(12, 2), 0);
    if (w === undefined) return undefined;
    return utc ? w : Number.isNaN(offset) ? ctx.zone.fromWallClock(w) : w - offset * 60_000;
  }

  function millis(g: number): number {
    const len = length[g]!;
    if (len <= 3) return value[g]! * 10 ** (3 - len);
    return Math.floor(value[g]! / 10 ** (len - 3));
  }

  function twoDigitYear(yy: number): number {
    return 2000 + yy > refYear + 1 ? 1900 + yy : 2000 + yy;
  }
}

function finishWall(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return undefined;
  if (year < 1970 || year > 2200) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

function readOffset(text: string, at: number, end: number): { minutes: number; next: number } | undefined {
  let digits = '';
  let i = at;
  while (i < end && digits.length < 4) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) digits += text[i];
    else if (c !== COLON || digits.length !== 2) break;
    i++;
  }
  if (digits.length !== 2 && digits.length !== 4) return undefined;
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length === 4 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return undefined;
  return { minutes: hours * 60 + minutes, next: i };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
