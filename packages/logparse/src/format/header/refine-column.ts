import type { TokenKind } from './token-kind.js';

/** A digit column's meaning once all its values are seen; `next` when it pairs with the following column. */
export interface RefinedColumn {
  readonly self: TokenKind;
  readonly next?: TokenKind;
}

/**
 * Decides what a column of plain numbers is from all its values: epoch seconds or milliseconds, a compact
 * `yyMMdd`/`yyyyMMdd` date (with an `HHmmss` column after it), the day after a month name, or a year.
 */
export function refineDigitColumn(
  values: readonly string[],
  before: TokenKind | undefined,
  nextValues: readonly string[] | undefined,
  after: TokenKind | undefined,
): RefinedColumn | undefined {
  const clean = values.map((v) => (v.endsWith(',') ? v.slice(0, -1) : v));
  if (clean.length === 0) return undefined;
  if (clean.every((v) => isEpoch(v))) return { self: 'epoch' };
  if (nextValues && clean.every((v) => isCompactDate(v))) {
    const times = nextValues.map((v) => v.replace(/,$/, ''));
    if (times.every((v) => v.length === 6 && isClock(v))) return { self: 'date', next: 'time' };
  }
  if (clean.every((v) => v.length === 8 && isCompactDate(v))) return { self: 'date' };
  if (before === 'month' && clean.every((v) => v.length <= 2 && Number(v) >= 1 && Number(v) <= 31)) {
    return { self: 'day' };
  }
  const nearTime = before === 'time' || before === 'day' || after === 'time' || before === 'month';
  if (nearTime && clean.every((v) => v.length === 4 && Number(v) >= 1970 && Number(v) <= 2100)) {
    return { self: 'year' };
  }
  if (after === 'month' && clean.every((v) => v.length <= 2 && Number(v) >= 1 && Number(v) <= 31))
    return { self: 'day' };
  return undefined;
}

function isEpoch(v: string): boolean {
  if (v.length === 10) return v >= '0946684800' && v < '2200000000';
  if (v.length === 13) return v >= '0946684800000' && v < '2200000000000';
  return false;
}

function isCompactDate(v: string): boolean {
  if (v.length !== 6 && v.length !== 8) return false;
  if (!/^\d+$/.test(v)) return false;
  const month = Number(v.slice(-4, -2));
  const day = Number(v.slice(-2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function isClock(v: string): boolean {
  if (!/^\d{6}$/.test(v)) return false;
  return Number(v.slice(0, 2)) < 24 && Number(v.slice(2, 4)) < 60 && Number(v.slice(4)) < 61;
}
