import * as classes from './char-class.js';
import * as results from './scan-result.js';
import type { ScanState } from './scan-state.js';
import {
  hasSpace,
  isLiteralValue,
  isPathLead,
  labelSplit,
  matchHexColons,
  matchIpv4,
  spanEnd,
} from './token-shapes.js';

/** The rules that decide, at a delimiter or at the end of a piece, whether text is a variable. */

// Module-level copies: V8 folds these into compiled code, while an imported binding is read (and checked
// for initialisation) at every use.
const CHAR_FLAGS = classes.CHAR_FLAGS;
const SPACE = classes.SPACE;
const DELIM = classes.DELIM;
const LETTER = classes.LETTER;
const VarHint = results.VarHint;

const REDACTED_PREFIX = '<redacted:';
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_COLON = 58;
const CH_BACKSLASH = 92;
const CH_QUOTE = 34;
const CH_EQ = 61;
const CH_LT = 60;

/**
 * A delimiter at j of the token starting at s may open a value: a redaction marker, a Java address
 * (`/10.0.0.1`), a path, or a quoted value after `=`. Masks it and returns where scanning resumes, or -1
 * when the delimiter is plain text. The key must be written up to j.
 */
export function maskAtDelimiter(st: ScanState, c: number, j: number, s: number): number {
  const msg = st.message;
  const src = st.src;
  const n = st.n;
  if (c === CH_LT && msg.startsWith(REDACTED_PREFIX, j)) {
    const g = msg.indexOf('>', j);
    if (g !== -1 && !hasSpace(src, j, g)) {
      st.emitVar(j, g + 1, VarHint.Redacted);
      return g + 1;
    }
  }
  if (c === CH_SLASH && (j === s || isPathLead(src[j - 1] ?? 0))) {
    // Java prints addresses as "/10.0.0.1" or "host/10.0.0.1": the slash belongs to the address.
    const ipEnd = matchIpv4(src, j + 1, n);
    if (ipEnd > 0) {
      st.emitVar(j, ipEnd, VarHint.Ip);
      return ipEnd;
    }
    if (!((CHAR_FLAGS[src[j + 1] ?? 0] ?? 0) & (DELIM | SPACE)) && j + 1 < n) {
      const pe = spanEnd(src, j, n);
      st.emitVar(j, pe, VarHint.Path);
      return pe;
    }
  }
  if (c === CH_QUOTE && j > s && src[j - 1] === CH_EQ) {
    // key="quoted value" is a value, spaces included, so the token count does not depend on it.
    const q = closingQuote(msg, j + 1);
    if (q > j + 1) {
      st.keyCodes[st.kpos++] = CH_QUOTE;
      st.emitVar(j + 1, q, VarHint.Quoted);
      st.keyCodes[st.kpos++] = CH_QUOTE;
      return q + 1;
    }
  }
  return -1;
}

/** The first `"` at or after `from` that no backslash escapes (`err="say \"hi\""`), or -1. */
function closingQuote(msg: string, from: number): number {
  for (let q = msg.indexOf('"', from); q !== -1; q = msg.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (q - backslashes > from && msg.charCodeAt(q - backslashes - 1) === 92) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return -1;
}

/**
 * Decides whether the piece [j, k) of the token starting at s is a variable, from what the piece loop
 * counted, and masks it. The piece's units are already written at the end of the key (unmasked, since
 * most pieces are constant); a variable rewinds over them. Returns where scanning resumes.
 */
export function endPiece(
  st: ScanState,
  j: number,
  k: number,
  s: number,
  value: boolean,
  digits: number,
  dots: number,
  boundaryDigit: boolean,
  hexOnly: boolean,
): number {
  const src = st.src;
  if (src[k] === CH_COLON) {
    const special = colonSpecial(st, j, k, s, hexOnly);
    if (special > 0) return special;
  }
  // A sentence's closing dot is not part of the value before it ("on port 8080.").
  let end = k;
  while (end > j + 1 && src[end - 1] === CH_DOT) end--;
  let a = -1;
  if (digits > 0) {
    const split = labelSplit(src, j, end);
    if (split > j) a = split;
    else if (boundaryDigit || digits >= 2) a = j;
  } else if ((hexOnly && end - j >= 8) || isLiteralValue(src, j, end)) {
    a = j;
  } else if (value && dots >= 2) {
    // After '=', a dotted name (package, host, class; not a mere file name) is the value of the key.
    a = j;
  }
  if (a >= 0) {
    st.kpos -= k - a;
    st.emitVar(a, end, VarHint.Plain);
    for (let x = end; x < k; x++) st.keyCodes[st.kpos++] = CH_DOT;
  }
  return k;
}

/** A piece followed by ':' may start a URL, a Windows path or a MAC/IPv6 address; returns its end or 0. */
function colonSpecial(st: ScanState, j: number, k: number, s: number, hexOnly: boolean): number {
  const src = st.src;
  const n = st.n;
  const first = CHAR_FLAGS[src[j] ?? 0] ?? 0;
  if (src[k + 1] === CH_SLASH && src[k + 2] === CH_SLASH && first & LETTER) {
    const ue = spanEnd(src, k + 3, n);
    if (ue > k + 3) {
      const codes = st.keyCodes;
      codes[st.kpos++] = CH_COLON;
      codes[st.kpos++] = CH_SLASH;
      codes[st.kpos++] = CH_SLASH;
      st.emitVar(k + 3, ue, VarHint.Url);
      return ue;
    }
  }
  if (k === j + 1 && first & LETTER && src[k + 1] === CH_BACKSLASH) {
    const pe = spanEnd(src, j, n);
    st.kpos -= k - j;
    st.emitVar(j, pe, VarHint.Path);
    return pe;
  }
  if (hexOnly && k - j <= 4 && (j === s || isPathLead(src[j - 1] ?? 0))) {
    // MAC and IPv6 addresses: hex groups joined by ':' are one value, not a row of numbers.
    const he = matchHexColons(src, j, n);
    if (he > 0) {
      st.kpos -= k - j;
      st.emitVar(j, he, VarHint.Plain);
      return he;
    }
  }
  return 0;
}
