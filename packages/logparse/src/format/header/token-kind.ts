import { levelFromLetter, levelFromWord } from '../level.js';
import type { TimestampParser } from '../timestamp.js';
import type { Token } from './tokenize.js';

/** What a header token looks like, judged from its text alone. */
export type TokenKind =
  | 'datetime'
  | 'date'
  | 'time'
  | 'month'
  | 'weekday'
  | 'zone'
  | 'digits'
  | 'level'
  | 'letter'
  | 'glog'
  | 'punct'
  /** A lone `-`, the usual placeholder of an empty field: it agrees with any field kind of its column. */
  | 'nil'
  | 'component'
  | 'caller'
  | 'bracket'
  | 'word'
  // Decided per column from all its values, never from one token:
  | 'epoch'
  | 'day'
  | 'year';

const TIME = /^\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?,?$/;
const DATE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}-\d{1,2}),?$/;
const MONTH = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*,?$/i;
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?$/i;
const ZONE = /^(?:UTC|GMT|Z|[+-]\d{2}:?\d{2})$/;
const DIGITS = /^-?\d+,?$/;
const GLOG = /^[IWEFD]\d{4}$/;
const PUNCT = /^[-|:*#.>=~—]{1,3}$/;
const CALLER = /^[\w./@$-]+\.[A-Za-z]{1,5}:\d+\]?:?$/;
const COMPONENT = /^[^\s:][^\s]*:$/;
/** Lower-case first letters of the month and weekday names. */
const MONTH_INITIALS: readonly number[] = [...'jfmasond'].map((c) => c.charCodeAt(0));
const WEEKDAY_INITIALS: readonly number[] = [...'mtwfs'].map((c) => c.charCodeAt(0));

/** Classifies one token; `parse` confirms that date-like text is a real timestamp. */
export function classifyToken(line: string, token: Token, parse: TimestampParser): TokenKind {
  if (token.bracket) return classifyBracket(line.slice(token.start + 1, token.end - 1).trim(), parse);
  const text = line.slice(token.start, token.end);
  if (text === '-') return 'nil';
  // Most header tokens are words: none of these five patterns can match text that starts with a letter.
  // Each test below is guarded by a cheap necessary condition of its pattern (a length, a first letter, a
  // colon), so a plain word meets one or two regular expressions instead of ten: re-learning a header
  // classifies every token of its sample lines.
  const length = text.length;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(length - 1);
  const colon = text.indexOf(':') > 0;
  if (!isAsciiLetter(first)) {
    if (length <= 3 && PUNCT.test(text)) return 'punct';
    if (DIGITS.test(text)) return 'digits';
    if (colon && TIME.test(text)) return 'time';
    if (DATE.test(text) && parse(text) !== undefined) return 'date';
    if (/^\d{4}-\d\d-\d\d[T-]\d/.test(text) && parse(text) !== undefined) return 'datetime';
  }
  if (length === 5 && GLOG.test(text)) return 'glog';
  if (length <= 6 && ZONE.test(text)) return 'zone';
  const bare = last === 44 ? text.slice(0, -1) : text;
  if (bare.length === 1 && levelFromLetter(bare)) return 'letter';
  if (levelFromWord(text) !== undefined) return 'level';
  if (length >= 3 && isAsciiLetter(first)) {
    const lower = first | 32;
    if (MONTH_INITIALS.includes(lower) && MONTH.test(text)) return 'month';
    if (WEEKDAY_INITIALS.includes(lower) && WEEKDAY.test(text)) return 'weekday';
  }
  if (colon && CALLER.test(text)) return 'caller';
  if (last === 58 && COMPONENT.test(text) && length > 2 && !DIGITS.test(text.slice(0, -1)))
    return 'component';
  return 'word';
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * End of the timestamp inside a bracket group's text [from, to): a bracketed timestamp may carry more after
 * ` #` (Ruby's `[2024-05-01T10:00:00.123 #12]`) or `: ` (Celery's `[2024-05-01 10:00:00,123: INFO/Worker-1]`).
 */
export function bracketTimeEnd(text: string, from: number, to: number): number {
  for (let i = from; i < to - 1; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if ((c === 32 && next === 35) || (c === 58 && next === 32)) return i;
  }
  return to;
}

function classifyBracket(inner: string, parse: TimestampParser): TokenKind {
  if (inner.length === 0) return 'bracket';
  const first = inner.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const time = inner.slice(0, bracketTimeEnd(inner, 0, inner.length));
    if (parse(time) !== undefined && /\d:\d/.test(time)) return 'datetime';
  } else if (WEEKDAY.test(inner.slice(0, 3)) && parse(inner) !== undefined) return 'datetime';
  // `[error]`, `[INFO ]`, `[core:error]` (module:level, as Apache 2.4 writes it).
  const colon = inner.lastIndexOf(':');
  if (levelFromWord(colon >= 0 ? inner.slice(colon + 1) : inner) !== undefined) return 'level';
  if (inner.length === 1 && levelFromLetter(inner)) return 'letter';
  return 'bracket';
}

/** Kinds that can only be header fields when they hold a column: timestamps and levels. */
export function isStrongKind(kind: TokenKind): boolean {
  return (
    kind === 'datetime' ||
    kind === 'date' ||
    kind === 'time' ||
    kind === 'month' ||
    kind === 'level' ||
    kind === 'letter' ||
    kind === 'glog' ||
    kind === 'epoch'
  );
}

/** Kinds that close a header: what follows them is the message. */
export function isClosingKind(kind: TokenKind): boolean {
  return kind === 'component' || kind === 'caller';
}
