import { CLOSER, DELIM, DIGIT, HEX, LETTER, SPACE, flagsOf } from './char-class.js';

/** Shapes recognised inside tokens: small pure predicates used by the message scanner. */

const CH_DOT = 46;
const CH_SLASH = 47;
const CH_COLON = 58;
const CH_BACKSLASH = 92;
const CH_DASH = 45;

/** Whether [a, b) holds a space. */
export function hasSpace(msg: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (flagsOf(msg.charCodeAt(i)) & SPACE) return true;
  return false;
}

/** A path may start after these: token start, or a delimiter such as '(', '=', ':', '[' or a quote. */
export function isPathLead(code: number): boolean {
  return (flagsOf(code) & DELIM) !== 0 && code !== CH_SLASH && code !== CH_BACKSLASH;
}

/** End of a path or URL starting at a: up to a closing bracket, quote or comma; trailing '.', ':' excluded. */
export function spanEnd(msg: string, a: number, e: number): number {
  let k = a + 1;
  while (k < e && !(flagsOf(msg.charCodeAt(k)) & (CLOSER | SPACE))) k++;
  while (k > a + 1 && (msg.charCodeAt(k - 1) === CH_DOT || msg.charCodeAt(k - 1) === CH_COLON)) k--;
  return k;
}

/** "node-12", "core.7": a letters-only label joined by '-' or '.' to a number; returns where the number starts. */
export function labelSplit(msg: string, j: number, k: number): number {
  let p = j;
  while (p < k && flagsOf(msg.charCodeAt(p)) & LETTER) p++;
  if (p === j || p + 1 >= k) return -1;
  const c = msg.charCodeAt(p);
  if (c !== CH_DASH && c !== CH_DOT) return -1;
  return flagsOf(msg.charCodeAt(p + 1)) & DIGIT ? p + 1 : -1;
}

/** "./x" or "../x". */
export function isRelativePathStart(msg: string, j: number, e: number): boolean {
  if (j + 2 < e && msg.charCodeAt(j + 1) === CH_SLASH)
    return !(flagsOf(msg.charCodeAt(j + 2)) & (DELIM | SPACE));
  return j + 3 < e && msg.charCodeAt(j + 1) === CH_DOT && msg.charCodeAt(j + 2) === CH_SLASH;
}

/** End of at least 4 groups of 1-4 hex digits joined by ':' (MAC, IPv6), up to a closer; else -1. */
export function matchHexColons(msg: string, j: number, e: number): number {
  let k = j;
  let groups = 0;
  for (;;) {
    const start = k;
    while (k < e && k - start < 4 && flagsOf(msg.charCodeAt(k)) & HEX) k++;
    if (k === start) return -1;
    groups++;
    if (k < e && msg.charCodeAt(k) === CH_COLON) {
      k++;
      continue;
    }
    break;
  }
  if (groups < 4) return -1;
  if (k < e && !(flagsOf(msg.charCodeAt(k)) & (CLOSER | SPACE))) return -1;
  return k;
}

/** End of a dotted IPv4 address starting at a, or -1. */
export function matchIpv4(msg: string, a: number, e: number): number {
  let k = a;
  for (let group = 0; group < 4; group++) {
    if (group > 0) {
      if (k >= e || msg.charCodeAt(k) !== CH_DOT) return -1;
      k++;
    }
    const start = k;
    while (k < e && k - start < 3 && flagsOf(msg.charCodeAt(k)) & DIGIT) k++;
    if (k === start) return -1;
  }
  if (k < e && flagsOf(msg.charCodeAt(k)) & (DIGIT | LETTER)) return -1;
  return k;
}

/** Size units of human-readable sizes. */
export const SIZE_UNITS: ReadonlySet<string> = new Set([
  'B',
  'KB',
  'MB',
  'GB',
  'TB',
  'PB',
  'KiB',
  'MiB',
  'GiB',
  'TiB',
  'kB',
]);

/** A signed decimal number. */
export function isNumeric(msg: string, a: number, b: number): boolean {
  let i = a;
  const c = msg.charCodeAt(i);
  if (c === CH_DASH || c === 43) i++;
  let digits = 0;
  let dots = 0;
  for (; i < b; i++) {
    const d = msg.charCodeAt(i);
    if (flagsOf(d) & DIGIT) digits++;
    else if (d === CH_DOT && dots === 0) dots++;
    else return false;
  }
  return digits > 0;
}

const LITERALS = ['true', 'false', 'null', 'none', 'nil', 'undefined'];

/** Boolean and null literals are values whatever their case: `enabled=true`, `config null`. */
export function isLiteralValue(msg: string, j: number, k: number): boolean {
  const len = k - j;
  if (len < 3 || len > 9) return false;
  // First letters of the literals (t, f, n, u), any case: most words are rejected here.
  const first = msg.charCodeAt(j) | 0x20;
  if (first !== 116 && first !== 102 && first !== 110 && first !== 117) return false;
  for (const word of LITERALS) {
    if (word.length !== len) continue;
    let same = true;
    for (let p = 0; p < len; p++) {
      if ((msg.charCodeAt(j + p) | 0x20) !== word.charCodeAt(p)) {
        same = false;
        break;
      }
    }
    if (same) return true;
  }
  return false;
}
