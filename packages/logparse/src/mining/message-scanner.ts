import * as classes from './char-class.js';
import { endPiece, maskAtDelimiter } from './piece-rules.js';
import * as results from './scan-result.js';
import type { MessageScanner } from './scan-result.js';
import { ScanState } from './scan-state.js';
import {
  isNumeric,
  isPathLead,
  isRelativePathStart,
  isSizeUnit,
  mayBeLiteral,
  spanEnd,
} from './token-shapes.js';

// V8 reads an imported binding through its module cell, with a check that it is initialised, at every
// use; a module-level const of this module is folded into the compiled code. The hot loops use these.
const CHAR_FLAGS = classes.CHAR_FLAGS;
const SPACE = classes.SPACE;
const DELIM = classes.DELIM;
const DIGIT = classes.DIGIT;
const LETTER = classes.LETTER;
const HEX = classes.HEX;
const DOT = classes.DOT;
const CLOSER = classes.CLOSER;
const VarHint = results.VarHint;

const CH_DOT = 46;
const CH_EQ = 61;
const CH_SP = 32;
const CH_LT = 60;
const CH_SLASH = 47;
const CH_QUOTE = 34;
const CH_COLON = 58;
const CH_GT = 62;
const CH_DASH = 45;

/** Creates a scanner with its own scratch buffers. */
export function createMessageScanner(): MessageScanner {
  const state = new ScanState();
  return { scan: (message) => scanMessage(state, message) };
}

/**
 * Scans a message in one pass: tokens are separated by whitespace runs (written as one space in the key),
 * and each token is read once, its constant units copied into the key as they are read.
 */
function scanMessage(st: ScanState, msg: string): ScanState {
  st.reset(msg);
  const src = st.src;
  const n = st.n;
  let i = 0;
  while (i < n && (CHAR_FLAGS[src[i] ?? 0] ?? 0) & SPACE) i++;
  let afterEquals = false;
  while (i < n) {
    const t = st.beginToken(i);
    let e = scanToken(st, i, i, afterEquals);
    e = absorbSizeUnit(st, t, i, e);
    st.endToken(t, e);
    // "key = value": the token after a lone or trailing '=' is a value.
    afterEquals = src[e - 1] === CH_EQ;
    // The token ended at a space or at the end of the message.
    let j = e + 1;
    while (j < n && (CHAR_FLAGS[src[j] ?? 0] ?? 0) & SPACE) j++;
    // Whitespace runs collapse to one space, so "a  b" and "a b" share a template.
    if (j < n) st.keyCodes[st.kpos++] = CH_SP;
    i = j;
  }
  st.finish();
  return st;
}

/**
 * Scans the token starting at s from offset `from`; returns its end (a quoted value may extend it).
 * Pieces (runs without delimiters) are read by the inner loop, which copies their units into the key and
 * counts what `endPiece` needs to decide whether the piece is a variable.
 */
function scanToken(st: ScanState, s: number, from: number, valueContext: boolean): number {
  const src = st.src;
  const n = st.n;
  // Capacity is reserved by `reset`, so this reference stays valid for the whole scan.
  const codes = st.keyCodes;
  let kp = st.kpos;
  let j = from;
  let value = valueContext;
  while (j < n) {
    const c = src[j] ?? 0;
    const f = CHAR_FLAGS[c] ?? 0;
    if (f & (SPACE | DELIM | DOT)) {
      if (f & SPACE) break;
      if (f & DELIM) {
        if (c === CH_LT || c === CH_SLASH || c === CH_QUOTE) {
          st.kpos = kp;
          const resume = maskAtDelimiter(st, c, j, s);
          if (resume >= 0) {
            kp = st.kpos;
            j = resume;
            continue;
          }
        }
        // Other delimiters are kept literally.
        if (c === CH_EQ) value = true;
        codes[kp++] = c;
        j++;
        continue;
      }
      // A dot opening the token or following a delimiter may start a relative path (./x, ../x).
      if ((j === s || isPathLead(src[j - 1] ?? 0)) && isRelativePathStart(src, j, n)) {
        const pe = spanEnd(src, j, n);
        st.kpos = kp;
        st.emitVar(j, pe, VarHint.Path);
        kp = st.kpos;
        j = pe;
        continue;
      }
      if (src[j + 1] === CH_DOT) {
        // Leader dots ("enable......0") separate a label from its value.
        codes[kp++] = CH_DOT;
        codes[kp++] = CH_DOT;
        j += 2;
        while (src[j] === CH_DOT) {
          codes[kp++] = CH_DOT;
          j++;
        }
        continue;
      }
    }
    const start = j;
    let dots = 0;
    let digits = 0;
    let boundaryDigit = false;
    let all = HEX;
    let prev = 0;
    while (j < n) {
      const d = src[j] ?? 0;
      const g = CHAR_FLAGS[d] ?? 0;
      if (g & (DELIM | SPACE | DOT | DIGIT)) {
        if (g & (DELIM | SPACE)) break;
        if (g & DOT) {
          if (src[j + 1] === CH_DOT) break;
          if (prev & LETTER) dots++;
        } else {
          digits++;
          // A number standing on its own (start, after '_', '-', '.') is a value; "ssh2" is a name.
          if (!(prev & (LETTER | DIGIT))) boundaryDigit = true;
        }
      }
      all &= g;
      prev = g;
      codes[kp++] = d;
      j++;
    }
    // `a->b`: the arrow's dash belongs to neither side (`10.0.0.1:5000->10.0.0.2:53`).
    if (src[j] === CH_GT && src[j - 1] === CH_DASH && j - 1 > start) {
      j--;
      kp--;
      all = HEX;
      for (let i = start; i < j; i++) all &= CHAR_FLAGS[src[i] ?? 0] ?? 0;
    }
    // Most pieces are words: no digit, not hex, not a literal, no ':' after, not a dotted value.
    if (
      digits > 0 ||
      src[j] === CH_COLON ||
      (all !== 0 && j - start >= 8) ||
      (value && dots >= 2) ||
      mayBeLiteral(src, start, j)
    ) {
      st.kpos = kp;
      j = endPiece(st, start, j, s, value, digits, dots, boundaryDigit, all !== 0);
      kp = st.kpos;
    }
  }
  st.kpos = kp;
  return j;
}

/**
 * Human-readable sizes pick their unit by magnitude ("93.0 B", "5.2 KB"), so a number followed by a size
 * unit is one value: the unit joins the number's variable. Returns the (possibly extended) token end.
 */
function absorbSizeUnit(st: ScanState, t: number, s: number, e: number): number {
  const v = st.varCount - 1;
  if (v < 0 || st.varTok[v] !== t || st.varStart[v] !== s || st.varEnd[v] !== e) return e;
  const src = st.src;
  const n = st.n;
  if (e + 1 >= n || src[e] !== CH_SP || !isNumeric(src, s, e)) return e;
  let u = e + 1;
  while (u < n && (CHAR_FLAGS[src[u] ?? 0] ?? 0) & LETTER) u++;
  if (!isSizeUnit(src, e + 1, u)) return e;
  if (u < n && !((CHAR_FLAGS[src[u] ?? 0] ?? 0) & (SPACE | CLOSER))) return e;
  st.varEnd[v] = u;
  return scanToken(st, s, u, false);
}
