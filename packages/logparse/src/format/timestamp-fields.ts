/** Character-level helpers of the timestamp parser: words, offsets and wall-clock fields, without copies. */

const COLON = 58;

/** Three lower-cased letters packed into one number, so words are compared without slicing. */
function code3(a: string): number {
  return (a.charCodeAt(0) << 16) | (a.charCodeAt(1) << 8) | a.charCodeAt(2);
}

const MONTH_CODES: readonly number[] = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
].map(code3);
const WEEKDAY_CODES: readonly number[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map(code3);
const UTC = code3('utc');
const GMT = code3('gmt');

/** {@link readWord}: not a timestamp word. */
export const WORD_INVALID = -1;
/** {@link readWord}: `z`, `utc` or `gmt`. */
export const WORD_UTC = -2;
/** {@link readWord}: the `T` between date and time. */
export const WORD_T = -3;
/** {@link readWord}: `am`. */
export const WORD_AM = -4;
/** {@link readWord}: `pm`. */
export const WORD_PM = -5;
/** {@link readWord}: a weekday name. */
export const WORD_WEEKDAY = -6;

/**
 * Reads the ASCII letter run `text[start, end)`: `z`, `utc`, `gmt`, `t`, `am`, `pm`, a month (index 0..11) or a
 * weekday by its first three letters; {@link WORD_INVALID} for anything else.
 */
export function readWord(text: string, start: number, end: number): number {
  const length = end - start;
  const a = lower(text.charCodeAt(start));
  if (length === 1) return a === 122 ? WORD_UTC : a === 116 ? WORD_T : WORD_INVALID;
  const b = lower(text.charCodeAt(start + 1));
  if (length === 2) {
    if (b !== 109) return WORD_INVALID;
    return a === 97 ? WORD_AM : a === 112 ? WORD_PM : WORD_INVALID;
  }
  const code = (a << 16) | (b << 8) | lower(text.charCodeAt(start + 2));
  if (length === 3 && (code === UTC || code === GMT)) return WORD_UTC;
  const month = MONTH_CODES.indexOf(code);
  if (month >= 0) return month;
  return WEEKDAY_CODES.includes(code) ? WORD_WEEKDAY : WORD_INVALID;
}

/** A numeric offset after `+` or `-`: `hh`, `hhmm` or `hh:mm`; minutes and where it ends. */
export function readOffset(
  text: string,
  at: number,
  end: number,
): { minutes: number; next: number } | undefined {
  let count = 0;
  let hours = 0;
  let minutes = 0;
  let i = at;
  while (i < end && count < 4) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (count < 2) hours = hours * 10 + (c - 48);
      else minutes = minutes * 10 + (c - 48);
      count++;
    } else if (c !== COLON || count !== 2) break;
    i++;
  }
  if (count !== 2 && count !== 4) return undefined;
  if (hours > 14 || minutes > 59) return undefined;
  return { minutes: hours * 60 + minutes, next: i };
}

/** The number written by the `count` digits at `at` (the caller has checked they are digits). */
export function digitsValue(text: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) v = v * 10 + (text.charCodeAt(i) - 48);
  return v;
}

/** Powers of ten as `10 ** k` computes them (a table lookup instead of a power per timestamp). */
const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_v, k) => 10 ** k);

function powerOfTen(k: number): number {
  return k < POWERS_OF_TEN.length ? POWERS_OF_TEN[k]! : 10 ** k;
}

/** Milliseconds of a fraction group: its value and digit count (`5` → 500, `123456` → 123). */
export function fractionMillis(value: number, length: number): number {
  if (length <= 3) return value * powerOfTen(3 - length);
  return Math.floor(value / powerOfTen(length - 3));
}

/** Epoch ms of wall-clock fields read as UTC, or undefined when a field is out of range. */
export function finishWall(
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

/** True for an ASCII digit code. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for an ASCII letter code. */
export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
